/**
 * The tyre's operating window: the band of temperatures it works in. A value below it is cold, at or above its top
 * hot. Defaults are for a racing slick, °C.
 */

export interface OperatingWindow {
  /** Lowest value in the window. */
  low: number;
  /** The window ends below this value. */
  high: number;
}

export type WindowState = 'cold' | 'optimal' | 'hot' | 'unknown';

/** The window from `lowC` up to, not including, `highC`; either end may be infinite. Undefined for NaN or high < low. */
export function operatingWindow(lowC: number, highC: number): OperatingWindow | undefined {
  if (Number.isNaN(lowC) || Number.isNaN(highC) || highC < lowC) return undefined;
  return { low: lowC, high: highC };
}

/** A racing slick, °C: cold below 70, warming up to 80, in the window 80–105, getting hot to 115, overheating above. */
export const RACING_SLICK = {
  warmingC: 70,
  window: { low: 80, high: 105 } as OperatingWindow,
  overheatingC: 115,
} as const;

export function windowState(value: number, window: OperatingWindow | undefined): WindowState {
  if (!Number.isFinite(value) || !window) return 'unknown';
  if (value < window.low) return 'cold';
  if (value >= window.high) return 'hot';
  return 'optimal';
}
