/** A car standing in its box between two runs. */
import { THERMAL_STATES } from './thermal';

const { exp, min } = Math;

/** Seconds after arriving in the box when the fresh tyres are on. */
const TYRE_CHANGE = 6;

/**
 * The state during a stop: the old tyres until the crew has changed them, while brakes and drive cool towards
 * the state the car leaves with, reaching it exactly at departure.
 */
export function stopBlend(
  arrived: Float64Array,
  leaving: Float64Array,
  elapsed: number,
  stop: number,
  out: Float64Array,
): void {
  const x = min(1, elapsed / stop);
  const k = 3;
  const cooling = (exp(-k * x) - exp(-k)) / (1 - exp(-k));
  const tyres = elapsed < TYRE_CHANGE ? 1 : 0;
  for (let j = 0; j < THERMAL_STATES; j++) {
    const w = j < 16 ? tyres : cooling;
    out[j] = leaving[j] + w * (arrived[j] - leaving[j]);
  }
}
