import type { Circuit } from './circuit';
import { Random, STREAM } from './random';

/** A local yellow flag: waved in one sector for a while, then the track is clear. */
export interface YellowFlag {
  start: number;
  end: number;
  sector: number;
  reason: string;
}

/** Flags are drawn per block of session time, so any period's flags are known without the ones before. */
export const FLAG_BLOCK = 600;
const YELLOW_CHANCE = 0.45;
const REASONS = ['debris', 'a car off', 'a car stopped', 'a marshal on track', 'gravel on the racing line'];

export function yellowFlagIn(seed: number, circuit: Circuit, block: number): YellowFlag | undefined {
  const r = Random.of(seed, STREAM.flag, block);
  if (r.next() >= YELLOW_CHANCE) return undefined;
  const start = block * FLAG_BLOCK + r.uniform(30, FLAG_BLOCK - 120);
  const duration = r.uniform(15, 90);
  const corner = circuit.corners[r.int(0, circuit.corners.length - 1)];
  const [s1, s2] = circuit.sectorNodes.map((n) => n * circuit.spacing);
  const sector = corner.distance < s1 ? 1 : corner.distance < s2 ? 2 : 3;
  return { start, end: start + duration, sector, reason: `${REASONS[r.int(0, REASONS.length - 1)]} at ${corner.name}` };
}

/** Yellow flags that start or end within [from, to), seconds since the session start. */
export function yellowFlagsBetween(seed: number, circuit: Circuit, from: number, to: number): YellowFlag[] {
  const flags: YellowFlag[] = [];
  const first = Math.max(0, Math.floor(from / FLAG_BLOCK) - 1);
  for (let block = first; block * FLAG_BLOCK < to; block++) {
    const flag = yellowFlagIn(seed, circuit, block);
    if (flag && flag.end >= from && flag.start < to) flags.push(flag);
  }
  return flags;
}
