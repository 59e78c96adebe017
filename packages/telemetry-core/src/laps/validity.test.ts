import type { LapRecord } from '../protocol/model';
import type { LapSplit } from './split';
import { formatLapTime } from './format';
import { bestValidLap, classifyLaps, theoreticalBestLap } from './validity';

function split(lap: number, startTime: number, endTime: number, complete = true, maxGapMs = 10): LapSplit {
  return {
    lap,
    startIndex: 0,
    endIndex: 0,
    startTime,
    endTime,
    complete,
    maxGapMs,
    lapTime: complete ? (endTime - startTime) / 1000 : undefined,
  };
}

describe('classifyLaps', () => {
  // Out of the pits into lap 1 (partial), then laps 2–7; pit stop from 430 s (in lap 5) to 470 s (in lap 6);
  // a 3 s data gap in lap 4; lap 7 still running.
  const laps = [
    split(1, 0, 100, false),
    split(2, 100, 190),
    split(3, 190, 280),
    split(4, 280, 370, true, 3000),
    split(5, 370, 460),
    split(6, 460, 580),
    split(7, 580, 640, false),
  ].map((l) => ({ ...l, startTime: l.startTime * 1000, endTime: l.endTime * 1000 }));
  const classified = classifyLaps(laps, { pits: [{ in: 430_000, out: 470_000 }] });
  const flagsOf = (lap: number) => classified.find((l) => l.lap === lap)!.flags;

  it('flags out laps, in laps, pit laps and incomplete laps', () => {
    expect(flagsOf(1)).toEqual({ outLap: true, inLap: false, pit: false, incomplete: true });
    expect(flagsOf(4)).toEqual({ outLap: false, inLap: false, pit: false, incomplete: true });
    expect(flagsOf(5)).toEqual({ outLap: false, inLap: true, pit: true, incomplete: false });
    expect(flagsOf(6)).toEqual({ outLap: true, inLap: false, pit: true, incomplete: false });
    expect(flagsOf(7)).toEqual({ outLap: false, inLap: false, pit: false, incomplete: true });
    expect(classified.filter((l) => l.valid).map((l) => l.lap)).toEqual([2, 3]);
  });

  it('takes the out lap from the session start when given', () => {
    const later = classifyLaps(laps, { sessionStart: 150_000 });
    expect(later.filter((l) => l.flags.outLap).map((l) => l.lap)).toEqual([2]);
  });

  it('flags a pit visit that spans the whole lap, and one still open', () => {
    const through = classifyLaps(laps, { pits: [{ in: 185_000, out: 300_000 }, { in: 600_000 }] });
    expect(through[2].flags).toEqual({ outLap: false, inLap: false, pit: true, incomplete: false });
    expect(through[6].flags.inLap).toBe(true);
  });

  it('reads LapRecords: in progress without an end time is incomplete', () => {
    const record: LapRecord = {
      car: '7',
      lap: 3,
      startTime: 1000,
      sectorTimes: [],
      valid: true,
      flags: { outLap: false, inLap: false, pit: false, incomplete: false },
      energyUsed: 0,
      energyRegen: 0,
    };
    const [first, second] = classifyLaps([record, { ...record, lap: 4, startTime: 2000 }], { sessionStart: 0 });
    expect(first.flags).toEqual({ outLap: true, inLap: false, pit: false, incomplete: true });
    expect(second.valid).toBe(false);
    expect(second.car).toBe('7');
  });
});

describe('best laps', () => {
  const laps = [
    { lap: 1, lapTime: 95, valid: false, sectorTimes: [30, 32, 33] },
    { lap: 2, lapTime: 88.5, valid: false, sectorTimes: [28, 30, 30.5] }, // fastest, but cut through the pit lane
    { lap: 3, lapTime: 90.5, valid: true, sectorTimes: [29.5, 30.5, 30.5] },
    { lap: 4, lapTime: 90.2, valid: true, sectorTimes: [29.9, 30.1, 30.2] },
    { lap: 5, lapTime: 91, valid: true, sectorTimes: [29.4, 30.8, 30.8] },
  ];

  it('never picks an invalid lap as the best', () => {
    expect(bestValidLap(laps)?.lap).toBe(4);
    expect(bestValidLap(laps.map((l) => ({ ...l, valid: false })))).toBeUndefined();
    expect(bestValidLap([{ valid: true }, { valid: true, lapTime: NaN }])).toBeUndefined();
  });

  it('sums the best valid sectors into the theoretical best', () => {
    expect(theoreticalBestLap(laps)).toBeCloseTo(29.4 + 30.1 + 30.2, 12);
    expect(theoreticalBestLap([{ valid: true, sectorTimes: [30, NaN] }])).toBeUndefined();
    expect(theoreticalBestLap([])).toBeUndefined();
  });

  it('adds up the sector bests as shown, to the millisecond', () => {
    // Shown 28.457 + 25.222 + 25.259 = 1:18.938; the raw sum (78.9392) would show 1:18.939.
    const theoretical = theoreticalBestLap([{ valid: true, sectorTimes: [28.4574, 25.2224, 25.2594] }]);
    expect(formatLapTime(theoretical)).toBe('1:18.938');
  });
});

describe('bestValidLap, the one fastest-valid-lap rule (references and the racing line use it too)', () => {
  const lap = (n: number, lapTime: number | undefined, valid = true) => ({ car: '1', lap: n, lapTime, valid });
  it('skips invalid laps and laps without a time; the earliest wins a tie', () => {
    const tie = [lap(1, 90, false), lap(2, undefined), lap(3, 91), lap(4, 91)];
    expect(bestValidLap(tie)).toBe(tie[2]);
    expect(bestValidLap([lap(1, 90, false)])).toBeUndefined();
  });
});
