/**
 * The columns of a tyre heatmap: one per lap (split on the lap counter) or per time bucket, each a span of the
 * samples, and a channel's lap mean or lap max over each span at full resolution.
 */
import type { LapSpan } from '../laps/aggregates';

export type ColumnAggregate = 'mean' | 'max';

export interface HeatmapColumn extends LapSpan {
  /** The lap number, for lap columns. */
  lap?: number;
  /** The span does not cover a whole lap or bucket: the window starts or ends inside it, or the lap is running. */
  partial: boolean;
}

/**
 * One column per lap: each run of one lap-counter value (NaN samples skipped), the crossing timed halfway between the
 * last sample of a lap and the first of the next, as the core's `splitLapsByCounter` times it without a lap distance — in
 * one pass, since the heatmap splits whole sessions. The first and last columns are partial: the data may start or
 * end inside them.
 */
export function lapColumns(time: ArrayLike<number>, lapCounter: ArrayLike<number>): HeatmapColumn[] {
  const columns: HeatmapColumn[] = [];
  const n = Math.min(time.length, lapCounter.length);
  let lap = NaN;
  let start = -1;
  let startTime = NaN;
  let previous = -1;
  for (let i = 0; i < n; i++) {
    const counter = lapCounter[i];
    if (counter !== counter || counter === lap) {
      if (counter === lap) previous = i;
      continue;
    }
    const crossing = previous < 0 ? time[i] : (time[previous] + time[i]) / 2;
    if (start >= 0) columns.push({ lap, startIndex: start, endIndex: i, startTime, endTime: crossing, partial: false });
    lap = counter;
    start = i;
    startTime = crossing;
    previous = i;
  }
  if (start >= 0) {
    columns.push({ lap, startIndex: start, endIndex: n, startTime, endTime: time[previous], partial: true });
    columns[0].partial = true;
  }
  return columns;
}

/** One column per `bucketMs` of time, aligned to whole multiples of it (epoch ms); empty buckets are left out. */
export function timeBucketColumns(time: ArrayLike<number>, bucketMs: number): HeatmapColumn[] {
  const columns: HeatmapColumn[] = [];
  const n = time.length;
  if (n === 0 || !(bucketMs > 0)) return columns;
  let start = 0;
  let bucket = Math.floor(time[0] / bucketMs);
  const close = (end: number) => {
    const from = bucket * bucketMs;
    const to = from + bucketMs;
    columns.push({
      startIndex: start,
      endIndex: end,
      startTime: Math.max(from, time[start]),
      endTime: end < n ? to : Math.min(to, time[end - 1]),
      partial: time[start] > from + bucketMs * 0.01 || (end === n && time[end - 1] < to - bucketMs * 0.01),
    });
  };
  for (let i = 1; i < n; i++) {
    const b = Math.floor(time[i] / bucketMs);
    if (b !== bucket) {
      close(i);
      start = i;
      bucket = b;
    }
  }
  close(n);
  return columns;
}

/** The largest finite sample of the span, NaN when it has none. */
export function spanMax(values: ArrayLike<number>, span: LapSpan): number {
  let max = -Infinity;
  for (let i = span.startIndex; i < span.endIndex; i++) {
    const v = values[i];
    if (v > max) max = v;
  }
  return max === -Infinity ? NaN : max;
}

/** How far from a span end (ms) a finite sample may give the channel's value there, as in the core's lap aggregates. */
const END_REACH_MS = 1000;

/** The channel at time t, interpolated between the nearest finite samples within reach either side of `index`. */
function valueAround(time: ArrayLike<number>, values: ArrayLike<number>, t: number, index: number): number {
  const n = Math.min(time.length, values.length);
  let lo = Math.min(index, n) - 1;
  while (lo >= 0 && (time[lo] > t || !(values[lo] === values[lo])) && t - time[lo] <= END_REACH_MS) lo--;
  const before = lo >= 0 && time[lo] <= t && t - time[lo] <= END_REACH_MS && values[lo] === values[lo];
  let hi = Math.max(index - 1, 0);
  while (hi < n && (time[hi] < t || !(values[hi] === values[hi])) && time[hi] - t <= END_REACH_MS) hi++;
  const after = hi < n && time[hi] >= t && time[hi] - t <= END_REACH_MS && values[hi] === values[hi];
  if (before && after) {
    const span = time[hi] - time[lo];
    return span === 0 ? values[lo] : values[lo] + ((t - time[lo]) / span) * (values[hi] - values[lo]);
  }
  if (before) return values[lo];
  if (after) return values[hi];
  return NaN;
}

/**
 * The time-weighted mean of the span, as the core's `channelStats` (math/aggregates.ts) defines it: the integral of
 * the lines joining the finite samples, the ends interpolated at the span's times, over the time covered. Here in one
 * pass without the min and max, since the heatmap runs it on every zone of every lap of a session; with the span's
 * even sampling `step` (see {@link columnSteps}), a plain sum.
 */
