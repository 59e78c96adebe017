import { indexAtOrBefore, valueAtOrBefore } from './samples';

describe('indexAtOrBefore', () => {
  const time = [10, 20, 20, 30, 40];
  it('finds the last sample at or before the time', () => {
    expect([5, 10, 15, 20, 25, 40, 99].map((t) => indexAtOrBefore(time, t))).toEqual([-1, 0, 0, 2, 2, 4, 4]);
    expect(indexAtOrBefore([], 5)).toBe(-1);
  });
});

describe('valueAtOrBefore', () => {
  const time = [0, 100, 200, 300, 2000];
  const values = [1, NaN, 3, NaN, NaN];
  it('looks back to the latest finite value within reach', () => {
    expect(valueAtOrBefore(time, values, 1)).toBe(1);
    expect(valueAtOrBefore(time, values, 3)).toBe(3);
    expect(valueAtOrBefore(time, values, 4)).toBeNaN();
    expect(valueAtOrBefore(time, values, 4, 2000)).toBe(3);
    expect(valueAtOrBefore(time, values, -1)).toBeNaN();
  });
});
