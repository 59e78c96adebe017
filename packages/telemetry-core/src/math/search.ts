/** The first index in [from, to) whose time is at or after `t`, in an ascending time column (binary search); `to` when none is. */
export function firstAtOrAfter(time: ArrayLike<number>, t: number, from = 0, to = time.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
