import { distanceGrid, normaliseLapLength, resampleOnDistance } from './resample';

describe('distanceGrid', () => {
  it('steps from 0 and always ends on the lap length', () => {
    expect(Array.from(distanceGrid(10, 3))).toEqual([0, 3, 6, 9, 10]);
    expect(Array.from(distanceGrid(9, 3))).toEqual([0, 3, 6, 9]);
    expect(Array.from(distanceGrid(1, 0.1))).toHaveLength(11);
    expect(distanceGrid(1, 0.1)[10]).toBe(1);
    expect(Array.from(distanceGrid(0, 1))).toEqual([0]);
    expect(() => distanceGrid(10, 0)).toThrow(RangeError);
  });
});

describe('the samples a curve keeps', () => {
  it('drops samples while stationary, jittering backwards or missing', () => {
    // Each sample's value is its index: a kept sample's comes back at its own distance.
    const distance = [0, 1, 1, 1, 0.8, 2, NaN, 3, Infinity, 4];
    const kept = resampleOnDistance(
      distance,
      distance.map((_, i) => i),
      [0, 1, 2, 3, 4],
    );
    expect(Array.from(kept)).toEqual([0, 1, 5, 7, 9]);
  });
});

describe('resampleOnDistance', () => {
  const distance = [0, 10, 10, 20, 19, 30, 40];
  const speed = [100, 110, 999, 130, 999, 150, 160];

  it('interpolates linearly between the increasing samples', () => {
    const out = resampleOnDistance(distance, speed, [0, 5, 10, 15, 25, 40]);
    expect(Array.from(out)).toEqual([100, 105, 110, 120, 140, 160]);
  });

  it('is NaN beyond the covered distance and next to missing values', () => {
    const out = resampleOnDistance(distance, [100, 110, 999, NaN, 999, 150, 160], [-20, 5, 15, 25, 35, 60]);
    expect(Array.from(out)).toEqual([NaN, 105, NaN, NaN, 155, NaN]);
  });

  it('reproduces a straight line with the monotone method', () => {
    const d = [0, 1, 3, 4, 8, 9];
    const out = resampleOnDistance(
      d,
      d.map((v) => 2 * v + 1),
      [0, 0.5, 2, 6, 9],
      'monotone',
    );
    Array.from(out).forEach((v, i) => expect(v).toBeCloseTo(2 * [0, 0.5, 2, 6, 9][i] + 1, 12));
  });
});

describe('normaliseLapLength', () => {
  it('scales the distance onto the reference length', () => {
    expect(Array.from(normaliseLapLength([0, 505, 1010], 1010, 1000))).toEqual([0, 500, 1000]);
  });
});
