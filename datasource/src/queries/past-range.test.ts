import { isPastRange, PAST_RANGE_MS } from './past-range';

describe('isPastRange', () => {
  const now = Date.UTC(2026, 11, 7, 12);

  it('is a range that ended more than a few seconds ago', () => {
    expect(isPastRange({ to: now - 60_000 }, now)).toBe(true);
    expect(isPastRange({ to: now - PAST_RANGE_MS + 1 }, now)).toBe(false);
    expect(isPastRange({ to: now }, now)).toBe(false);
  });

  it('never is a range written to end "now", however long ago it was evaluated', () => {
    expect(isPastRange({ to: now - 10 * 60_000, rawTo: 'now' }, now)).toBe(false);
    expect(isPastRange({ to: now - 10 * 60_000, rawTo: 'now-5m' }, now)).toBe(true);
  });
});
