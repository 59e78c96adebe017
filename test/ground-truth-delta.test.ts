/**
 * The time slip from the core, computed from the 100 Hz channels a client receives, against the simulator's
 * exact ground truth: Δt(s) = t_lap(s·L_lap/L_ref) − t_ref(s). Clean inputs with a lap-distance channel must
 * stay within 2 ms everywhere on the lap.
 */
import { deltaTime, lapElapsedSeconds, splitLapsByCounter, type LapRecord } from '@eracing/telemetry-core';
import { createSimulatorSource } from '../packages/reference-server/src/simulator';

const startTime = Date.UTC(2026, 10, 25, 12);
const source = createSimulatorSource({ seed: 5, startTime, cars: 3 });
const now = startTime + 40 * 60 * 1000;
const flyingLaps = (car: string) => source.laps(now).filter((lap) => lap.car === car && lap.valid);

function lapTrace(lap: LapRecord) {
  // A little either side of the lap, so lap splitting has to find the crossings itself.
  const samples = source.range(lap.startTime - 2000, lap.endTime! + 2000, [lap.car]);
  const splits = splitLapsByCounter(samples.time, samples.channels.lap, samples.channels.lap_distance);
  const split = splits.find((s) => s.lap === lap.lap && s.complete)!;
  const distance = samples.channels.lap_distance.subarray(split.startIndex, split.endIndex);
  return {
    split,
    trace: { time: lapElapsedSeconds(samples.time, split), distance, lapTime: split.lapTime, length: split.length },
  };
}

function maxError(car: string, lap: LapRecord, reference: LapRecord) {
  const ours = lapTrace(lap);
  const ref = lapTrace(reference);
  const slip = deltaTime(ours.trace, ref.trace);
  const truthLap = source.groundTruth(car, lap.lap);
  const truthRef = source.groundTruth(reference.car, reference.lap);
  const scale = truthLap.lapLength / truthRef.lapLength;
  let worst = 0;
  for (let i = 0; i < slip.distance.length; i++) {
    const s = slip.distance[i];
    const truth = truthLap.timeAtDistance(s * scale) - truthRef.timeAtDistance(s);
    if (Number.isFinite(truth)) worst = Math.max(worst, Math.abs(slip.delta[i] - truth));
  }
  return { worst, startError: Math.abs(ours.split.startTime - lap.startTime) };
}

it('finds each lap start within a millisecond of the exact line crossing', () => {
  const [lap] = flyingLaps('1');
  expect(lapTrace(lap).split.startTime).toBeCloseTo(lap.startTime, 0);
});

it('keeps the delta within 2 ms of ground truth on clean 100 Hz data with a lap-distance channel', () => {
  const cars = source.cars.map((c) => c.id);
  const pairs: Array<[LapRecord, LapRecord]> = [];
  for (const car of cars) {
    const laps = flyingLaps(car);
    expect(laps.length).toBeGreaterThanOrEqual(2);
    pairs.push([laps[1], laps[0]]);
  }
  const other = flyingLaps(cars[1])[0];
  pairs.push([flyingLaps(cars[0])[0], other]);
  for (const [lap, reference] of pairs) {
    const { worst, startError } = maxError(lap.car, lap, reference);
    expect(startError).toBeLessThan(1);
    expect(worst * 1000).toBeLessThan(2);
  }
});
