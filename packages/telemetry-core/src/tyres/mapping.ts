/**
 * Which fields hold which tyre channel: detected from naming conventions (presets), then overridden field by field.
 * Sources that name the tread zones left/middle/right (seen from behind the car) are mapped side-aware to
 * inner/middle/outer with {@link sourceZoneToTyreZone}.
 */
import {
  brakeTempChannel,
  sourceZoneToTyreZone,
  TYRE_ZONES,
  tyrePressureChannel,
  tyreTempChannel,
  WHEELS,
  type SourceZone,
  type TyreZone,
  type Wheel,
} from '../channels/wheels';

/** The channels of one wheel: surface temperature per zone, pressure, brake temperature, core (carcass) temperature. */
export interface WheelChannels {
  zones: Partial<Record<TyreZone, string>>;
  pressure?: string;
  brake?: string;
  core?: string;
}

export type TyreChannelMap = Record<Wheel, WheelChannels>;

/** What a wheel's extra channel is: pressure, brake or core temperature. */
export type WheelExtra = 'pressure' | 'brake' | 'core';
export const WHEEL_EXTRAS: readonly WheelExtra[] = ['pressure', 'brake', 'core'];

/** A naming convention. Temperatures are named by tyre zone or by source zone (left/middle/right from behind). */
export interface TyreNamingPreset {
  id: string;
  label: string;
  /** An example name, for the options editor. */
  example: string;
  zones: 'tyre' | 'source';
  temperature: (wheel: Wheel, zone: TyreZone | SourceZone) => string;
  extras: Partial<Record<WheelExtra, (wheel: Wheel) => string>>;
}

const MOTEC_WHEEL: Record<Wheel, string> = { fl: 'LF', fr: 'RF', rl: 'LR', rr: 'RR' };
const SOURCE_LETTER: Record<SourceZone, string> = { left: 'L', middle: 'M', right: 'R' };

export const TYRE_NAMING_PRESETS: readonly TyreNamingPreset[] = [
  {
    id: 'canonical',
    label: 'eRacing (tyre_temp_fl_inner)',
    example: 'tyre_temp_fl_inner',
    zones: 'tyre',
    temperature: (wheel, zone) => tyreTempChannel(wheel, zone as TyreZone),
    extras: {
      pressure: tyrePressureChannel,
      brake: brakeTempChannel,
      core: (wheel) => `tyre_core_temp_${wheel}`,
    },
  },
  {
    id: 'motec-lmr',
    label: 'MoTeC / iRacing (LFtempL, LFtempM, LFtempR)',
    example: 'LFtempL',
    zones: 'source',
    temperature: (wheel, zone) => `${MOTEC_WHEEL[wheel]}temp${SOURCE_LETTER[zone as SourceZone]}`,
    extras: {
      pressure: (wheel) => `${MOTEC_WHEEL[wheel]}press`,
      brake: (wheel) => `${MOTEC_WHEEL[wheel]}brakeTemp`,
      core: (wheel) => `${MOTEC_WHEEL[wheel]}tempCM`,
    },
  },
  {
    id: 'wheel-lmr',
    label: 'tyre_fl_left, tyre_fl_middle, tyre_fl_right',
    example: 'tyre_fl_left',
    zones: 'source',
    temperature: (wheel, zone) => `tyre_${wheel}_${zone}`,
    extras: {
      pressure: (wheel) => `tyre_${wheel}_pressure`,
      brake: (wheel) => `brake_${wheel}`,
      core: (wheel) => `tyre_${wheel}_core`,
    },
  },
];

export type TyrePresetChoice = 'auto' | (typeof TYRE_NAMING_PRESETS)[number]['id'];

/**
 * Manual mapping, field name per slot. Keys: `<wheel>_<zone>` with zone inner/middle/outer or left/middle/right (seen
 * from behind, mapped side-aware), or `<wheel>_pressure`, `<wheel>_brake`, `<wheel>_core`. Empty values are ignored.
 */
export type ManualTyreMapping = Partial<Record<string, string>>;

export interface TyreMappingResult {
  channels: TyreChannelMap;
  /** The preset whose names were found (the best match under `auto`), undefined when none matched. */
  preset?: TyreNamingPreset;
  /** Surface-temperature names looked for and not found, in wheel then zone order. */
  missingTemperatures: string[];
  /** Manually mapped names that are not among the fields. */
  missingManual: string[];
  /** How many surface-temperature zones were found, of 12. */
  zoneCount: number;
}

export function emptyChannelMap(): TyreChannelMap {
  return { fl: { zones: {} }, fr: { zones: {} }, rl: { zones: {} }, rr: { zones: {} } };
}

