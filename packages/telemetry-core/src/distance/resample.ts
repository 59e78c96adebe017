import { CurveCursor, type InterpolationMethod } from './curve';

/**
 * Lap distances 0, step, 2·step, … up to `length`, with `length` itself appended when the steps fall short of it,
 * so a grid always spans the whole lap from line to line.
 */
export function distanceGrid(length: number, step: number): Float64Array {
  if (!(step > 0) || !Number.isFinite(step)) throw new RangeError(`distanceGrid: step must be positive, got ${step}`);
  if (!(length > 0) || !Number.isFinite(length)) return new Float64Array(1);
  const whole = Math.floor(length / step + 1e-9);
  const endsOnStep = Math.abs(whole * step - length) <= 1e-9 * length;
  const grid = new Float64Array(whole + (endsOnStep ? 1 : 2));
  for (let k = 0; k <= whole; k++) grid[k] = k * step;
  grid[grid.length - 1] = length;
  return grid;
}

/**
 * A channel resampled onto ascending lap distances, interpolating between the samples where the distance strictly
 * increases (samples while stationary or jittering backwards are dropped). Grid points further than one sample
 * interval outside the covered distance, or next to a NaN value, are NaN.
 */
export function resampleOnDistance(
  distance: ArrayLike<number>,
  values: ArrayLike<number>,
  grid: ArrayLike<number>,
  method: InterpolationMethod = 'linear',
): Float64Array {
  const out = new Float64Array(grid.length);
  new CurveCursor(distance, values, method).evaluate(grid, out);
  return out;
}

/** Scales a lap's distances so that its length matches the reference lap's: s·L_ref/L_lap. */
export function normaliseLapLength(
  distance: ArrayLike<number>,
  lapLength: number,
  referenceLength: number,
): Float64Array {
  const out = new Float64Array(distance.length);
  const k = referenceLength / lapLength;
  for (let i = 0; i < distance.length; i++) out[i] = distance[i] * k;
  return out;
}
