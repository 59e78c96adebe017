/**
 * Dropout filtering for position traces. Real loggers emit samples at lat/lon 0,0 ("null island"), NaNs, and
 * single wild fixes; none of them may join the racing line or stretch the map's bounds.
 */
import { type GeoOrigin, projectColumns } from './projection';

export interface DropoutOptions {
  /** Fastest believable movement between two samples, m/s. Default 120 (432 km/h). */
  maxSpeed?: number;
  /** Extra distance allowed on any jump, for GPS noise, metres. Default 25. */
  jumpSlack?: number;
  /** Largest jump between consecutive samples when there is no time column, metres. Default 200. */
  maxJumpWithoutTime?: number;
  /** A time gap longer than this breaks the line, ms. Default 1000. */
  maxGapMs?: number;
  /** After this many consecutive rejected samples that agree with each other, they are trusted again. Default 5. */
  reanchorSamples?: number;
  /** Samples farther from the trace's median than this many median radii are dropped. Default 8. */
  farFactor?: number;
  /** ...but never closer than this, metres. Default 2000. */
  minFarDistance?: number;
  /** Look for far outliers (a median pass). Off for short live trails, where the jump test suffices. Default true. */
  farOutliers?: boolean;
}

export interface CleanTrace {
  /** Metres; NaN where the sample is a dropout. */
  x: Float64Array;
  y: Float64Array;
  /** 1 where the line must not join this sample to the one before (a gap in time or a dropout before it). */
  breakBefore: Uint8Array;
  /** How many samples were dropped (NaN or absurd). */
  dropped: number;
}

/** True for a GPS fix that is missing or meaningless: non-finite, out of range, or exactly 0,0. */
export function isGpsDropout(lat: number, lon: number): boolean {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return true;
  if (lat === 0 && lon === 0) return true;
  return lat < -90 || lat > 90 || lon < -180 || lon > 180;
}

/** Most samples a median looks at: an evenly spaced subset beyond this is as robust, and keeps cleaning O(n). */
const MEDIAN_SAMPLES = 2049;

/** The median of the values (sorted in place). */
function median(values: Float64Array): number {
  const m = values.length;
  if (m === 0) return NaN;
  values.sort();
  const mid = m >> 1;
  return m % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

/** The median latitude and longitude of the good fixes: a projection origin that a few wild fixes cannot move. */
export function robustGeoCentre(lat: ArrayLike<number>, lon: ArrayLike<number>): GeoOrigin | undefined {
  const n = Math.min(lat.length, lon.length);
  const lats = new Float64Array(n).fill(NaN);
  const lons = new Float64Array(n).fill(NaN);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (isGpsDropout(lat[i], lon[i])) continue;
    lats[i] = lat[i];
    lons[i] = lon[i];
    count++;
  }
  if (count === 0) return undefined;
  return { lat: median(finiteSubset(lats, count)), lon: median(finiteSubset(lons, count)) };
}

/** Projects GPS columns to metres around `origin`, with every GPS dropout as NaN. */
export function projectGpsTrace(
  lat: ArrayLike<number>,
  lon: ArrayLike<number>,
  origin: GeoOrigin,
): { x: Float64Array; y: Float64Array } {
  const { x, y } = projectColumns(lat, lon, origin);
  for (let i = 0; i < x.length; i++) {
    if (isGpsDropout(lat[i], lon[i])) {
      x[i] = NaN;
      y[i] = NaN;
    }
  }
  return { x, y };
}

/**
 * Cleans a trace in metres: NaNs stay out, samples far from the rest are dropped, and so is any sample that
 * jumps farther from the last good one than the car could have moved. A line break is set after every dropout
 * and across every time gap.
 */
export function cleanTrace(
  xIn: ArrayLike<number>,
  yIn: ArrayLike<number>,
  time?: ArrayLike<number>,
  options: DropoutOptions = {},
): CleanTrace {
  const {
    maxSpeed = 120,
    jumpSlack = 25,
    maxJumpWithoutTime = 200,
    maxGapMs = 1000,
    reanchorSamples = 5,
    farFactor = 8,
    minFarDistance = 2000,
    farOutliers = true,
  } = options;
  // Each pass is its own small function: V8 optimises each whole, rather than one long function mid-loop.
  const n = Math.min(xIn.length, yIn.length);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  copyFinite(xIn, yIn, x, y);
  if (farOutliers) dropFarOutliers(x, y, farFactor, minFarDistance);
  const breakBefore = new Uint8Array(x.length);
  const unresolved = dropJumps(x, y, breakBefore, time, {
    maxSpeed,
    jumpSlack,
    maxJumpWithoutTime,
    maxGapMs,
    reanchorSamples,
  });
  dropRejected(x, y, unresolved);
  const dropped = breakAfterDropouts(x, breakBefore);
  return { x, y, breakBefore, dropped };
}

