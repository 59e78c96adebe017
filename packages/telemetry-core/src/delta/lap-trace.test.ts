import { deltaTime } from './time-slip';
import { lapTraceInWindow, lapWindowsFromSamples } from './lap-trace';

/**
 * Three laps of 1000 m at 50 m/s sampled at 10 Hz, the first sample 0.03 s after the session start: lap k starts at
 * 20(k − 1) s. `lag` samples after each line still read the previous lap's counter.
 */
function session(lag = 0) {
  const time: number[] = [];
  const lap: number[] = [];
  const distance: number[] = [];
  for (let t = 0.03; t < 60; t += 0.1) {
    const d = 50 * t;
    const k = Math.floor(d / 1000);
    time.push(1000 * t);
    distance.push(d - 1000 * k);
    lap.push(k + 1);
  }
  for (let i = 1; i < lap.length && lag; i++) {
    if (lap[i] !== lap[i - 1] && lap[i - 1] === lap[i] - 1) for (let j = i; j < i + lag; j++) lap[j] = lap[i] - 1;
  }
  return { time, lap, distance };
}

describe('lapWindowsFromSamples', () => {
  it('times each line crossing on the lap-distance wrap, and extrapolates the first lap’s start', () => {
    const { time, lap, distance } = session();
    const windows = lapWindowsFromSamples(time, lap, distance);
    expect(windows.map((w) => w.lap)).toEqual([1, 2, 3]);
    expect(windows[0].startTime).toBeCloseTo(0, 6);
    expect(windows[1].startTime).toBeCloseTo(20_000, 6);
    expect(windows[0].endTime).toBeCloseTo(20_000, 6);
    expect(windows[0].length).toBeCloseTo(1000, 6);
    expect(windows[2].endTime).toBeUndefined(); // the last lap has not ended in the data
  });

  it('follows the lap-distance wrap when the counter turns late', () => {
    const { time, lap, distance } = session(3);
    const windows = lapWindowsFromSamples(time, lap, distance);
    expect(windows[1].startTime).toBeCloseTo(20_000, 6);
  });

  it('leaves out a lap that began before the data (its first sample far from the line)', () => {
    const { time, lap, distance } = session();
    const from = time.findIndex((t) => t > 5000);
    const windows = lapWindowsFromSamples(time.slice(from), lap.slice(from), distance.slice(from));
    expect(windows.map((w) => w.lap)).toEqual([2, 3]);
  });
});

describe('lapTraceInWindow', () => {
  it('cuts a lap by its crossings: seconds from the start, metres from the line, pinned ends', () => {
    const { time, distance } = session();
    const trace = lapTraceInWindow(time, distance, { lap: 2, startTime: 20_000, endTime: 40_000, length: 1000 })!;
    expect(trace.complete).toBe(true);
    expect(trace.lapTime).toBe(20);
    expect(trace.time[0]).toBeCloseTo(0.03, 9);
    expect(trace.distance[0]).toBeCloseTo(1.5, 6);
    const slip = deltaTime(trace, trace);
    expect(Math.max(...slip.delta.map(Math.abs))).toBe(0);
  });

  it('leaves out first samples still reading the previous lap’s distance', () => {
    const { time, distance } = session();
    const late = distance.slice();
    const first = time.findIndex((t) => t >= 20_000);
    late[first] += 1000;
    late[first + 1] += 1000;
    const trace = lapTraceInWindow(time, late, { lap: 2, startTime: 20_000, endTime: 40_000, length: 1000 })!;
    expect(trace.distance[0]).toBeNaN();
    expect(trace.distance[1]).toBeNaN();
    expect(trace.distance[2]).toBeCloseTo(11.5, 6);
  });

  it('reads an odometer from its value at the line', () => {
    const time = [0, 100, 200, 300, 400];
    const odometer = [500, 505, 510, 515, 520];
    const trace = lapTraceInWindow(time, odometer, { lap: 1, startTime: 150 }, { distanceKind: 'odometer' })!;
    expect(Array.from(trace.distance)).toEqual([2.5, 7.5, 12.5]);
    expect(trace.complete).toBe(false);
  });
});
