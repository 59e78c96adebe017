import { deltaTime, gainZones, lossZones, type LapTrace, type TimeSlip } from './time-slip';

/** A lap sampled at `hz` with distance d(t) = v0·t + a·t²/2, its first sample `phase` of a period after the line. */
function sampledLap(v0: number, a: number, length: number, hz: number, phase: number): LapTrace {
  const time: number[] = [];
  const distance: number[] = [];
  for (let k = 0; ; k++) {
    const t = (k + phase) / hz;
    const d = v0 * t + 0.5 * a * t * t;
    if (d >= length) break;
    time.push(t);
    distance.push(d);
  }
  return { time, distance, length };
}

/** Time to reach s from the line at constant acceleration: (−v0 + √(v0² + 2as)) / a. */
function timeAt(v0: number, a: number, s: number): number {
  return a === 0 ? s / v0 : (-v0 + Math.sqrt(v0 * v0 + 2 * a * s)) / a;
}

/** The largest error of Δt (or of another column of the slip) against an exact answer over [from, to]. */
function maxError(slip: TimeSlip, exact: (s: number) => number, from = 0, to = Infinity, column = slip.delta): number {
  let max = 0;
  slip.distance.forEach((s, i) => {
    if (s >= from && s <= to) max = Math.max(max, Math.abs(column[i] - exact(s)));
  });
  return max;
}

describe('deltaTime', () => {
  it.each(['linear', 'monotone'] as const)('is exact for two laps at constant speed (%s)', (method) => {
    const lap = sampledLap(50, 0, 1000, 100, 0.37);
    const reference = sampledLap(40, 0, 1000, 100, 0.81);
    const slip = deltaTime(lap, reference, { method });
    expect(slip.distance[0]).toBe(0);
    expect(slip.distance[slip.distance.length - 1]).toBe(1000);
    expect(slip.distance).toHaveLength(1001);
    expect(maxError(slip, (s) => s / 50 - s / 40)).toBeLessThan(1e-9);
    expect(maxError(slip, () => 1 / 50 - 1 / 40, 0, 1000, slip.rate)).toBeLessThan(1e-9);
    expect(slip.delta[1000]).toBeCloseTo(20 - 25, 9); // lap time difference at the line
  });

  it('normalises a lap of a different length onto the reference distance', () => {
    const lap = sampledLap(50, 0, 1010, 100, 0.5);
    const reference = sampledLap(40, 0, 1000, 100, 0.2);
    const slip = deltaTime(lap, reference, { step: 2 });
    expect(maxError(slip, (s) => (s * 1.01) / 50 - s / 40)).toBeLessThan(1e-9);
    expect(maxError(slip, () => 1.01 / 50 - 1 / 40, 0, 1000, slip.rate)).toBeLessThan(1e-9);
  });

  it('matches the constant-acceleration answer to well under 0.1 ms at 100 Hz', () => {
    const lap = sampledLap(20, 3, 1000, 100, 0.37);
    const reference = sampledLap(40, 0, 1000, 100, 0.61);
    const exact = (s: number) => timeAt(20, 3, s) - s / 40;
    const monotone = maxError(deltaTime(lap, reference), exact);
    const linear = maxError(deltaTime(lap, reference, { method: 'linear' }), exact);
    expect(monotone).toBeLessThan(1e-6);
    expect(linear).toBeLessThan(1e-4);
    expect(monotone).toBeLessThan(linear / 10);
    const slip = deltaTime(lap, reference, { step: 0.5 });
    expect(maxError(slip, (s) => 1 / Math.sqrt(400 + 6 * s) - 1 / 40, 0, 1000, slip.rate)).toBeLessThan(1e-6);
  });

  it('keeps a heavy braking zone logged at 10 Hz well under a millisecond, lap time pinned at the line', () => {
    const withLapTime = (v0: number, a: number, lap: LapTrace) => ({ ...lap, lapTime: timeAt(v0, a, lap.length!) });
    const lap = withLapTime(60, -25, sampledLap(60, -25, 64, 10, 0.3));
    const reference = withLapTime(60, -20, sampledLap(60, -20, 64, 10, 0.7));
    const exact = (s: number) => timeAt(60, -25, s) - timeAt(60, -20, s);
    const monotone = deltaTime(lap, reference, { step: 0.25 });
    const linear = deltaTime(lap, reference, { step: 0.25, method: 'linear' });
    expect(maxError(monotone, exact)).toBeLessThan(2.5e-4);
    expect(maxError(monotone, exact)).toBeLessThan(maxError(linear, exact) / 2);
    expect(monotone.delta[monotone.delta.length - 1]).toBeCloseTo(lap.lapTime - reference.lapTime, 12);
  });

  it('counts a stop from the first arrival and is exact again once the car moves on', () => {
    const time: number[] = [];
    const distance: number[] = [];
    for (let k = 0; k <= 2200; k++) {
      const t = k / 100;
      time.push(t);
      distance.push(t <= 10 ? 50 * t : t <= 12 ? 500 : 500 + 50 * (t - 12));
    }
    const reference = sampledLap(40, 0, 1000, 100, 0);
    for (const method of ['linear', 'monotone'] as const) {
      const slip = deltaTime({ time, distance, length: 1000 }, reference, { method });
      expect(maxError(slip, (s) => s / 50 - s / 40, 0, 500)).toBeLessThan(1e-9);
      expect(maxError(slip, (s) => s / 50 + 2 - s / 40, 501, 1000)).toBeLessThan(1e-9);
    }
  });

  it('bridges distance dropouts and jitter backwards', () => {
    const lap = sampledLap(50, 0, 1000, 100, 0.5);
    const distance = Array.from(lap.distance);
    for (let i = 300; i < 320; i++) distance[i] = NaN;
    distance[600] -= 3; // a sample that jumps back is dropped
    const slip = deltaTime({ ...lap, distance }, sampledLap(40, 0, 1000, 100, 0.5));
    expect(maxError(slip, (s) => s / 50 - s / 40)).toBeLessThan(1e-9);
  });

  it('is NaN past the end of a lap still in progress', () => {
    const lap = sampledLap(50, 0, 400, 100, 0.5);
    const slip = deltaTime({ time: lap.time, distance: lap.distance, length: 1000 }, sampledLap(50, 0, 1000, 100, 0.5));
    expect(slip.delta[399]).toBeCloseTo(0, 9);
    expect(slip.delta[401]).toBeNaN();
    expect(slip.rate[401]).toBeNaN();
  });
});

