import { BLOCK_ROWS, BlockExtremes } from './block-extremes';
import { createBlockMinMax } from './block-minmax';
import { CarTrace } from './car-trace';
import { traceSource } from './trace-source';

function scan(values: ArrayLike<number>) {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  return min <= max ? { min, max } : { min: null, max: null };
}

describe.each([
  ['the SIMD kernel', createBlockMinMax()],
  ['JavaScript', undefined],
])('BlockExtremes, summarising with %s', (_, kernel) => {
  it.each([
    ['float64', Float64Array.from({ length: 5 * BLOCK_ROWS }, (_, i) => (i % 97 === 0 ? NaN : Math.sin(i) * i))],
    ['float32', Float32Array.from({ length: 5 * BLOCK_ROWS }, (_, i) => (i % 89 === 0 ? NaN : Math.cos(i) * i))],
  ])('gives the extremes of any window of a %s column, NaN ignored', (_type, values) => {
    const extremes = new BlockExtremes(values.length, kernel);
    for (const [start, end] of [
      [0, values.length],
      [3, 2 * BLOCK_ROWS + 5],
      [BLOCK_ROWS, 3 * BLOCK_ROWS],
      [10, 20],
      [values.length - 1, values.length],
    ]) {
      expect(extremes.window(values, 0, start, end)).toEqual(scan(values.subarray(start, end)));
    }
  });

  it('says null when the window holds no number', () => {
    const extremes = new BlockExtremes(1000, kernel);
    expect(extremes.window(new Float32Array(300).fill(NaN), 0, 0, 300)).toEqual({ min: null, max: null });
    expect(extremes.window(new Float32Array(0), 0, 0, 0)).toEqual({ min: null, max: null });
  });
});

describe('BlockExtremes on a car trace', () => {
  it('stays exact as the trace slides, compacts and is cleared', () => {
    const trace = new CarTrace(['f32', 'f64'], 1000);
    let t = 0;
    const check = () => {
      const view = trace.view();
      expect(view.extremes).toEqual(view.columns.map(scan));
    };
    for (let batch = 0; batch < 400; batch++) {
      const count = 1 + (batch % 23);
      const time = Float64Array.from({ length: count }, (_, i) => (t + i) * 10);
      // A wave with a slow drift, so old extremes leave the window as it slides.
      const a = Float32Array.from({ length: count }, (_, i) => Math.sin((t + i) / 50) * 100 + (t + i) / 10);
      const b = Float64Array.from({ length: count }, (_, i) => ((t + i) % 311 === 0 ? NaN : -(t + i)));
      trace.append(traceSource(time, [a, b]), 0, count);
      t += count;
      if (batch % 7 === 0) trace.dropBefore((t - 700) * 10);
      if (batch % 5 === 0) check();
    }
    trace.clear();
    trace.append(traceSource(Float64Array.of(1e9), [Float32Array.of(4), Float64Array.of(-4)]), 0, 1);
    expect(trace.view().extremes).toEqual([
      { min: 4, max: 4 },
      { min: -4, max: -4 },
    ]);
  });
});
