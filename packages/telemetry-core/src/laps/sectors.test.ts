import type { TrackSector } from '../protocol/model';
import { bestSectors, isSectorBest, sectorBests, sectorBoundaries, sectorTimes } from './sectors';

/** 30 m/s round 900 m, logged at 10 Hz from `phaseMs` after the line; the line at epoch `t0`. */
function constantSpeedLap(t0: number, phaseMs: number, upTo = 900) {
  const time: number[] = [];
  const distance: number[] = [];
  for (let t = phaseMs; (30 * t) / 1000 < upTo; t += 100) {
    time.push(t0 + t);
    distance.push((30 * t) / 1000);
  }
  return { time, distance };
}

describe('sectorTimes', () => {
  const t0 = 1_700_000_000_000;

  it('is exact at constant speed with the lap crossings given', () => {
    const { time, distance } = constantSpeedLap(t0, 37);
    const times = sectorTimes(time, distance, [300, 600], { startTime: t0, endTime: t0 + 30_000 });
    expect(times).toHaveLength(3);
    times.forEach((s) => expect(s).toBeCloseTo(10, 9));
  });

  it('is exact at constant speed from the samples alone, given the lap length', () => {
    const { time, distance } = constantSpeedLap(t0, 37);
    const times = sectorTimes(time, distance, [250, 700], { length: 900 });
    // Epoch milliseconds carry ~0.2 µs of rounding.
    expect(times).toHaveLength(3);
    [25 / 3, 15, 20 / 3].forEach((expected, k) => expect(times[k]).toBeCloseTo(expected, 6));
  });

  it('leaves off sectors not reached yet', () => {
    const { time, distance } = constantSpeedLap(t0, 37, 450);
    expect(sectorTimes(time, distance, [300, 600], { length: 900 })).toHaveLength(1);
    const { time: full, distance: fullDistance } = constantSpeedLap(t0, 37);
    expect(sectorTimes(full, fullDistance, [300, 600])).toHaveLength(2); // no length, no end: the last sector is open
  });

  it('reads boundaries from the track sectors', () => {
    const sectors: TrackSector[] = [
      { number: 2, name: 'S2', start: 1200, end: 2600 },
      { number: 1, name: 'S1', start: 0, end: 1200 },
      { number: 3, name: 'S3', start: 2600, end: 3400 },
    ];
    expect(sectorBoundaries(sectors)).toEqual([1200, 2600]);
  });
});

describe('bestSectors', () => {
  const laps = [
    { lap: 1, sectorTimes: [31, 30, 29], valid: false },
    { lap: 2, sectorTimes: [30.5, 30.2, 30.1] },
    { lap: 3, sectorTimes: [30.1, 30.4, 30.0] },
    { lap: 4, sectorTimes: [30.1, 30.3] },
  ];

  it('gives the best valid time of each sector and the lap that holds it', () => {
    const { times, holders } = bestSectors(laps);
    expect(times).toEqual([30.1, 30.2, 30.0]);
    expect(holders.map((h) => laps[h].lap)).toEqual([3, 2, 3]); // lap 3 set sector 1 before lap 4 matched it; lap 1 is invalid
  });

  it('has no best for a sector without a valid time', () => {
    const { times, holders } = bestSectors([
      { sectorTimes: [30, 31], valid: false },
      { sectorTimes: [29], valid: true },
    ]);
    expect(times).toEqual([29]);
    expect(holders).toEqual([1]);
  });

  it('compares the shown milliseconds: a tie as shown goes to the earlier lap', () => {
    const { times, holders } = bestSectors([
      { sectorTimes: [28.4574], valid: true },
      { sectorTimes: [28.4566], valid: true },
    ]);
    expect(times).toEqual([28.457]);
    expect(holders).toEqual([0]);
  });

  it('finds the session and per-car bests over valid laps only', () => {
    const bests = sectorBests([
      { car: '1', sectorTimes: [30.0, 31.0], valid: true },
      { car: '1', sectorTimes: [29.0, 30.0], valid: false },
      { car: '7', sectorTimes: [30.5, 30.5], valid: true },
    ]);
    expect(bests.session).toEqual([30, 30.5]);
    expect(bests.byCar.get('1')).toEqual([30, 31]);
    expect(bests.byCar.get('7')).toEqual([30.5, 30.5]);
    expect(isSectorBest(30.0004, bests.session[0])).toBe(true);
    expect(isSectorBest(30.0006, bests.session[0])).toBe(false);
    expect(isSectorBest(30, undefined)).toBe(false);
  });
});
