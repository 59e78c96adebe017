import { formatLapTime, formatTimeDelta, lapTimeDelta, lapTimeMs } from './format';

describe('formatLapTime', () => {
  it.each([
    [91.695, '1:31.695'],
    [31.695, '31.695'],
    [59.9996, '1:00.000'],
    [59.9994, '59.999'],
    [80.3555, '1:20.356'],
    [28.4575, '28.458'],
    [3723.456, '1:02:03.456'],
    [0.0004, '0.000'],
    [-1.5, '-1.500'],
  ])('writes %p seconds as %p, rounded to the millisecond', (seconds, text) => {
    expect(formatLapTime(seconds)).toBe(text);
  });

  it('writes a dash for no time', () => {
    expect(formatLapTime(undefined)).toBe('–');
    expect(formatLapTime(null)).toBe('–');
    expect(formatLapTime(NaN)).toBe('–');
  });

  it('rounds to the same milliseconds the laps frame carries', () => {
    expect(lapTimeMs(80.3555)).toBe(80356);
    expect(lapTimeMs(59.9996)).toBe(60000);
  });
});

describe('formatTimeDelta', () => {
  it.each([
    [0.1234, '+0.123'],
    [-0.0455, '−0.045'],
    [0.0004, '±0.000'],
    [-0.0004, '±0.000'],
    [44.6449, '+44.645'],
    [61.5, '+1:01.500'],
  ])('writes %p seconds as %p', (seconds, text) => {
    expect(formatTimeDelta(seconds)).toBe(text);
  });

  it('is the difference of the shown milliseconds', () => {
    // 80.3555 shows 1:20.356 and 80.0004 shows 1:20.000: the delta says +0.356, not the raw +0.355.
    expect(formatTimeDelta(lapTimeDelta(80.3555, 80.0004))).toBe('+0.356');
    expect(formatTimeDelta(80.3555 - 80.0004)).toBe('+0.355');
  });
});
