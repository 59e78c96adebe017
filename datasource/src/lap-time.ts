import type { LapFlags } from '@eracing/telemetry-core';

/** A lap or sector time as engineers write it: `1:31.695`, `31.695`, `1:02:03.456`. */
export function formatLapTime(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const ms = Math.round(seconds * 1000);
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor(abs / 60_000) % 60;
  const rest = ((abs % 60_000) / 1000).toFixed(3);
  if (hours > 0) return `${sign}${hours}:${String(minutes).padStart(2, '0')}:${rest.padStart(6, '0')}`;
  if (minutes > 0) return `${sign}${minutes}:${rest.padStart(6, '0')}`;
  return `${sign}${rest}`;
}

const FLAG_NAMES: Array<[keyof LapFlags, string]> = [
  ['outLap', 'out-lap'],
  ['inLap', 'in-lap'],
  ['pit', 'pit'],
  ['incomplete', 'incomplete'],
];

/** `out-lap, pit`; empty for a clean lap. */
export function describeLapFlags(flags: LapFlags): string {
  return FLAG_NAMES.filter(([flag]) => flags[flag])
    .map(([, name]) => name)
    .join(', ');
}
