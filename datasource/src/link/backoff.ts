export interface BackoffPolicy {
  /** Delay before the first retry, ms. */
  firstMs: number;
  /** Longest delay, ms. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { firstMs: 250, maxMs: 10_000 };

/**
 * Delay before reconnect attempt `attempt` (1-based): exponential, capped, with "equal jitter" — half the step is
 * fixed and half random — so a pit wall of browsers that lost the server together does not return in lockstep.
 */
export function retryDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random = Math.random): number {
  const step = Math.min(policy.maxMs, policy.firstMs * 2 ** Math.max(0, attempt - 1));
  return step / 2 + random() * (step / 2);
}
