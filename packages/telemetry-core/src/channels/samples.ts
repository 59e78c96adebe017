/** Finding samples by time: binary searches on an ascending time column. */

/** The first index in [from, to) whose time is at or after `t`, in an ascending time column (binary search); `to` when none is. */
export function firstAtOrAfter(time: ArrayLike<number>, t: number, from = 0, to = time.length): number {
  return firstPast(time, t, false, from, to);
}

/** Index of the last sample with time ≤ t in an ascending time column; -1 when every sample is later. */
export function indexAtOrBefore(time: ArrayLike<number>, t: number): number {
  return firstPast(time, t, true, 0, time.length) - 1;
}

/** The first index in [from, to) whose time is not before `t`; with `orEqual`, the first whose time is after `t`. */
function firstPast(time: ArrayLike<number>, t: number, orEqual: boolean, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] < t || (orEqual && time[mid] === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The latest finite value at or before sample `index`, looking back at most `reachMs` in time (a channel logged
 * slower than the time column leaves NaN between its samples). NaN when there is none.
 */
export function valueAtOrBefore(
  time: ArrayLike<number>,
  values: ArrayLike<number>,
  index: number,
  reachMs = 1000,
): number {
  if (index < 0) return NaN;
  const from = time[index] - reachMs;
  for (let i = Math.min(index, values.length - 1); i >= 0 && time[i] >= from; i--) {
    const v = values[i];
    if (Number.isFinite(v)) return v;
  }
  return NaN;
}
