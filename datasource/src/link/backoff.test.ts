import { retryDelay } from './backoff';

describe('retryDelay', () => {
  const policy = { firstMs: 250, maxMs: 10_000 };

  it('doubles from the first delay up to the cap, half fixed and half random', () => {
    const low = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => retryDelay(attempt, policy, () => 0));
    const high = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => retryDelay(attempt, policy, () => 1));
    expect(low).toEqual([125, 250, 500, 1000, 2000, 4000, 5000, 5000]);
    expect(high).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('spreads browsers that retry together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => Math.round(retryDelay(6, policy))));
    expect(delays.size).toBeGreaterThan(40);
    for (const delay of delays) expect(delay >= 4000 && delay <= 8000).toBe(true);
  });
});