/** The source zones in the order a preset names them, each with the tyre zone it is on this wheel. */
function presetZones(preset: TyreNamingPreset, wheel: Wheel): [name: string, zone: TyreZone][] {
  if (preset.zones === 'tyre') return TYRE_ZONES.map((zone) => [preset.temperature(wheel, zone), zone]);
  return (['left', 'middle', 'right'] as const).map((source) => [
    preset.temperature(wheel, source),
    sourceZoneToTyreZone(wheel, source),
  ]);
}

/** Looks names up exactly, then ignoring case. */
class NameIndex {
  private readonly exact: Set<string>;
  private readonly folded = new Map<string, string>();

  constructor(names: Iterable<string>) {
    this.exact = new Set(names);
    for (const name of this.exact) if (!this.folded.has(name.toLowerCase())) this.folded.set(name.toLowerCase(), name);
  }

  find(name: string): string | undefined {
    return this.exact.has(name) ? name : this.folded.get(name.toLowerCase());
  }
}

function applyPreset(preset: TyreNamingPreset, index: NameIndex, into: TyreChannelMap): number {
  let found = 0;
  for (const wheel of WHEELS) {
    for (const [name, zone] of presetZones(preset, wheel)) {
      const field = index.find(name);
      if (field && !into[wheel].zones[zone]) {
        into[wheel].zones[zone] = field;
        found++;
      }
    }
    for (const extra of WHEEL_EXTRAS) {
      const name = preset.extras[extra]?.(wheel);
      const field = name === undefined ? undefined : index.find(name);
      if (field && !into[wheel][extra]) into[wheel][extra] = field;
    }
  }
  return found;
}

/** Which slot a manual-mapping key fills, or undefined for an unknown key. */
export function manualSlot(key: string): { wheel: Wheel; zone?: TyreZone; extra?: WheelExtra } | undefined {
  const match = /^(fl|fr|rl|rr)_(inner|middle|outer|left|right|pressure|brake|core)$/.exec(key);
  if (!match) return undefined;
  const wheel = match[1] as Wheel;
  const part = match[2];
  if (part === 'pressure' || part === 'brake' || part === 'core') return { wheel, extra: part };
  if (part === 'left' || part === 'right') return { wheel, zone: sourceZoneToTyreZone(wheel, part) };
  return { wheel, zone: part as TyreZone };
}

/**
 * Finds the tyre channels among `fieldNames`: the chosen preset (or under `auto` the one that finds the most
 * surface temperatures), the canonical names for anything still missing, then the manual mapping over all of it.
 */
export function resolveTyreChannels(
  fieldNames: Iterable<string>,
  choice: TyrePresetChoice = 'auto',
  manual: ManualTyreMapping = {},
): TyreMappingResult {
  const index = new NameIndex(fieldNames);
  const canonical = TYRE_NAMING_PRESETS[0];
  let preset: TyreNamingPreset | undefined;
  if (choice === 'auto') {
    let best = 0;
    for (const candidate of TYRE_NAMING_PRESETS) {
      const found = applyPreset(candidate, index, emptyChannelMap());
      if (found > best) [best, preset] = [found, candidate];
    }
  } else {
    preset = TYRE_NAMING_PRESETS.find((candidate) => candidate.id === choice);
  }
  const channels = emptyChannelMap();
  if (preset) applyPreset(preset, index, channels);
  if (preset !== canonical) applyPreset(canonical, index, channels);

  const missingManual: string[] = [];
  for (const [key, name] of Object.entries(manual)) {
    const slot = manualSlot(key);
    if (!slot || !name) continue;
    const field = index.find(name);
    if (!field) {
      missingManual.push(name);
      continue;
    }
    if (slot.zone) channels[slot.wheel].zones[slot.zone] = field;
    else if (slot.extra) channels[slot.wheel][slot.extra] = field;
  }

  const lookedFor = preset ?? canonical;
  const missingTemperatures: string[] = [];
  let zoneCount = 0;
  for (const wheel of WHEELS) {
    for (const [name, zone] of presetZones(lookedFor, wheel)) {
      if (channels[wheel].zones[zone]) zoneCount++;
      else missingTemperatures.push(name);
    }
  }
  return { channels, preset, missingTemperatures, missingManual, zoneCount };
}

/** The zones a wheel has data for, inner to outer. */
export function wheelZones(wheel: WheelChannels): TyreZone[] {
  return TYRE_ZONES.filter((zone) => wheel.zones[zone] !== undefined);
}

/** Every field name the map uses. */
export function mappedFieldNames(channels: TyreChannelMap): string[] {
  const names: string[] = [];
  for (const wheel of WHEELS) {
    const { zones, ...extras } = channels[wheel];
    for (const zone of TYRE_ZONES) if (zones[zone]) names.push(zones[zone]!);
    for (const extra of WHEEL_EXTRAS) if (extras[extra]) names.push(extras[extra]!);
  }
  return names;
}
