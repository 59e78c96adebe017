/**
 * Timing hitches: a sample stamped several ticks after the one before while the car moved only one tick's worth.
 * The logger's clock jumped, not the car; everything after it is stamped late by the same amount. The timestamps are
 * kept as logged, but a lap that holds a hitch must not be that much longer.
 */

/** The median time step, ms, of samples [from, to): the logger's tick. */
function medianStep(time: ArrayLike<number>, from = 0, to = time.length): number {
  const steps: number[] = [];
  const stride = Math.max(1, Math.floor((to - from) / 512));
  for (let i = from + 1; i < to; i += stride) {
    const dt = time[i] - time[i - 1];
    if (dt > 0) steps.push(dt);
  }
  if (!steps.length) return NaN;
  steps.sort((a, b) => a - b);
  return steps[steps.length >> 1];
}

function rate(time: ArrayLike<number>, distance: ArrayLike<number>, a: number, b: number, tick: number): number {
  if (a < 0 || b >= time.length) return NaN;
  const dt = time[b] - time[a];
  const moved = distance[b] - distance[a];
  return dt > 0 && dt < 1.5 * tick && moved > 0 ? moved / dt : NaN;
}

/**
 * Milliseconds the clock ran ahead of the car over the intervals between samples [startIndex, endIndex): for each step
 * longer than 1.5 ticks, the step less the ticks the car's travel (distance, at the speed of the steps either side)
 * accounts for. A dropped record (two ticks of time, two of travel) is no hitch. `distance` is any running distance
 * (lap distance; a wrap or a standstill tells nothing and is skipped).
 */
export function clockHitchMs(
  time: ArrayLike<number>,
  distance: ArrayLike<number>,
  startIndex: number,
  endIndex: number,
  tickMs = medianStep(time, startIndex, endIndex),
): number {
  if (!(tickMs > 0)) return 0;
  let ahead = 0;
  for (let j = startIndex + 1; j < endIndex; j++) {
    const dt = time[j] - time[j - 1];
    if (!(dt > 1.5 * tickMs)) continue;
    const moved = distance[j] - distance[j - 1];
    if (!(moved > 0)) continue;
    const before = rate(time, distance, j - 2, j - 1, tickMs);
    const after = rate(time, distance, j, j + 1, tickMs);
    const speed =
      Number.isFinite(before) && Number.isFinite(after)
        ? (before + after) / 2
        : Number.isFinite(before)
          ? before
          : after;
    if (!(speed > 0)) continue;
    const carTicks = Math.max(1, Math.round(moved / speed / tickMs));
    const excess = dt - carTicks * tickMs;
    if (excess > 0.5 * tickMs) ahead += excess;
  }
  return ahead;
}
