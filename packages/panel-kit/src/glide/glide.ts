/** Live cars between data updates: where a marker is drawn while it glides, and where a trail begins. */
import { firstAtOrAfter } from '@eracing/telemetry-core/channels';

/** The index of the sample nearest in time to `t`, or -1 for an empty column. */
export function indexNearestTime(time: ArrayLike<number>, t: number): number {
  const n = time.length;
  if (n === 0) return -1;
  const i = firstAtOrAfter(time, t);
  if (i === 0) return 0;
  if (i === n) return n - 1;
  return t - time[i - 1] <= time[i] - t ? i - 1 : i;
}

export interface Glide {
  fromX: number;
  fromY: number;
  toX: number;
  toY: number;
  /** When the glide began and how long it lasts, in the caller's clock (ms). */
  startedAt: number;
  duration: number;
}

/** The glide's position at `now`: linear from the previous to the latest position over the update interval. */
export function glidePosition(glide: Glide, now: number): { x: number; y: number; settled: boolean } {
  const progress = glide.duration > 0 ? (now - glide.startedAt) / glide.duration : 1;
  if (progress >= 1 || !(progress === progress)) return { x: glide.toX, y: glide.toY, settled: true };
  const p = Math.max(0, progress);
  return {
    x: glide.fromX + (glide.toX - glide.fromX) * p,
    y: glide.fromY + (glide.toY - glide.fromY) * p,
    settled: false,
  };
}

/**
 * A new glide toward (x, y) starting where the marker is now. The glide lasts the time since the last update
 * (bounded), so markers keep up with the data rate; a jump longer than `maxJump` metres snaps instead.
 */
export function nextGlide(
  previous: Glide | undefined,
  x: number,
  y: number,
  now: number,
  maxDuration = 500,
  maxJump = 200,
): Glide {
  if (!previous) return { fromX: x, fromY: y, toX: x, toY: y, startedAt: now, duration: 0 };
  const here = glidePosition(previous, now);
  const interval = Math.min(maxDuration, Math.max(0, now - previous.startedAt));
  const snap = Math.hypot(x - here.x, y - here.y) > maxJump || !(here.x === here.x);
  return snap
    ? { fromX: x, fromY: y, toX: x, toY: y, startedAt: now, duration: 0 }
    : { fromX: here.x, fromY: here.y, toX: x, toY: y, startedAt: now, duration: interval };
}
