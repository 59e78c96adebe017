import { bucketRuns, bucketValue, bucketValues, NO_BUCKET, uniformEdges } from './colour-buckets';

describe('colour buckets', () => {
  it('splits min…max into equal buckets', () => {
    expect(Array.from(uniformEdges(0, 100, 4))).toEqual([25, 50, 75]);
    expect(uniformEdges(0, 1, 1).length).toBe(0);
  });

  it('maps values to buckets, clamping outside the range, and NaN to no bucket', () => {
    const edges = uniformEdges(0, 100, 4);
    expect(Array.from(bucketValues([-5, 0, 24.9, 25, 60, 99, 100, 250, NaN], edges))).toEqual([
      0,
      0,
      0,
      1,
      2,
      3,
      3,
      3,
      NO_BUCKET,
    ]);
  });

  it('puts every value in the same bucket by division (equal edges) as by search (uneven edges)', () => {
    const edges = uniformEdges(60, 276, 64);
    const uneven = Float64Array.from([...edges, 1e9]); // one far edge makes the search path run
    const values = Array.from({ length: 5000 }, (_, i) => 50 + i * 0.0467);
    values.push(...Array.from(edges)); // values exactly on the edges
    const byDivision = bucketValues(values, edges);
    const bySearch = bucketValues(values, uneven);
    expect(Array.from(byDivision)).toEqual(Array.from(bySearch));
  });

  it('takes uneven edges such as thresholds', () => {
    expect(Array.from(bucketValues([10, 80, 80.5, 200], [80, 150]))).toEqual([0, 1, 1, 2]);
  });

  it('names a representative value per bucket, finite even for open-ended ones', () => {
    const edges = uniformEdges(100, 300, 4);
    expect([0, 1, 2, 3].map((k) => bucketValue(edges, k, 100, 300))).toEqual([125, 175, 225, 275]);
    expect(bucketValue([80], 0, 0, 100)).toBe(40);
    expect(bucketValue([80], 1, 0, 100)).toBe(90);
    expect(bucketValue([80], 1, 0, Infinity)).toBe(80);
  });
});

describe('bucketRuns', () => {
  it('groups consecutive segments of one bucket, and breaks on NaN and on breaks', () => {
    const x = [0, 1, 2, 3, NaN, 5, 6, 7, 8];
    const y = [0, 0, 0, 0, 0, 0, 0, 0, 0];
    const buckets = Uint8Array.from([0, 0, 1, 1, 1, 1, 0, 0, 0]);
    const breaks = new Uint8Array(9);
    breaks[8] = 1;
    const runs = bucketRuns(x, y, buckets, 2, breaks);
    const of = (k: number) =>
      Array.from({ length: runs.offsets[k + 1] - runs.offsets[k] }, (_, r) => [
        runs.start[runs.offsets[k] + r],
        runs.end[runs.offsets[k] + r],
      ]);
    // Segments: 1 (b0), 2–3 (b1), 4 and 5 touch NaN, 6–7 (b0), 8 broken.
    expect(of(0)).toEqual([
      [1, 2],
      [6, 8],
    ]);
    expect(of(1)).toEqual([[2, 4]]);
  });

  it('leaves out the segment that ends at a sample with no value', () => {
    const runs = bucketRuns([0, 1, 2, 3], [0, 0, 0, 0], Uint8Array.from([0, 0, NO_BUCKET, 0]), 1);
    expect(Array.from(runs.start)).toEqual([1, 3]);
    expect(Array.from(runs.end)).toEqual([2, 4]);
  });
});
