import type { LapFlags } from '../protocol/model';
import { lapTimeMs } from './format';
import { bestSectors } from './sectors';

/** A visit to the pit lane, epoch ms. `out` is absent while the car is still in. */
export interface PitInterval {
  in: number;
  out?: number;
}

/** What validity needs of a lap: a {@link LapSplit} or a {@link LapRecord} both fit. Laps of one car, in order. */
export interface TimedLap {
  startTime: number;
  /** Absent while the lap is in progress. */
  endTime?: number;
  /** Default: true when `endTime` is known. */
  complete?: boolean;
  /** Longest data gap inside the lap, ms. */
  maxGapMs?: number;
}

export interface ValidityContext {
  /** Session start, epoch ms: the lap running then (or the first after) is an out lap. Default: the first lap. */
  sessionStart?: number;
  pits?: readonly PitInterval[];
  /** A lap with a longer data gap is incomplete. Default 1000 ms. */
  maxGapMs?: number;
}

export type ClassifiedLap<T> = T & { flags: LapFlags; valid: boolean };

/**
 * Flags each lap: out lap (the first of the session, or the pit exit falls in it), in lap (the pit entry falls in it),
 * pit (any pit-lane time overlaps it), incomplete (no timed crossing at either end, or a data gap over the threshold).
 * A lap is valid when no flag is set.
 */
export function classifyLaps<T extends TimedLap>(
  laps: readonly T[],
  context: ValidityContext = {},
): ClassifiedLap<T>[] {
  const pits = context.pits ?? [];
  const maxGapMs = context.maxGapMs ?? 1000;
  const sessionStart = context.sessionStart;
  const firstLap = sessionStart === undefined ? 0 : laps.findIndex((lap) => (lap.endTime ?? Infinity) > sessionStart);
  return laps.map((lap, index) => {
    const start = lap.startTime;
    const end = lap.endTime ?? Infinity;
    const inside = (t: number | undefined) => t !== undefined && t >= start && t < end;
    const flags: LapFlags = {
      outLap: index === firstLap || pits.some((p) => inside(p.out)),
      inLap: pits.some((p) => inside(p.in)),
      pit: pits.some((p) => p.in < end && (p.out ?? Infinity) > start),
      incomplete: !(lap.complete ?? lap.endTime !== undefined) || (lap.maxGapMs ?? 0) > maxGapMs,
    };
    return { ...lap, flags, valid: !(flags.outLap || flags.inLap || flags.pit || flags.incomplete) };
  });
}

/** The fastest valid lap with a lap time; never an invalid one. */
export function bestValidLap<T extends { lapTime?: number; valid: boolean }>(laps: readonly T[]): T | undefined {
  let best: T | undefined;
  let bestTime = Infinity;
  for (const lap of laps) {
    const t = lap.lapTime;
    if (!lap.valid || t === undefined || !(t > 0) || t >= bestTime) continue;
    best = lap;
    bestTime = t;
  }
  return best;
}

/**
 * The sum of the best valid time of each sector, seconds; undefined when a sector has no valid time. The sum is of
 * the sector bests as shown (whole milliseconds), so it is the same figure on every load and adds up on screen.
 */
export function theoreticalBestLap(
  laps: readonly { sectorTimes: readonly number[]; valid: boolean }[],
): number | undefined {
  const { times } = bestSectors(laps);
  if (times.length === 0 || times.some((t) => Number.isNaN(t))) return undefined;
  return times.reduce((sum, t) => sum + lapTimeMs(t), 0) / 1000;
}
