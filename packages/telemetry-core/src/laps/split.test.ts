import { lapElapsedSeconds, splitLapsByCounter, splitLapsByLine, type StartFinishLine } from './split';

/**
 * A car lapping a 100 m × 100 m square anticlockwise from (0, 0) at constant speed, logged every `periodMs` from
 * `t0Ms`. The start/finish line crosses the bottom straight at x = 50, so the first crossing is at 50 m.
 */
function squareLaps(speed: number, periodMs: number, t0Ms: number, durationMs: number) {
  const time: number[] = [];
  const x: number[] = [];
  const y: number[] = [];
  for (let t = t0Ms; t <= t0Ms + durationMs; t += periodMs) {
    const d = (speed * t) / 1000;
    const along = d % 400;
    const side = Math.floor(along / 100);
    const f = along - side * 100;
    const [px, py] = [
      [f, 0],
      [100, f],
      [100 - f, 100],
      [0, 100 - f],
    ][side];
    time.push(t);
    x.push(px);
    y.push(py);
  }
  return { time, x, y };
}

const line: StartFinishLine = { a: { x: 50, y: -10 }, b: { x: 50, y: 10 } };

describe('splitLapsByLine', () => {
  it('times each crossing exactly for straight-line motion between samples', () => {
    // 20 m/s: laps of exactly 20 s, line at 2.5 s + 20k s; samples every 100 ms from 37 ms.
    const { time, x, y } = squareLaps(20, 100, 37, 70_000);
    const laps = splitLapsByLine(time, x, y, line);
    expect(laps.map((l) => l.lap)).toEqual([0, 1, 2, 3, 4]);
    expect(laps.map((l) => l.complete)).toEqual([false, true, true, true, false]);
    laps.slice(1).forEach((l, k) => expect(l.startTime).toBeCloseTo(2500 + 20_000 * k, 6));
    for (const l of laps.slice(1, 4)) expect(l.lapTime).toBeCloseTo(20, 9);
    expect(laps[0]).toMatchObject({ startIndex: 0, startTime: 37 });
    expect(laps[0].lapTime).toBeUndefined();
    expect(time[laps[1].startIndex]).toBeGreaterThan(laps[1].startTime);
    expect(time[laps[1].startIndex - 1]).toBeLessThan(laps[1].startTime);
    expect(laps[4].endIndex).toBe(time.length);
    expect(laps[4].endTime).toBe(time[time.length - 1]);
    for (const l of laps) expect(l.maxGapMs).toBeLessThanOrEqual(100 + 1e-9);
  });

  it('detects the driving direction, whichever way the line is drawn', () => {
    const { time, x, y } = squareLaps(20, 100, 37, 50_000);
    const reversed = splitLapsByLine(time, x, y, { a: line.b, b: line.a });
    expect(reversed.map((l) => l.startTime)).toEqual(splitLapsByLine(time, x, y, line).map((l) => l.startTime));
    // The car passes from the left of a→b (upwards) to its right: direction −1.
    expect(splitLapsByLine(time, x, y, line, { direction: 1 })).toHaveLength(1);
  });

  it('ignores crossings sooner than the minimum lap time after the last one', () => {
    const { time, x, y } = squareLaps(20, 100, 37, 50_000);
    // GPS jitter right after the line: the car appears to jump back across it and forward again.
    const i = time.findIndex((t) => t > 22_500);
    x[i + 1] = 49.5;
    x[i + 2] = 51;
    const laps = splitLapsByLine(time, x, y, line, { minLapTimeMs: 15_000 });
    expect(laps).toHaveLength(4);
    expect(laps[2].startTime).toBeCloseTo(22_500, 6);
    expect(laps[2].lapTime).toBeCloseTo(20, 9);
    expect(splitLapsByLine(time, x, y, line, { minLapTimeMs: 100 })).toHaveLength(5);
  });

  it('interpolates across a short dropout and leaves laps split by a long one incomplete', () => {
    const { time, x, y } = squareLaps(20, 100, 37, 70_000);
    const blank = (from: number, to: number) =>
      time.forEach((t, i) => {
        if (t > from && t < to) x[i] = y[i] = NaN;
      });
    blank(22_100, 22_800); // 0.7 s around the second crossing at 22.5 s
    blank(41_000, 44_000); // 3 s around the third at 42.5 s
    const laps = splitLapsByLine(time, x, y, line);
    expect(laps).toHaveLength(5);
    expect(laps[2].startTime).toBeCloseTo(22_500, 6);
    expect(laps[1].complete).toBe(true);
    expect(laps[1].lapTime).toBeCloseTo(20, 9);
    expect(laps[2].complete).toBe(false);
    expect(laps[3].complete).toBe(false);
    expect(laps[3].startTime).toBeCloseTo(42_500, 6); // the path across the gap is still straight here
    expect(laps[2].maxGapMs).toBeGreaterThan(1000);
  });

  it('numbers laps from firstLap', () => {
    const { time, x, y } = squareLaps(20, 100, 37, 30_000);
    expect(splitLapsByLine(time, x, y, line, { firstLap: 7 }).map((l) => l.lap)).toEqual([6, 7, 8]);
    expect(splitLapsByLine([], [], [], line)).toEqual([]);
  });
});

