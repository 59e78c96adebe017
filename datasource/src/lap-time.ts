import type { LapFlags } from '@eracing/telemetry-core/protocol';

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
