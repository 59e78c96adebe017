import type { TrackSector } from '../protocol/model';
import { lapTimeMs } from './format';
import { CurveCursor } from '../distance/curve';

/** The lap distance of each sector end except the last (which is the line), from the track's sectors. */
export function sectorBoundaries(sectors: readonly TrackSector[]): number[] {
  return [...sectors]
    .sort((a, b) => a.number - b.number)
    .slice(0, -1)
    .map((s) => s.end);
}

/** What is known about the lap around its samples; the more, the more exact the first and last sector. */
export interface SectorLap {
  /** Lap length, metres: where the last sector ends when `endTime` is not given. */
  length?: number;
  /** The line crossing that started the lap, in the units of `time` (ms). */
  startTime?: number;
  /** The line crossing that ended the lap, ms. */
  endTime?: number;
}

/**
 * Sector times in seconds, one per completed sector, from one lap's samples. `time` is in milliseconds (epoch or lap
 * relative), `distance` in metres from the line. Each boundary crossing is interpolated linearly between the samples
 * on either side of it (exact at constant speed). The lap's start and end crossings come from `lap.startTime` /
 * `lap.endTime` when given, otherwise from the samples extrapolated by at most one sample interval to distance 0 and
 * to `lap.length`. Sectors the lap has not reached are left off; a sector that cannot be timed inside is NaN.
 */
export function sectorTimes(
  time: ArrayLike<number>,
  distance: ArrayLike<number>,
  boundaries: readonly number[],
  lap: SectorLap = {},
): number[] {
  const curve = new CurveCursor(distance, time);
  // Extrapolating (by one sample interval) is only right at the lap's ends; a boundary must have samples past it.
  const marks = [lap.startTime ?? curve.at(0)];
  for (const b of boundaries) marks.push(curve.at(b, 0));
  marks.push(lap.endTime ?? (lap.length === undefined ? NaN : curve.at(lap.length)));
  let completed = marks.length - 1;
  while (completed > 0 && Number.isNaN(marks[completed])) completed--;
  const times: number[] = [];
  for (let k = 1; k <= completed; k++) times.push((marks[k] - marks[k - 1]) / 1000);
  return times;
}

/** A lap as the sector table reads it. Laps with `valid: false` are listed but never hold a best sector. */
export interface SectorTimedLap {
  lap: number;
  sectorTimes: readonly number[];
  valid?: boolean;
}

/**
 * The best valid time of each sector, in seconds of whole milliseconds (as shown), and the position in `laps` of the
 * lap that set it (the earliest on a tie of the shown milliseconds).
 */
export function bestSectors(laps: readonly Omit<SectorTimedLap, 'lap'>[]): { times: number[]; holders: number[] } {
  const best: number[] = [];
  const holders: number[] = [];
  laps.forEach((lap, index) => {
    if (lap.valid === false) return;
    lap.sectorTimes.forEach((t, k) => {
      while (best.length <= k) {
        best.push(NaN);
        holders.push(-1);
      }
      const ms = lapTimeMs(t);
      if (ms > 0 && !(ms >= best[k])) {
        best[k] = ms;
        holders[k] = index;
      }
    });
  });
  return { times: best.map((ms) => ms / 1000), holders };
}

/** The best valid time of each sector of the session and of each car, seconds of whole milliseconds. */
export interface SectorBests {
  session: number[];
  byCar: Map<string, number[]>;
}

/** The one place sector bests are found: over the valid laps given, for the session and for each car. */
export function sectorBests(laps: readonly (Omit<SectorTimedLap, 'lap'> & { car: string })[]): SectorBests {
  const byCar = new Map<string, number[]>();
  for (const car of new Set(laps.map((lap) => lap.car))) {
    byCar.set(car, bestSectors(laps.filter((lap) => lap.car === car)).times);
  }
  return { session: bestSectors(laps).times, byCar };
}

/** A sector time equals (or beats) a best as shown, to the millisecond. */
export function isSectorBest(time: number, best: number | undefined): boolean {
  return best !== undefined && Number.isFinite(best) && lapTimeMs(time) > 0 && lapTimeMs(time) <= lapTimeMs(best);
}
