import type { LapTrace } from './time-slip';
import { compareLaps } from './comparison';

/** A lap of `length` m at constant `speed` m/s sampled at 20 Hz, with a speed channel in km/h. */
function steadyLap(speed: number, length: number) {
  const time: number[] = [];
  const distance: number[] = [];
  for (let t = 0.01; speed * t < length; t += 0.05) {
    time.push(t);
    distance.push(speed * t);
  }
  const trace: LapTrace = { time, distance, length, lapTime: length / speed };
  return { trace, channels: { speed: time.map(() => speed * 3.6) } };
}

describe('compareLaps', () => {
  it('puts every lap on the reference distance: delta, the lap’s own time and channels, zones', () => {
    const reference = steadyLap(50, 1000);
    const slower = steadyLap(40, 1010); // a longer line, and slower
    const result = compareLaps([slower], reference, ['speed', 'throttle'], { step: 10, zones: 3 });
    expect(result.distance).toHaveLength(101);
    expect(result.referenceLength).toBe(1000);
    expect(result.referenceTime[100]).toBeCloseTo(20, 9);
    const [lap] = result.laps;
    expect(lap.scale).toBeCloseTo(1.01, 12);
    // At reference distance s the lap is at 1.01·s, reached at 1.01·s/40.
    expect(lap.time[50]).toBeCloseTo((1.01 * 500) / 40, 9);
    expect(lap.slip.delta[100]).toBeCloseTo(1010 / 40 - 20, 9);
    expect(lap.channels.speed[30]).toBeCloseTo(144, 9);
    expect(result.referenceChannels.speed[30]).toBeCloseTo(180, 9);
    expect(lap.channels.throttle.every(Number.isNaN)).toBe(true); // no such channel: NaN, not a throw
    // Losing steadily: one zone over the whole lap.
    expect(lap.zones).toHaveLength(1);
    expect(lap.zones[0].timeLost).toBeCloseTo(1010 / 40 - 20, 9);
  });
});
