import { channelStats } from '../laps/aggregates';
import { aggregateColumns, columnSteps, lapColumns, spanMax, spanMean, timeBucketColumns, zoneSpread } from './columns';

/** 10 Hz for 30 s, laps changing every 10 s; the channel equals the elapsed seconds. */
const time = Float64Array.from({ length: 300 }, (_, i) => 1_000_000 + i * 100);
const lap = Float64Array.from(time, (t) => 1 + Math.floor((t - 1_000_000) / 10_000));
const ramp = Float64Array.from(time, (t) => (t - 1_000_000) / 1000);

describe('lapColumns', () => {
  it('makes one column per lap, the first and last partial', () => {
    const columns = lapColumns(time, lap);
    expect(columns.map((c) => [c.lap, c.startIndex, c.endIndex, c.partial])).toEqual([
      [1, 0, 100, true],
      [2, 100, 200, false],
      [3, 200, 300, true],
    ]);
    // the crossing is timed halfway between the last sample of one lap and the first of the next
    expect(columns[1].startTime).toBe(1_009_950);
    expect(columns[1].endTime).toBe(1_019_950);
  });

  it('is empty for empty columns', () => {
    expect(lapColumns([], [])).toEqual([]);
  });
});

describe('aggregateColumns', () => {
  it('takes the time-weighted lap mean and the lap max at full resolution', () => {
    const columns = lapColumns(time, lap);
    const mean = aggregateColumns(time, ramp, columns, 'mean');
    // lap 2 runs from 9.95 s to 19.95 s on a channel equal to the time: its mean is the midpoint
    expect(mean[1]).toBeCloseTo(14.95, 9);
    expect(mean[1]).toBeCloseTo(channelStats(time, ramp, columns[1]).mean, 12);
    expect(Array.from(aggregateColumns(time, ramp, columns, 'max'))).toEqual(
      [9.9, 19.9, 29.9].map((v) => ramp[v * 10]),
    );
  });

  it('gives NaN for a lap without finite samples and skips NaN in the max', () => {
    const gappy = Float64Array.from(ramp, (v, i) => (i < 100 || i === 199 ? NaN : v));
    const columns = lapColumns(time, lap);
    const max = aggregateColumns(time, gappy, columns, 'max');
    expect(max[0]).toBeNaN();
    expect(max[1]).toBeCloseTo(19.8, 9);
    expect(aggregateColumns(time, gappy, columns, 'mean')[0]).toBeNaN();
    expect(spanMax(gappy, { startIndex: 0, endIndex: 0, startTime: 0, endTime: 0 })).toBeNaN();
  });
});

describe('timeBucketColumns', () => {
  it('splits on whole multiples of the bucket, partial at the window ends', () => {
    const columns = timeBucketColumns(time, 7000);
    // 1 000 000 is 142 × 7000 + 6000: the first bucket holds one second of data
    expect(columns[0]).toMatchObject({
      startIndex: 0,
      endIndex: 10,
      startTime: 1_000_000,
      endTime: 1_001_000,
      partial: true,
    });
    expect(columns[1]).toMatchObject({
      startIndex: 10,
      endIndex: 80,
      startTime: 1_001_000,
      endTime: 1_008_000,
      partial: false,
    });
    const last = columns[columns.length - 1];
    expect(last).toMatchObject({ endIndex: 300, endTime: 1_029_900, partial: true });
    expect(columns.reduce((n, c) => n + c.endIndex - c.startIndex, 0)).toBe(300);
    expect(aggregateColumns(time, ramp, columns, 'mean')[1]).toBeCloseTo(4.5, 9);
  });

  it('leaves out empty buckets and refuses a bucket of zero', () => {
    const gap = [0, 1000, 5000, 5500];
    expect(timeBucketColumns(gap, 1000).map((c) => [c.startIndex, c.endIndex])).toEqual([
      [0, 1],
      [1, 2],
      [2, 4],
    ]);
    expect(timeBucketColumns(gap, 0)).toEqual([]);
  });
});

describe('zoneSpread', () => {
  it('is inner minus outer', () => {
    expect(Array.from(zoneSpread([90, 85, NaN], [80, 88, 70]))).toEqual([10, -3, NaN]);
  });
});

describe('spanMean', () => {
  it('equals the core lap mean (channelStats) on irregular, gappy data, spans ending between samples', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const t: number[] = [];
    for (let now = 0; t.length < 2000; now += 5 + random() * 40) t.push(now);
    const v = t.map((x, i) => (random() < 0.1 || (i > 500 && i < 540) ? NaN : 80 + 20 * Math.sin(x / 3000)));
    for (const [startIndex, endIndex] of [
      [0, 2000],
      [37, 600],
      [501, 560],
      [1200, 1201],
      [520, 530],
    ]) {
      const span = {
        startIndex,
        endIndex,
        startTime: t[startIndex] - (startIndex ? 2 : 0),
        endTime: endIndex < t.length ? t[endIndex] - 3 : t[endIndex - 1],
      };
      const expected = channelStats(t, v, span).mean;
      if (Number.isNaN(expected)) expect(spanMean(t, v, span)).toBeNaN();
      else expect(spanMean(t, v, span)).toBeCloseTo(expected, 9);
    }
  });
});

describe('columnSteps and the even-step mean', () => {
  it('finds evenly sampled columns, and their mean equals the general one', () => {
    const t = Float64Array.from({ length: 1000 }, (_, i) => 1.7e12 + i * 10);
    const uneven = Float64Array.from(t, (x, i) => (i > 600 && i < 700 ? x + 3 : x));
    const v = Float64Array.from(t, (x) => 90 + 10 * Math.sin(x / 700));
    const columns = [
      { startIndex: 0, endIndex: 333, startTime: t[0], endTime: t[333] - 5 },
      { startIndex: 333, endIndex: 1000, startTime: t[333] - 5, endTime: t[999] },
      { startIndex: 5, endIndex: 6, startTime: t[5] - 1, endTime: t[6] - 1 },
    ];
    expect(Array.from(columnSteps(t, columns))).toEqual([10, 10, NaN]);
    expect(Array.from(columnSteps(uneven, columns))).toEqual([10, NaN, NaN]);
    const even = aggregateColumns(t, v, columns, 'mean');
    columns.forEach((column, c) => expect(even[c]).toBeCloseTo(channelStats(t, v, column).mean, 9));
    // a NaN in an evenly sampled column takes the general way
    const gappy = Float64Array.from(v, (x, i) => (i === 100 || i === 101 ? NaN : x));
    expect(aggregateColumns(t, gappy, columns, 'mean')[0]).toBeCloseTo(channelStats(t, gappy, columns[0]).mean, 9);
    expect(spanMean(t, v, columns[1], 10)).toBeCloseTo(spanMean(t, v, columns[1]), 9);
  });
});
