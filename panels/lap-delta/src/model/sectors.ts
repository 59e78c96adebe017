/** Sector lines on the reference lap, sector times of the laps drawn, their bests and the theoretical best. */
import type { LapComparison } from '@eracing/telemetry-core/delta';
import type { LapsFrameRow } from '@eracing/telemetry-core/frames';
import {
  bestValidLap,
  isSectorBest,
  lapTimeDelta,
  sectorBests,
  sectorTimes,
  theoreticalBestLap,
} from '@eracing/telemetry-core/laps';

import type { LapDeltaView, SectorCell, ViewLap } from './types';

/** Where the reference lap was at the end of each of its sectors but the last, from its sector times. */
export function boundariesFromReference(reference: ViewLap, comparison: LapComparison): number[] {
  const { referenceTime, distance } = comparison;
  const out: number[] = [];
  let elapsed = 0;
  for (const t of reference.sectorTimes.slice(0, -1)) {
    elapsed += t;
    let i = 0;
    while (i < referenceTime.length && !(referenceTime[i] >= elapsed)) i++;
    if (i === 0 || i >= referenceTime.length) continue;
    const f = (elapsed - referenceTime[i - 1]) / (referenceTime[i] - referenceTime[i - 1]);
    out.push(distance[i - 1] + f * (distance[i] - distance[i - 1]));
  }
  return out;
}

/** A lap's sector times from its samples, for a lap the laps table has no sector times of. */
export function timedSectors(lap: ViewLap, boundaries: number[]): number[] {
  const { trace } = lap;
  const ms = Float64Array.from(trace.time, (t) => t * 1000);
  return sectorTimes(ms, trace.distance, boundaries, {
    startTime: 0,
    endTime: trace.lapTime === undefined ? undefined : trace.lapTime * 1000,
    length: trace.length,
  });
}

/**
 * Per lap (reference first), per sector: the time, its delta to the reference's, and whether it is the session's or
 * the car's best, over the laps table (all cars) or, without one, over the laps drawn.
 */
export function sectorCells(laps: ViewLap[], rows: LapsFrameRow[]): Map<string, SectorCell[]> {
  const reference = laps[0];
  const bests = sectorBests(rows.length ? rows : laps);
  const cells = new Map<string, SectorCell[]>();
  for (const lap of laps) {
    const own = bests.byCar.get(lap.car) ?? [];
    cells.set(
      lap.key,
      lap.sectorTimes.map((time, k) => ({
        time,
        delta: reference.sectorTimes[k] === undefined ? NaN : lapTimeDelta(time, reference.sectorTimes[k]),
        sessionBest: lap.valid && isSectorBest(time, bests.session[k]),
        personalBest: lap.valid && isSectorBest(time, own[k]),
      })),
    );
  }
  return cells;
}

/** Each finished compared lap's time against the reference's, seconds of the shown milliseconds. */
export function lapDeltas(reference: ViewLap, laps: ViewLap[]): Map<string, number> {
  const deltas = new Map<string, number>();
  if (reference.lapTime === undefined) return deltas;
  for (const lap of laps) {
    if (lap.lapTime !== undefined && !lap.inProgress) deltas.set(lap.key, lapTimeDelta(lap.lapTime, reference.lapTime));
  }
  return deltas;
}

/** The car's theoretical best and best valid lap, from the laps table. */
export function theoreticalBest(car: string, rows: LapsFrameRow[]): LapDeltaView['theoreticalBest'] {
  const own = rows.filter((r) => r.car === car);
  const time = theoreticalBestLap(own);
  if (time === undefined) return undefined;
  return { car, time, bestLap: bestValidLap(own)?.lapTime };
}
