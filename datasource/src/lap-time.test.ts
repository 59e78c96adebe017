import { describeLapFlags, formatLapTime } from './lap-time';

describe('formatLapTime', () => {
  it.each([
    [91.69475, '1:31.695'],
    [31.0004, '31.000'],
    [59.9996, '1:00.000'],
    [3723.4561, '1:02:03.456'],
    [-1.5, '-1.500'],
    [NaN, '–'],
  ])('%p s is %s', (seconds, text) => {
    expect(formatLapTime(seconds)).toBe(text);
  });
});

describe('describeLapFlags', () => {
  it('names the flags that make a lap invalid', () => {
    expect(describeLapFlags({ outLap: true, inLap: false, pit: true, incomplete: false })).toBe('out-lap, pit');
    expect(describeLapFlags({ outLap: false, inLap: false, pit: false, incomplete: false })).toBe('');
  });
});