describe('loss and gain zones', () => {
  // Δt rises 0.3 s over 0–100 m, falls 0.1 s to 200 m, rises 0.5 s to 300 m, is flat to 400 m, rises 0.05 s to 450 m
  // with a 0.5 ms wiggle inside, then falls 0.2 s to the line at 600 m.
  const distance = Float64Array.from({ length: 601 }, (_, i) => i);
  const delta = distance.map((s) => {
    if (s <= 100) return 0.003 * s;
    if (s <= 200) return 0.3 - 0.001 * (s - 100);
    if (s <= 300) return 0.2 + 0.005 * (s - 200);
    if (s <= 400) return 0.7;
    if (s <= 450) return 0.7 + 0.001 * (s - 400) - (s === 420 ? 0.0005 + 0.001 : 0);
    return 0.75 - (0.2 / 150) * (s - 450);
  });
  const slip: TimeSlip = { distance, delta, rate: new Float64Array(601) };

  it('finds the biggest losses, largest first, without overlap', () => {
    const zones = lossZones(slip, 5);
    expect(zones.map((z) => [z.startDistance, z.endDistance])).toEqual([
      [200, 300],
      [0, 100],
      [400, 450],
    ]);
    expect(zones[0].timeLost).toBeCloseTo(0.5, 12);
    expect(zones[1].timeLost).toBeCloseTo(0.3, 12);
    expect(zones[2].timeLost).toBeCloseTo(0.05, 12);
    expect(lossZones(slip, 2)).toHaveLength(2);
  });

  it('splits a zone at a reversal bigger than the threshold', () => {
    const zones = lossZones(slip, 10, { minReversal: 0.0001 });
    expect(zones.map((z) => [z.startDistance, z.endDistance])).toEqual([
      [200, 300],
      [0, 100],
      [420, 450],
      [400, 419],
    ]);
  });

  it('joins two rises across a flat shorter than maxFlat', () => {
    const zones = lossZones(slip, 1, { maxFlat: 150 });
    expect([zones[0].startDistance, zones[0].endDistance]).toEqual([200, 450]);
    expect(zones[0].timeLost).toBeCloseTo(0.55, 12);
  });

  it('finds gains the same way', () => {
    const zones = gainZones(slip, 2);
    expect(zones.map((z) => [z.startDistance, z.endDistance])).toEqual([
      [450, 600],
      [100, 200],
    ]);
    expect(zones[0].timeLost).toBeCloseTo(0.2, 12);
  });
});
