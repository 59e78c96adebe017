import { CurveCursor } from './curve';

describe('CurveCursor', () => {
  it('interpolates linearly, with the slope of the interval', () => {
    const curve = new CurveCursor([0, 2, 4, 10], [0, 4, 6, 0]);
    expect(curve.at(1)).toBe(2);
    expect(curve.slope).toBe(2);
    expect(curve.at(3)).toBe(5);
    expect(curve.at(7)).toBe(3);
    expect(curve.slope).toBe(-1);
    expect(curve.at(10)).toBe(0);
  });

  it('restarts for a query behind the previous one', () => {
    const curve = new CurveCursor([0, 1, 2, 3, 4], [0, 10, 20, 30, 40]);
    expect(curve.at(3.5)).toBe(35);
    expect(curve.at(0.5)).toBe(5);
    expect(curve.at(2.25)).toBe(22.5);
  });

  it('extrapolates by at most 1.5 end intervals by default, or by the reach given', () => {
    const curve = new CurveCursor([10, 12, 13], [1, 2, 4]);
    expect(curve.at(7)).toBe(-0.5);
    expect(curve.at(6.9)).toBeNaN();
    const again = new CurveCursor([10, 12, 13], [1, 2, 4]);
    expect(again.at(14.5)).toBe(7);
    expect(again.at(14.6)).toBeNaN();
    expect(new CurveCursor([10, 12, 13], [1, 2, 4]).at(9, 0)).toBeNaN();
    expect(new CurveCursor([10, 12, 13], [1, 2, 4]).at(NaN)).toBeNaN();
  });

  it('handles too few samples', () => {
    expect(new CurveCursor([], []).at(0)).toBeNaN();
    const one = new CurveCursor([5], [7]);
    expect(one.at(5)).toBe(7);
    expect(one.at(6)).toBeNaN();
    expect(new CurveCursor([5, 5, 4], [7, 8, 9]).at(5)).toBe(7);
  });

  it('adds start and end knots around the samples', () => {
    const curve = new CurveCursor([1, 2, 3], [10, 20, 30], { start: { x: 0, y: 0 }, end: { x: 10, y: 100 } });
    expect(curve.at(0)).toBe(0);
    expect(curve.at(0.5)).toBe(5);
    expect(curve.at(6.5)).toBe(65);
    expect(curve.at(10)).toBe(100);
    expect(curve.at(10.5)).toBe(105); // extrapolation continues the last interval
    expect(curve.at(30)).toBeNaN();
    // Samples at or before the start knot are dropped; an end knot not beyond the samples is ignored.
    const clipped = new CurveCursor([-1, 0, 2, 4], [7, 7, 2, 4], { start: { x: 0, y: 0 }, end: { x: 3, y: 9 } });
    expect(clipped.at(1)).toBe(1);
    expect(clipped.at(4)).toBe(4);
  });

  describe('monotone', () => {
    it('is exact for linear data, slope included', () => {
      const x = [0, 0.3, 1, 1.1, 2.5, 4];
      const curve = new CurveCursor(
        x,
        x.map((v) => 3 * v - 1),
        'monotone',
      );
      for (const q of [0, 0.2, 0.65, 1.05, 2, 3.9, 4]) {
        expect(curve.at(q)).toBeCloseTo(3 * q - 1, 12);
        expect(curve.slope).toBeCloseTo(3, 12);
      }
    });

    it('never overshoots: flat where the data is flat, monotone where it is monotone', () => {
      const x = [0, 1, 2, 3, 4, 5, 6];
      const y = [0, 0, 0, 1, 1, 1, 5];
      const curve = new CurveCursor(x, y, 'monotone');
      let previous = -Infinity;
      let decreasing = 0;
      let offFlat = 0;
      for (let q = 0; q <= 6; q += 0.01) {
        const v = curve.at(q);
        if (v < previous - 1e-12) decreasing++;
        if ((q <= 2 && Math.abs(v) > 1e-12) || (q >= 3 && q <= 5 && Math.abs(v - 1) > 1e-12)) offFlat++;
        previous = v;
      }
      expect(decreasing).toBe(0);
      expect(offFlat).toBe(0);
    });

    it('is much closer than linear on a curve', () => {
      const x = Array.from({ length: 21 }, (_, i) => i / 2);
      const f = (v: number) => Math.sqrt(1 + v);
      const cubic = new CurveCursor(x, x.map(f), 'monotone');
      const linear = new CurveCursor(x, x.map(f), 'linear');
      let cubicError = 0;
      let linearError = 0;
      for (let q = 0; q <= 10; q += 0.01) {
        cubicError = Math.max(cubicError, Math.abs(cubic.at(q) - f(q)));
        linearError = Math.max(linearError, Math.abs(linear.at(q) - f(q)));
      }
      expect(cubicError).toBeLessThan(linearError / 4);
    });
  });
});
