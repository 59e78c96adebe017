/**
 * How much a live telemetry query keeps: the whole dashboard window at the channels' rate when it fits the sample
 * cap and the memory budget, otherwise the window at a rate thinned (by the server, keeping whole samples) to fit.
 */

/** Values one live query may hold in its window; its two linear buffers per column take three times that. */
export const LIVE_VALUE_BUDGET = 4_000_000;

export interface BufferPlanInput {
  windowMs: number;
  /** Fastest channel rate, Hz. */
  rateHz: number;
  cars: number;
  /** Columns per car, the time column included. */
  columns: number;
  /** The datasource's cap on samples per car. */
  samplesPerCar: number;
}

export interface BufferPlan {
  /** Rows per car. */
  capacity: number;
  /** Set when the window at full rate would not fit: the rate to ask the server for. */
  maxRateHz?: number;
}

export function planBuffer({ windowMs, rateHz, cars, columns, samplesPerCar }: BufferPlanInput): BufferPlan {
  const budget = Math.floor(LIVE_VALUE_BUDGET / Math.max(1, cars * columns));
  const limit = Math.max(100, Math.min(samplesPerCar, budget));
  const windowRows = Math.ceil((windowMs / 1000) * rateHz);
  // One second more than the window where it fits: the window is trimmed by time, and rows arrive in batches.
  if (windowRows <= limit) return { capacity: Math.max(100, Math.min(limit, windowRows + Math.ceil(rateHz))) };
  const seconds = windowMs / 1000 + 1;
  return { capacity: limit, maxRateHz: Math.max(0.1, Math.floor((limit / seconds) * 100) / 100) };
}
