/** The shared cursor (car, lap, lap distance, time) against the reference lap distance the charts are drawn on. */
import type { TelemetryCursor } from '@eracing/panel-kit/cursor';
import { firstAtOrAfter } from '@eracing/telemetry-core/channels';

import type { LapDeltaView } from './types';

/** The shared cursor at a reference lap distance: on the first compared lap, at its matching point. */
export function cursorAt(view: LapDeltaView, distance: number): TelemetryCursor | undefined {
  const { comparison } = view;
  const grid = comparison.distance;
  if (grid.length < 2 || !Number.isFinite(distance)) return undefined;
  const step = grid[1] - grid[0];
  const i = Math.min(grid.length - 1, Math.max(0, Math.round(distance / step)));
  const lap = view.laps[0];
  const elapsed = comparison.laps[0].time[i];
  if (!Number.isFinite(elapsed)) return undefined;
  return {
    time: lap.startTime + elapsed * 1000,
    car: lap.car,
    lap: lap.lap,
    lapDistance: grid[i] * comparison.laps[0].scale,
  };
}

/** Where another panel's cursor falls on the reference lap distance: by car, lap and lap distance, else by time. */
export function distanceOf(view: LapDeltaView, cursor: TelemetryCursor): number | undefined {
  const laps = [view.reference, ...view.laps];
  const scaleOf = (k: number) => (k === 0 ? 1 : view.comparison.laps[k - 1].scale);
  if (cursor.lapDistance !== undefined) {
    const k = laps.findIndex((l) => l.car === cursor.car && l.lap === cursor.lap);
    return cursor.lapDistance / (k >= 0 ? scaleOf(k) : 1);
  }
  for (let k = 0; k < laps.length; k++) {
    const lap = laps[k];
    const elapsed = (cursor.time - lap.startTime) / 1000;
    const duration = lap.lapTime ?? lap.trace.time[lap.trace.time.length - 1];
    if (!(elapsed >= 0 && elapsed <= duration) || (cursor.car !== undefined && cursor.car !== lap.car)) continue;
    const times = k === 0 ? view.comparison.referenceTime : view.comparison.laps[k - 1].time;
    return distanceAtTime(view.comparison.distance, times, elapsed);
  }
  return undefined;
}

/** The grid distance where an ascending time column reaches `t`, interpolated. */
function distanceAtTime(distance: Float64Array, time: Float64Array, t: number): number | undefined {
  const lo = firstAtOrAfter(time, t, 0, time.length - 1);
  if (lo === 0) return distance[0];
  const f = (t - time[lo - 1]) / (time[lo] - time[lo - 1]);
  return Number.isFinite(f) ? distance[lo - 1] + f * (distance[lo] - distance[lo - 1]) : distance[lo];
}