/** Copies the positions into x and y, with every non-finite coordinate pair as NaN. */
function copyFinite(xIn: ArrayLike<number>, yIn: ArrayLike<number>, x: Float64Array, y: Float64Array): void {
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const xi = xIn[i];
    const yi = yIn[i];
    if (xi - xi === 0 && yi - yi === 0) {
      x[i] = xi;
      y[i] = yi;
    } else {
      x[i] = NaN;
      y[i] = NaN;
    }
  }
}

/** An evenly spaced subset of at most MEDIAN_SAMPLES of the finite values of `values`. */
function finiteSubset(values: Float64Array, finite: number): Float64Array {
  const stride = Math.max(1, Math.ceil(finite / MEDIAN_SAMPLES));
  const subset = new Float64Array(Math.ceil(finite / stride));
  for (let i = 0, seen = 0, k = 0; i < values.length && k < subset.length; i++) {
    if (values[i] !== values[i]) continue;
    if (seen++ % stride === 0) subset[k++] = values[i];
  }
  return subset;
}

/** Drops samples farther from the median position than `farFactor` median radii (at least `minFar` metres). */
function dropFarOutliers(x: Float64Array, y: Float64Array, farFactor: number, minFar: number): void {
  const n = x.length;
  let finite = 0;
  for (let i = 0; i < n; i++) if (x[i] === x[i]) finite++;
  if (finite === 0) return;
  const cx = median(finiteSubset(x, finite));
  const cy = median(finiteSubset(y, finite));
  const radius = new Float64Array(n);
  for (let i = 0; i < n; i++) radius[i] = Math.sqrt((x[i] - cx) * (x[i] - cx) + (y[i] - cy) * (y[i] - cy));
  const limit = Math.max(farFactor * median(finiteSubset(radius, finite)), minFar);
  for (let i = 0; i < n; i++) {
    if (radius[i] > limit) {
      x[i] = NaN;
      y[i] = NaN;
    }
  }
}

/** Sets a line break on the first sample after each dropout; returns how many samples are dropped. */
function breakAfterDropouts(x: Float64Array, breakBefore: Uint8Array): number {
  let dropped = 0;
  let previousDropped = false;
  for (let i = 0; i < x.length; i++) {
    const gone = x[i] !== x[i];
    if (gone) dropped++;
    else if (previousDropped) breakBefore[i] = 1;
    previousDropped = gone;
  }
  return dropped;
}

interface JumpLimits {
  maxSpeed: number;
  jumpSlack: number;
  maxJumpWithoutTime: number;
  maxGapMs: number;
  reanchorSamples: number;
}

/**
 * Drops every sample that jumps farther from the last good one than the car could have moved, and breaks the line
 * across time gaps. A run of rejected samples that agree with each other is a real relocation (a gap in the data,
 * a restart), and becomes the new reference. Returns the samples still held back at the end, to be dropped.
 */
function dropJumps(
  x: Float64Array,
  y: Float64Array,
  breakBefore: Uint8Array,
  time: ArrayLike<number> | undefined,
  limits: JumpLimits,
): number[] {
  const { maxSpeed, jumpSlack, maxJumpWithoutTime, maxGapMs } = limits;
  const state: JumpState = { last: -1, rejected: [] };
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    if (xi !== xi) continue;
    const last = state.last;
    if (last >= 0) {
      const dt = time ? time[i] - time[last] : NaN;
      const limit = dt === dt ? (maxSpeed * Math.abs(dt)) / 1000 + jumpSlack : maxJumpWithoutTime;
      const dx = xi - x[last];
      const dy = y[i] - y[last];
      if (dx * dx + dy * dy > limit * limit) {
        reject(x, y, breakBefore, time, limits, state, i);
        continue;
      }
      if (dt > maxGapMs) breakBefore[i] = 1;
    }
    state.last = i;
    if (state.rejected.length > 0) dropRejected(x, y, state.rejected);
  }
  return state.rejected;
}

interface JumpState {
  /** The last good sample. */
  last: number;
  /** Samples rejected since, which agree with each other. */
  rejected: number[];
}

function dropRejected(x: Float64Array, y: Float64Array, rejected: number[]): void {
  for (const r of rejected) x[r] = y[r] = NaN;
  rejected.length = 0;
}

/** A sample too far from the last good one: held back, and trusted once enough agreeing ones follow it. */
function reject(
  x: Float64Array,
  y: Float64Array,
  breakBefore: Uint8Array,
  time: ArrayLike<number> | undefined,
  limits: JumpLimits,
  state: JumpState,
  i: number,
): void {
  const { rejected } = state;
  const previous = rejected[rejected.length - 1];
  if (previous !== undefined) {
    const dt = time ? time[i] - time[previous] : NaN;
    const limit = dt === dt ? (limits.maxSpeed * Math.abs(dt)) / 1000 + limits.jumpSlack : limits.maxJumpWithoutTime;
    const dx = x[i] - x[previous];
    const dy = y[i] - y[previous];
    if (dx * dx + dy * dy > limit * limit) dropRejected(x, y, rejected);
  }
  rejected.push(i);
  if (rejected.length >= limits.reanchorSamples) {
    breakBefore[rejected[0]] = 1;
    state.last = i;
    rejected.length = 0;
  }
}
