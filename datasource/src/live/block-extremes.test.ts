import { BLOCK_ROWS, BlockExtremes, summariseBlocks } from './block-extremes';
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

describe('BlockExtremes', () => {
  it.each([
    ['float64', Float64Array.from({ length: 5 * BLOCK_ROWS }, (_, i) => (i % 97 === 0 ? NaN : Math.sin(i) * i))],
    ['float32', Float32Array.from({ length: 5 * BLOCK_ROWS }, (_, i) => (i % 89 === 0 ? NaN : Math.cos(i) * i))],
  ])('gives the extremes of any window of a %s column, NaN ignored', (_type, values) => {
    const extremes = new BlockExtremes(values.length);
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
    const extremes = new BlockExtremes(1000);
    expect(extremes.window(new Float32Array(300).fill(NaN), 0, 0, 300)).toEqual({ min: null, max: null });
    expect(extremes.window(new Float32Array(0), 0, 0, 0)).toEqual({ min: null, max: null });
  });
});

/** Min and max of each block, by a plain scan: the reference the block summaries must match. */
function scanBlocks(values: ArrayLike<number>, lo: number, blocks: number): Array<[number, number]> {
  return Array.from({ length: blocks }, (_, b) => {
    let min = Infinity;
    let max = -Infinity;
    for (let i = lo + b * BLOCK_ROWS; i < lo + (b + 1) * BLOCK_ROWS; i++) {
      if (values[i] < min) min = values[i];
      if (values[i] > max) max = values[i];
    }
    return [min, max];
  });
}

function ring(slots: number) {
  return { mins: new Float64Array(slots).fill(12345), maxes: new Float64Array(slots).fill(12345) };
}

describe('summariseBlocks', () => {
  it.each([
    ['float32', Float32Array],
    ['float64', Float64Array],
  ] as const)('matches a scan for %s blocks, with NaN passed over and a block of NaN', (_, Type) => {
    const blocks = 420;
    const values = new Type((blocks + 1) * BLOCK_ROWS + 7);
    for (let i = 0; i < values.length; i++)
      values[i] = i % 89 === 0 ? NaN : Math.sin(i / 40) * 1e3 + (i % 13) - i / 100;
    values.fill(NaN, 5 + 3 * BLOCK_ROWS, 5 + 4 * BLOCK_ROWS);
    const { mins, maxes } = ring(blocks + 2);
    summariseBlocks(values, 5, blocks, 1000, mins, maxes);
    const expected = scanBlocks(values, 5, blocks);
    const got = expected.map((_, b) => [mins[(1000 + b) % mins.length], maxes[(1000 + b) % maxes.length]]);
    expect(got).toEqual(expected);
    expect(got[3]).toEqual([Infinity, -Infinity]);
    // Only the slots of the blocks asked for were written.
    expect(mins.filter((v) => v === 12345)).toHaveLength(2);
  });

  it('writes around the ring of slots', () => {
    const values = Float32Array.from(
      { length: 6 * BLOCK_ROWS },
      (_, i) => Math.floor(i / BLOCK_ROWS) * 10 + (i % BLOCK_ROWS) / BLOCK_ROWS,
    );
    const { mins, maxes } = ring(4);
    summariseBlocks(values, 0, 6, 2, mins, maxes);
    // Blocks 2…7 in slots 2, 3, 0, 1, 2, 3: the last four blocks stay.
    expect(Array.from(mins)).toEqual([20, 30, 40, 50]);
    expect(Array.from(maxes).map((v) => Math.round(v))).toEqual([21, 31, 41, 51]);
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
