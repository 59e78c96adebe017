import { LIVE_VALUE_BUDGET, planBuffer } from './buffer-plan';

describe('planBuffer', () => {
  it('holds the whole window at full rate when it fits, with a second to spare', () => {
    expect(planBuffer({ windowMs: 300_000, rateHz: 100, cars: 2, columns: 6, samplesPerCar: 40_000 })).toEqual({
      capacity: 30_100,
    });
    // The default cap holds the default five minutes at 100 Hz.
    expect(planBuffer({ windowMs: 300_000, rateHz: 100, cars: 2, columns: 6, samplesPerCar: 30_000 })).toEqual({
      capacity: 30_000,
    });
  });

  it('thins the rate when the window exceeds the sample cap', () => {
    const plan = planBuffer({ windowMs: 3_600_000, rateHz: 100, cars: 1, columns: 4, samplesPerCar: 30_000 });
    expect(plan.capacity).toBe(30_000);
    expect(plan.maxRateHz).toBe(8.33);
    expect(plan.maxRateHz! * 3601).toBeLessThanOrEqual(30_000);
  });

  it('keeps a query of many cars and channels within the memory budget', () => {
    const plan = planBuffer({ windowMs: 300_000, rateHz: 100, cars: 20, columns: 43, samplesPerCar: 30_000 });
    expect(plan.capacity * 20 * 43).toBeLessThanOrEqual(LIVE_VALUE_BUDGET);
    expect(plan.maxRateHz).toBeCloseTo(plan.capacity / 301, 1);
  });
});
