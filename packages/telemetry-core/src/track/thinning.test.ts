import { thinLine, thinningSpacing } from './thinning';

describe('thinLine', () => {
  it('keeps points at least the spacing apart and passes over points without a position', () => {
    const x = [0, 0.1, 0.2, 1.1, NaN, 1.5, 2.3, 2.4];
    const y = [0, 0, 0, 0, 0, 0, 0, 0];
    const { next } = thinLine(x, y, 1);
    // Kept: 0, 3 (1.1 m), 6 (2.3 m).
    expect(Array.from(next)).toEqual([3, 3, 3, 6, 6, 6, 8, 8]);
  });

  it('starts at the first point with a position', () => {
    expect(Array.from(thinLine([NaN, 5, 5.5], [NaN, 0, 0], 1).next)).toEqual([1, 3, 3]);
  });

  it('takes a fraction of the diagonal as spacing', () => {
    expect(thinningSpacing([0, 3000, NaN], [0, 4000, 7])).toBeCloseTo(5000 / 4000, 9);
    expect(thinningSpacing([NaN], [NaN])).toBe(0);
  });
});
