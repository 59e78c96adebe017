import { PointGrid } from './nearest';

function bruteForce(x: ArrayLike<number>, y: ArrayLike<number>, px: number, py: number, max = Infinity): number {
  let best = -1;
  let bestD = max;
  for (let i = 0; i < x.length; i++) {
    const d = Math.hypot(x[i] - px, y[i] - py);
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

describe('PointGrid', () => {
  // A deterministic pseudo-random cloud with a dense cluster, NaN holes and a far point.
  const n = 5000;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < n; i++) {
    x[i] = i < 2500 ? random() * 1000 : 400 + random() * 5;
    y[i] = i < 2500 ? random() * 600 : 300 + random() * 5;
  }
  x[17] = NaN;
  y[18] = NaN;
  x[19] = 5000;
  y[19] = 5000;
  const grid = new PointGrid(x, y);

  it('finds the same nearest point as a brute-force search, inside and outside the cloud', () => {
    for (let q = 0; q < 300; q++) {
      const px = -200 + random() * 1400;
      const py = -200 + random() * 1000;
      const found = grid.nearest(px, py);
      const expected = bruteForce(x, y, px, py);
      expect(Math.hypot(x[found] - px, y[found] - py)).toBeCloseTo(Math.hypot(x[expected] - px, y[expected] - py), 9);
    }
    expect(grid.nearest(4990, 4990)).toBe(19);
  });

  it('respects the search radius and never returns a NaN point', () => {
    expect(grid.nearest(2500, 2500, 50)).toBe(-1);
    expect(grid.nearest(x[100], y[100], 0.001)).toBe(100);
    expect(new PointGrid([NaN], [NaN]).nearest(0, 0)).toBe(-1);
    expect(new PointGrid([], []).nearest(0, 0)).toBe(-1);
  });
});
