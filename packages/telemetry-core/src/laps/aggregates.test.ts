import { channelStats, lapAggregates, lapEnergy } from './aggregates';

describe('channelStats', () => {
  // Sampled densely early and sparsely late: a sample mean would lean towards the early values.
  const time = [0, 100, 200, 300, 400, 500, 1000, 2000, 4000, 6000, 8000, 10_000];
  const ramp = time.map((t) => t / 1000); // the channel equals the elapsed seconds

  it('takes a time-weighted mean from line to line, interpolating the ends', () => {
    const stats = channelStats(time, ramp, { startIndex: 0, endIndex: time.length, startTime: 0, endTime: 10_000 });
    expect(stats.mean).toBeCloseTo(5, 12);
    expect(stats).toMatchObject({ min: 0, max: 10 });
    const inner = channelStats(time, ramp, { startIndex: 1, endIndex: 11, startTime: 50, endTime: 9000 });
    expect(inner.mean).toBeCloseTo((0.05 + 9) / 2, 12);
    expect(inner).toMatchObject({ min: 0.1, max: 8 });
  });

  it('skips NaN samples', () => {
    const gappy = ramp.map((v, i) => (i === 3 || i === 7 ? NaN : v));
    gappy[5] = NaN;
    const stats = channelStats(time, gappy, { startIndex: 0, endIndex: time.length, startTime: 0, endTime: 10_000 });
    expect(stats.mean).toBeCloseTo(5, 12);
    expect(stats).toMatchObject({ min: 0, max: 10 });
    const none = channelStats(
      time,
      time.map(() => NaN),
      { startIndex: 0, endIndex: 12, startTime: 0, endTime: 10_000 },
    );
    expect(none).toEqual({ mean: NaN, min: NaN, max: NaN });
  });
});

describe('lapEnergy', () => {
  const time = Array.from({ length: 401 }, (_, i) => i * 100); // 40 s at 10 Hz
  const lap = { startIndex: 51, endIndex: 351, startTime: 5050, endTime: 35_050 }; // 30 s, ends between samples

  it('takes the rise of the cumulative channels, interpolated at the crossings', () => {
    const energyUsed = time.map((t) => 2 + t / 1e5); // 0.01 kWh per second
    const energyRegen = time.map((t) => 0.5 + t / 4e5);
    const energy = lapEnergy(time, { energy_used: energyUsed, energy_regen: energyRegen }, lap);
    expect(energy.energyUsed).toBeCloseTo(0.3, 12);
    expect(energy.energyRegen).toBeCloseTo(0.075, 12);
  });

  it('skips a counter reset', () => {
    const energyUsed = time.map((t) => (t < 20_000 ? 2 + t / 1e5 : (t - 20_000) / 1e5));
    expect(lapEnergy(time, { energy_used: energyUsed }, lap).energyUsed).toBeCloseTo(0.3 - 0.001, 12);
  });

  it('integrates power in kW when the counters are missing, splitting where it changes sign', () => {
    // 100 kW until 15 s, down to −100 kW at 17 s, −100 kW after.
    const power = time.map((t) => (t <= 15_000 ? 100 : t >= 17_000 ? -100 : 100 - (t - 15_000) / 10));
    const energy = lapEnergy(time, { power }, lap);
    expect(energy.energyUsed).toBeCloseTo((100 * 9.95 + 100 * 0.5) / 3600, 12);
    expect(energy.energyRegen).toBeCloseTo((100 * 0.5 + 100 * 18.05) / 3600, 12);
    expect(lapEnergy(time, {}, lap)).toEqual({ energyUsed: NaN, energyRegen: NaN });
  });
});

describe('lapAggregates', () => {
  it('aggregates every channel and the energy per lap', () => {
    const time = Array.from({ length: 101 }, (_, i) => i * 100);
    const laps = [
      { lap: 1, startIndex: 0, endIndex: 50, startTime: 0, endTime: 5000 },
      { lap: 2, startIndex: 50, endIndex: 101, startTime: 5000, endTime: 10_000 },
    ];
    const speed = time.map((t) => (t < 5000 ? 100 : 200));
    const power = time.map(() => 36); // 0.01 kWh per second
    const [first, second] = lapAggregates(time, laps, { speed, power });
    expect(first.lap).toBe(1);
    expect(first.channels.speed).toMatchObject({ min: 100, max: 100 });
    // Over the last 100 ms the signal ramps to the next lap's first sample (200 at 5 s): +1 on the mean.
    expect(first.channels.speed.mean).toBeCloseTo(101, 12);
    expect(second.channels.speed).toEqual({ mean: 200, min: 200, max: 200 });
    expect(first.energyUsed).toBeCloseTo(0.05, 12);
    expect(second.energyRegen).toBe(0);
  });
});