export function spanMean(time: ArrayLike<number>, values: ArrayLike<number>, span: LapSpan, step = NaN): number {
  const { startIndex, endIndex, startTime, endTime } = span;
  // Samples strictly inside the span: the ends are the interpolated values at the span's times.
  let first = startIndex;
  while (first < endIndex && !(time[first] > startTime)) first++;
  let last = endIndex - 1;
  while (last >= first && !(time[last] < endTime)) last--;
  let integral = step > 0 ? evenTrapezoids(values, first, last, step) : NaN;
  if (integral !== integral) integral = trapezoids(time, values, first, last);
  if (trail.first < 0) return sampleMean(values, span);
  let from = time[trail.first];
  let to = time[trail.last];
  const start = valueAround(time, values, startTime, startIndex);
  if (start === start) {
    integral += (start + values[trail.first]) * (from - startTime);
    from = startTime;
  }
  const end = valueAround(time, values, endTime, endIndex);
  if (end === end) {
    integral += (values[trail.last] + end) * (endTime - to);
    to = endTime;
  }
  return to > from ? integral / 2 / (to - from) : sampleMean(values, span);
}

/** The first and last finite samples {@link trapezoids} found, -1 for none. */
const trail = { first: -1, last: -1 };

/**
 * Twice the area under the lines joining the finite samples first…last. The hot loop of the heatmap, kept apart from
 * the span's ends (V8 compiles it several times tighter on its own), two samples a turn into two sums so that
 * consecutive additions do not wait on each other.
 */
function trapezoids(time: ArrayLike<number>, values: ArrayLike<number>, first: number, last: number): number {
  let i = first;
  while (i <= last && values[i] !== values[i]) i++;
  trail.first = trail.last = i <= last ? i : -1;
  if (i > last) return 0;
  let t0 = time[i];
  let v0 = values[i];
  let lastFinite = i;
  let even = 0;
  let odd = 0;
  for (i++; i < last; i += 2) {
    const a = values[i];
    const b = values[i + 1];
    if (a === a && b === b) {
      const ta = time[i];
      const tb = time[i + 1];
      even += (v0 + a) * (ta - t0);
      odd += (a + b) * (tb - ta);
      t0 = tb;
      v0 = b;
      lastFinite = i + 1;
      continue;
    }
    if (a === a) {
      const ta = time[i];
      even += (v0 + a) * (ta - t0);
      t0 = ta;
      v0 = a;
      lastFinite = i;
    }
    if (b === b) {
      const tb = time[i + 1];
      odd += (v0 + b) * (tb - t0);
      t0 = tb;
      v0 = b;
      lastFinite = i + 1;
    }
  }
  if (i === last && values[i] === values[i]) {
    even += (v0 + values[i]) * (time[i] - t0);
    lastFinite = i;
  }
  trail.last = lastFinite;
  return even + odd;
}

/**
 * {@link trapezoids} for samples evenly `step` apart and all finite: twice the area is step × (2 Σv − v_first −
 * v_last), a plain sum without the times. NaN when a sample is NaN (the caller then takes the general way).
 */
function evenTrapezoids(values: ArrayLike<number>, first: number, last: number, step: number): number {
  if (first > last) return NaN;
  let even = 0;
  let odd = 0;
  let i = first;
  for (; i < last; i += 2) {
    even += values[i];
    odd += values[i + 1];
  }
  if (i === last) even += values[i];
  const sum = even + odd;
  if (sum !== sum) return NaN;
  trail.first = first;
  trail.last = last;
  return step * (2 * sum - values[first] - values[last]);
}

/**
 * The sampling step of each column when its samples are evenly spaced (to a nanosecond), else NaN: where it is, a
 * column's time-weighted mean needs only the sum of its values. One pass over the time column serves every channel.
 */
export function columnSteps(time: ArrayLike<number>, columns: readonly LapSpan[]): Float64Array {
  const steps = new Float64Array(columns.length);
  for (let c = 0; c < columns.length; c++) {
    const { startIndex, endIndex } = columns[c];
    if (endIndex - startIndex < 2) {
      steps[c] = NaN;
      continue;
    }
    const step = (time[endIndex - 1] - time[startIndex]) / (endIndex - 1 - startIndex);
    let even = step > 0;
    for (let i = startIndex + 1; even && i < endIndex; i++) even = Math.abs(time[i] - time[i - 1] - step) <= 1e-6;
    steps[c] = even ? step : NaN;
  }
  return steps;
}

/** The plain mean of the span's finite samples, NaN when it has none. */
function sampleMean(values: ArrayLike<number>, span: LapSpan): number {
  let sum = 0;
  let count = 0;
  for (let i = span.startIndex; i < span.endIndex; i++) {
    const v = values[i];
    if (v !== v) continue;
    sum += v;
    count++;
  }
  return count ? sum / count : NaN;
}

/**
 * A channel per column: the time-weighted lap mean ({@link spanMean}) or the max. NaN where it has no sample. Pass
 * the {@link columnSteps} when aggregating several channels over the same columns, to read the time column once.
 */
export function aggregateColumns(
  time: ArrayLike<number>,
  values: ArrayLike<number>,
  columns: readonly LapSpan[],
  aggregate: ColumnAggregate,
  steps: ArrayLike<number> = aggregate === 'mean' ? columnSteps(time, columns) : [],
): Float64Array {
  const out = new Float64Array(columns.length);
  for (let c = 0; c < columns.length; c++) {
    out[c] = aggregate === 'max' ? spanMax(values, columns[c]) : spanMean(time, values, columns[c], steps[c]);
  }
  return out;
}

/** Inner minus outer, per column: positive when the inside shoulder runs hotter (negative camber working). */
export function zoneSpread(inner: ArrayLike<number>, outer: ArrayLike<number>): Float64Array {
  const n = Math.min(inner.length, outer.length);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = inner[i] - outer[i];
  return out;
}