/** Constant speed round a lap of `length` m, logged every `periodMs`; the counter increments `lag` samples late. */
function counterLaps(speed: number, length: number, periodMs: number, t0Ms: number, count: number, lag = 0) {
  const time: number[] = [];
  const distance: number[] = [];
  const counter: number[] = [];
  for (let k = 0; k < count; k++) {
    const t = t0Ms + k * periodMs;
    const d = (speed * t) / 1000;
    time.push(t);
    distance.push(d % length);
    const lagged = (speed * (t - lag * periodMs)) / 1000;
    counter.push(Math.floor(Math.max(0, lagged) / length) + 1);
  }
  return { time, distance, counter };
}

describe('splitLapsByCounter', () => {
  it('splits on counter changes, halfway between the samples without a lap distance', () => {
    const time = [0, 100, 200, 300, 400, 500, 600, 700];
    const counter = [3, 3, 4, 4, NaN, 5, 5, 5];
    const laps = splitLapsByCounter(time, counter);
    expect(laps.map((l) => [l.lap, l.startIndex, l.endIndex])).toEqual([
      [3, 0, 2],
      [4, 2, 5],
      [5, 5, 8],
    ]);
    expect(laps[1]).toMatchObject({ startTime: 150, endTime: 400, complete: true, lapTime: 0.25, maxGapMs: 100 });
    expect(laps[0].complete).toBe(false);
    expect(laps[2].complete).toBe(false);
  });

  it('times the line from the lap-distance wrap, exactly at constant speed', () => {
    // 50 m/s round 1234 m: crossings at 24.68 s · k; samples every 100 ms from 37 ms.
    const { time, distance, counter } = counterLaps(50, 1234, 100, 37, 1200);
    for (const opts of [{}, { lapLength: 1234 }]) {
      const laps = splitLapsByCounter(time, counter, distance, opts);
      expect(laps.map((l) => l.lap)).toEqual([1, 2, 3, 4, 5]);
      laps.slice(1).forEach((l, k) => expect(l.startTime).toBeCloseTo(24_680 * (k + 1), 6));
      for (const l of laps.slice(1, -1)) expect(l.lapTime).toBeCloseTo(24.68, 9);
    }
  });

  it('trusts the distance wrap when the first samples of a lap still carry the previous counter', () => {
    const { time, distance, counter } = counterLaps(50, 1234, 100, 37, 1200, 3);
    const laps = splitLapsByCounter(time, counter, distance);
    expect(laps.map((l) => l.lap)).toEqual([1, 2, 3, 4, 5]);
    for (const l of laps.slice(1)) {
      expect(distance[l.startIndex]).toBeLessThan(5); // the lap starts at the wrap, not at the counter change
      expect(counter[l.startIndex]).toBe(l.lap - 1);
    }
    laps.slice(1).forEach((l, k) => expect(l.startTime).toBeCloseTo(24_680 * (k + 1), 6));
  });

  it('handles laps of slightly different lengths (the line is where the distance wraps)', () => {
    const time: number[] = [];
    const distance: number[] = [];
    const counter: number[] = [];
    const lengths = [1000, 1003, 998];
    let t = 13;
    let lap = 0;
    let d = 0;
    while (lap < lengths.length) {
      time.push(t);
      distance.push(d);
      counter.push(lap + 1);
      t += 10;
      d += 0.4; // 40 m/s at 100 Hz
      if (d >= lengths[lap]) {
        d -= lengths[lap];
        lap++;
      }
    }
    const laps = splitLapsByCounter(time, counter, distance);
    expect(laps.map((l) => l.lap)).toEqual([1, 2, 3]);
    expect(laps[1].lapTime).toBeCloseTo(1003 / 40, 9);
    expect(laps[1].startTime).toBeCloseTo(13 + 25_000, 6);
  });

  it('falls back to the counter when no wrap is near it', () => {
    const { time, distance, counter } = counterLaps(50, 1234, 100, 37, 600);
    const blanked = distance.map((d, i) => (time[i] > 22_000 && time[i] < 27_000 ? NaN : d));
    const laps = splitLapsByCounter(time, counter, blanked);
    expect(laps).toHaveLength(3);
    const change = counter.indexOf(2);
    expect(laps[1].startIndex).toBe(change);
    expect(laps[1].startTime).toBe((time[change - 1] + time[change]) / 2);
  });
});

describe('lapElapsedSeconds', () => {
  it('gives each sample of a lap its time since the line', () => {
    const elapsed = lapElapsedSeconds([0, 100, 200, 300], { startIndex: 1, endIndex: 4, startTime: 50 });
    expect(Array.from(elapsed)).toEqual([0.05, 0.15, 0.25]);
  });
});
