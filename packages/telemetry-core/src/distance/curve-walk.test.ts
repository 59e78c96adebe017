import { CurveCursor, type CurveOptions, type InterpolationMethod } from './curve';

/** A seeded generator, so the random columns are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 16807) % 2147483647;
    return a / 2147483647;
  };
}

function columns(n: number, seed: number, messy: boolean) {
  const next = random(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let at = -2;
  for (let i = 0; i < n; i++) {
    at += messy && next() < 0.1 ? -next() : 0.2 + next();
    x[i] = messy && next() < 0.03 ? NaN : at;
    y[i] = Math.sin(at / 5) * 10 + at;
  }
  return { x, y };
}

/** Each query on a cursor of its own, which walks from the first knot to it: values and slopes d/d(query). */
function oneByOne(x: Float64Array, y: Float64Array, curve: CurveOptions, queries: Float64Array, scale: number) {
  const values = new Float64Array(queries.length);
  const slopes = new Float64Array(queries.length);
  queries.forEach((q, i) => {
    const cursor = new CurveCursor(x, y, curve);
    values[i] = cursor.at(q * scale);
    slopes[i] = cursor.slope * scale;
  });
  return { values, slopes };
}

describe('CurveCursor over ascending queries', () => {
  const cases: Array<[string, boolean, InterpolationMethod]> = [
    ['clean, monotone', false, 'monotone'],
    ['clean, linear', false, 'linear'],
    ['with NaN and steps back, monotone', true, 'monotone'],
    ['with NaN and steps back, linear', true, 'linear'],
  ];
  it.each(cases)('gives each query’s value and slope on its own (%s)', (_name, messy, method) => {
    const { x, y } = columns(400, 7, messy);
    const queries = Float64Array.from({ length: 500 }, (_, i) => -3 + i * 0.3);
    const knots = { start: { x: 0, y: 0 }, end: { x: 200, y: 190 } };
    for (const scale of [1, 0.97]) {
      const ours = new Float64Array(queries.length);
      const oursSlopes = new Float64Array(queries.length);
      new CurveCursor(x, y, { method, ...knots }).evaluate(queries, ours, { scale, slopes: oursSlopes });
      const { values: theirs, slopes: theirSlopes } = oneByOne(x, y, { method, ...knots }, queries, scale);
      expect(Array.from(ours)).toEqual(Array.from(theirs).map((v) => (Number.isNaN(v) ? NaN : expect.closeTo(v, 9))));
      expect(Array.from(oursSlopes)).toEqual(
        Array.from(theirSlopes).map((v) => (Number.isNaN(v) ? NaN : expect.closeTo(v, 9))),
      );
    }
  });

  // Several samples per query, as in a real lap: the fast walk inside the samples, and what makes it give up.
  const dense: Array<[string, (x: Float64Array, y: Float64Array) => void]> = [
    ['clean', () => {}],
    ['a late step back', (x) => (x[700] = x[650])],
    ['an infinite sample', (x) => (x[300] = Infinity)],
    ['a NaN time', (_x, y) => (y[500] = NaN)],
  ];
  it.each(dense)('matches each query on its own on dense samples (%s)', (_name, spoil) => {
    const n = 1000;
    const x = Float64Array.from({ length: n }, (_, i) => 0.05 + i * 0.2 + 0.05 * Math.sin(i));
    const y = x.map((v) => v / 30 + Math.sin(v / 7));
    spoil(x, y);
    const queries = Float64Array.from({ length: 260 }, (_, i) => -5 + i * 0.8);
    for (const method of ['monotone', 'linear'] as const) {
      const ours = new Float64Array(queries.length);
      const oursSlopes = new Float64Array(queries.length);
      new CurveCursor(x, y, { method, start: { x: 0, y: 0 } }).evaluate(queries, ours, {
        scale: 1.01,
        slopes: oursSlopes,
      });
      const { values: theirs, slopes: theirSlopes } = oneByOne(x, y, { method, start: { x: 0, y: 0 } }, queries, 1.01);
      const close = (v: number) => (Number.isNaN(v) ? NaN : expect.closeTo(v, 9));
      expect(Array.from(ours)).toEqual(Array.from(theirs).map(close));
      expect(Array.from(oursSlopes)).toEqual(Array.from(theirSlopes).map(close));
    }
  });

  it('handles a lone knot and no knots', () => {
    const out = new Float64Array(3);
    new CurveCursor([5], [1], 'monotone').evaluate([4, 5, 6], out);
    expect(Array.from(out)).toEqual([NaN, 1, NaN]);
    new CurveCursor([], [], 'linear').evaluate([4, 5, 6], out);
    expect(Array.from(out)).toEqual([NaN, NaN, NaN]);
  });
});
