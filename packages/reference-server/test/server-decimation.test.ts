import { minMaxRows } from '../src/server/decimation';
import { rowsAtRate } from '../src/server/rows';
import { FixtureSource } from './fixtures/fixture-source';

function series(values: number[]) {
  return { time: Float64Array.from(values, (_, i) => 1000 + i * 10), column: Float32Array.from(values) };
}

describe('minMaxRows', () => {
  it('keeps all rows when they fit', () => {
    const { time, column } = series([1, 2, 3]);
    expect(minMaxRows(time, [column], 3)).toBeNull();
  });

  it('keeps the first and last row and the min and max row of each bucket', () => {
    // Two buckets of four rows: [5 1 9 2] [3 8 0 4].
    const { time, column } = series([5, 1, 9, 2, 3, 8, 0, 4]);
    expect(Array.from(minMaxRows(time, [column], 6)!)).toEqual([0, 1, 2, 5, 6, 7]);
  });

  it('keeps rows, not values: with two channels a row is kept whole for either extreme', () => {
    const a = Float32Array.from([0, 9, 0, 0, 0, 0, 0, 0, 0, 1]);
    const b = Float32Array.from([0, 0, 0, 0, -7, 0, 0, 0, 0, 1]);
    const time = Float64Array.from(a, (_, i) => i);
    const keep = Array.from(minMaxRows(time, [a, b], 4)!);
    expect(keep).toEqual([0, 1, 4, 9]);
  });

  it('shrinks the bucket count until many channels fit, and every global peak survives', () => {
    const source = new FixtureSource();
    const batch = source.range(source.summary.startTime, source.summary.startTime + 120_000, ['2']);
    const columns = Object.values(batch.channels);
    for (const maxPoints of [2, 7, 50, 333, 2000]) {
      const keep = minMaxRows(batch.time, columns, maxPoints)!;
      expect(keep.length).toBeLessThanOrEqual(maxPoints);
      expect(keep[0]).toBe(0);
      if (maxPoints >= 2) expect(keep[keep.length - 1]).toBe(batch.time.length - 1);
      expect(Array.from(keep)).toEqual([...keep].sort((x, y) => x - y));
      if (maxPoints >= 2 + 2 * columns.length) {
        for (const column of columns) {
          const kept = Array.from(keep, (i) => column[i]);
          const values = Array.from(column).filter(Number.isFinite);
          expect(kept).toContain(Math.max(...values));
          expect(kept).toContain(Math.min(...values));
        }
      }
    }
  });

  it('uses row buckets when time stands still', () => {
    const time = new Float64Array(10).fill(5);
    const column = Float32Array.from([3, 1, 4, 1, 5, 9, 2, 6, 5, 3]);
    const keep = minMaxRows(time, [column], 4)!;
    expect(keep.length).toBeLessThanOrEqual(4);
    expect(Array.from(keep, (i) => column[i])).toContain(9);
  });
});

describe('rowsAtRate', () => {
  it('keeps one row per slot of absolute time, carried across batches', () => {
    const source = new FixtureSource({ cars: 1 });
    const lastSent = new Map<string, number>();
    const kept: number[] = [];
    for (let seq = 0; seq < 10; seq++) {
      const batch = source.batch(seq);
      kept.push(...rowsAtRate(batch, batch.cars, 3, lastSent).map((i) => batch.time[i] - source.summary.startTime));
    }
    // 1 s at 3 Hz: slots start at 0, 333.3 and 666.7 ms (the start time is a whole multiple of 1000 ms).
    expect(kept).toEqual([0, 340, 670]);
  });
});
