import { operatingWindow, RACING_SLICK, windowState } from './window';

describe('operatingWindow', () => {
  it('is the band from the low to the high value, either end open', () => {
    expect(operatingWindow(80, 105)).toEqual({ low: 80, high: 105 });
    expect(operatingWindow(60, Infinity)).toEqual({ low: 60, high: Infinity });
    expect(operatingWindow(-Infinity, Infinity)).toEqual({ low: -Infinity, high: Infinity });
    expect(operatingWindow(RACING_SLICK.window.low, RACING_SLICK.window.high)).toEqual({ low: 80, high: 105 });
  });

  it('is absent for a band that ends below its start or has no number', () => {
    expect(operatingWindow(105, 80)).toBeUndefined();
    expect(operatingWindow(NaN, 80)).toBeUndefined();
  });
});

describe('windowState', () => {
  const window = { low: 80, high: 105 };
  it('says cold below, optimal inside, hot from the top', () => {
    expect([60, 79.9, 80, 104.9, 105, 130].map((v) => windowState(v, window))).toEqual([
      'cold',
      'cold',
      'optimal',
      'optimal',
      'hot',
      'hot',
    ]);
    expect(windowState(NaN, window)).toBe('unknown');
    expect(windowState(90, undefined)).toBe('unknown');
  });
});
