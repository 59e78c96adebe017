import { chooseLap, isCompleteRun, lapRuns, parseLapChoice, type LapCandidate } from './lap-choice';

describe('lap runs', () => {
  it('splits the lap column into runs, skipping samples with no lap', () => {
    expect(lapRuns([3, 3, 4, 4, 4, NaN, 4, 5])).toEqual([
      { lap: 3, start: 0, end: 2 },
      { lap: 4, start: 2, end: 5 },
      { lap: 4, start: 6, end: 7 },
      { lap: 5, start: 7, end: 8 },
    ]);
  });

  it('calls a lap complete only when it is finished and spans the line to the line', () => {
    const lap = [1, 1, 1, 2, 2, 2, 2, 3, 3];
    const distance = [2500, 3000, 3400, 10, 1200, 2600, 3490, 5, 100];
    const runs = lapRuns(lap);
    expect(isCompleteRun(runs, 0, distance, { trackLength: 3500 })).toBe(false); // cut by the window's start
    expect(isCompleteRun(runs, 1, distance, { trackLength: 3500 })).toBe(true);
    expect(isCompleteRun(runs, 2, distance, { trackLength: 3500 })).toBe(false); // in progress
    expect(isCompleteRun(runs, 1)).toBe(true);
    expect(isCompleteRun(runs, 0)).toBe(false);
  });
});

describe('chooseLap', () => {
  const laps: LapCandidate<string>[] = [
    { key: 'car 1 lap 4', lap: 4, lapTime: 91.2, valid: true, lastTime: 1000 },
    { key: 'car 2 lap 4', lap: 4, lapTime: 90.8, valid: false, lastTime: 1100 },
    { key: 'car 2 lap 5', lap: 5, lapTime: 91.0, valid: true, lastTime: 2000 },
    { key: 'car 1 lap 5', lap: 5, valid: false, lastTime: 2100 },
  ];

  it('current: the lap with the latest sample', () => {
    expect(chooseLap(laps, { kind: 'current' })?.key).toBe('car 1 lap 5');
  });

  it('best: the fastest valid lap with a time, ignoring a faster invalid one', () => {
    expect(chooseLap(laps, { kind: 'best' })?.key).toBe('car 2 lap 5');
    expect(chooseLap([laps[1], laps[3]], { kind: 'best' })).toBeUndefined();
  });

  it('a number: that lap, the latest when several cars have it', () => {
    expect(chooseLap(laps, { kind: 'number', lap: 4 })?.key).toBe('car 2 lap 4');
    expect(chooseLap(laps, { kind: 'number', lap: 9 })).toBeUndefined();
  });

  it('parses the option after variables are replaced', () => {
    expect(parseLapChoice('')).toEqual({ kind: 'current' });
    expect(parseLapChoice(' Best ')).toEqual({ kind: 'best' });
    expect(parseLapChoice('12')).toEqual({ kind: 'number', lap: 12 });
    expect(parseLapChoice('$lap')).toBeUndefined();
  });
});
