/** Wheel and tyre-zone conventions. Zones are relative to the car: inner faces the car's centre line. */
export const WHEELS = ['fl', 'fr', 'rl', 'rr'] as const;
export type Wheel = (typeof WHEELS)[number];

/** How a wheel is named to people: in full, and short (as on a car's setup sheet). */
export const WHEEL_NAMES: Readonly<Record<Wheel, string>> = {
  fl: 'Front left',
  fr: 'Front right',
  rl: 'Rear left',
  rr: 'Rear right',
};
export const WHEEL_SHORT_NAMES: Readonly<Record<Wheel, string>> = { fl: 'FL', fr: 'FR', rl: 'RL', rr: 'RR' };

export const TYRE_ZONES = ['inner', 'middle', 'outer'] as const;
export type TyreZone = (typeof TYRE_ZONES)[number];

/** How a source names the three zones across the tread, seen from behind the car. */
export type SourceZone = 'left' | 'middle' | 'right';

export function isLeftWheel(wheel: Wheel): boolean {
  return wheel === 'fl' || wheel === 'rl';
}

/**
 * Maps a source's left/middle/right (seen from behind the car) to inner/middle/outer.
 * On a left wheel the left edge is the outer shoulder; on a right wheel it is the inner one.
 */
export function sourceZoneToTyreZone(wheel: Wheel, zone: SourceZone): TyreZone {
  if (zone === 'middle') return 'middle';
  const leftEdgeIsOuter = isLeftWheel(wheel);
  if (zone === 'left') return leftEdgeIsOuter ? 'outer' : 'inner';
  return leftEdgeIsOuter ? 'inner' : 'outer';
}

/** The inverse of {@link sourceZoneToTyreZone}: which side of the tread (seen from behind) a zone is on. */
export function tyreZoneToSourceZone(wheel: Wheel, zone: TyreZone): SourceZone {
  if (zone === 'middle') return 'middle';
  const innerIsRight = isLeftWheel(wheel);
  if (zone === 'inner') return innerIsRight ? 'right' : 'left';
  return innerIsRight ? 'left' : 'right';
}

export function tyreTempChannel(wheel: Wheel, zone: TyreZone): string {
  return `tyre_temp_${wheel}_${zone}`;
}

export function tyrePressureChannel(wheel: Wheel): string {
  return `tyre_pressure_${wheel}`;
}

export function brakeTempChannel(wheel: Wheel): string {
  return `brake_temp_${wheel}`;
}

export interface TyreChannelRef {
  kind: 'temperature' | 'pressure' | 'brake' | 'core';
  wheel: Wheel;
  zone?: TyreZone;
}

const TYRE_CHANNEL = /^tyre_(temp|pressure|core_temp)_(fl|fr|rl|rr)(?:_(inner|middle|outer))?$/;
const BRAKE_CHANNEL = /^brake_temp_(fl|fr|rl|rr)$/;

/** Parses a canonical tyre or brake channel name, or returns undefined. */
export function parseTyreChannel(name: string): TyreChannelRef | undefined {
  const brake = BRAKE_CHANNEL.exec(name);
  if (brake) return { kind: 'brake', wheel: brake[1] as Wheel };
  const tyre = TYRE_CHANNEL.exec(name);
  if (!tyre) return undefined;
  const kind = tyre[1] === 'temp' ? 'temperature' : tyre[1] === 'pressure' ? 'pressure' : 'core';
  const zone = tyre[3] as TyreZone | undefined;
  if (kind === 'temperature' && !zone) return undefined;
  if (kind !== 'temperature' && zone) return undefined;
  return zone ? { kind, wheel: tyre[2] as Wheel, zone } : { kind, wheel: tyre[2] as Wheel };
}
