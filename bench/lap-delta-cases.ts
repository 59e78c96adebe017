/**
 * The accuracy cases of the lap delta, shared by the ground-truth test and the benchmark: laps from the simulator
 * with its exact time–distance relation, delivered clean (100 Hz with a lap-distance channel) or degraded the way
 * real loggers deliver them (timestamps jittered ±2 ms, speed quantised to 0.1 km/h, 0.5 m GPS noise, no lap-distance
 * channel), and the error of a delta against the ground truth Δt(s) = t_lap(s·L_lap/L_ref) − t_ref(s).
 */
import { deltaTime, lapTraceInWindow, lapWindowsFromSamples, type LapTrace } from '@eracing/telemetry-core/delta';
import { type LapRecord } from '@eracing/telemetry-core/protocol';
import { createSimulatorSource } from '../packages/reference-server/src/simulator';
import { speedIntegratedDelta } from './peers/speed-integrated-delta';
import { lapsFromSpeedAndPosition } from './speed-distance';

export const SESSION_START = Date.UTC(2026, 10, 25, 12);
export const source = createSimulatorSource({ seed: 5, startTime: SESSION_START, cars: 3 });
const NOW = SESSION_START + 40 * 60 * 1000;
export const allLaps = source.laps(NOW);

export function flyingLaps(car: string): LapRecord[] {
  return allLaps.filter((lap) => lap.car === car && lap.valid);
}

/** The lap pairs both cases run on: each car's second flying lap against its first, and car 1 against car 2. */
export function lapPairs(): Array<[LapRecord, LapRecord]> {
  const cars = source.cars.map((c) => c.id);
  const pairs = cars.map((car): [LapRecord, LapRecord] => [flyingLaps(car)[1], flyingLaps(car)[0]]);
  pairs.push([flyingLaps(cars[0])[0], flyingLaps(cars[1])[0]]);
  return pairs;
}

export interface CaseSamples {
  time: Float64Array;
  lap: Float32Array | Float64Array;
  speed: Float64Array;
  x: Float64Array;
  y: Float64Array;
  lapDistance?: Float32Array | Float64Array;
}

/** A lap's samples from `margin` ms before its start to `margin` ms after its end. */
export function cleanSamples(lap: LapRecord, margin = 5000): CaseSamples {
  const s = source.range(lap.startTime - margin, lap.endTime! + margin, [lap.car]);
  return {
    time: s.time,
    lap: s.channels.lap as Float32Array,
    speed: Float64Array.from(s.channels.speed),
    x: Float64Array.from(s.channels.x),
    y: Float64Array.from(s.channels.y),
    lapDistance: s.channels.lap_distance as Float32Array,
  };
}

/** A seeded uniform generator (mulberry32), so every run degrades the data the same way. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Timestamps jittered uniformly by ±2 ms, speed quantised to 0.1 km/h, Gaussian GPS noise of σ 0.5 m, no lap distance. */
export function degrade(samples: CaseSamples, seed: number): CaseSamples {
  const next = random(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const n = samples.time.length;
  const time = new Float64Array(n);
  const speed = new Float64Array(n);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = samples.time[i] + (next() * 2 - 1) * 2;
    speed[i] = Math.round(samples.speed[i] * 10) / 10;
    x[i] = samples.x[i] + 0.5 * gauss();
    y[i] = samples.y[i] + 0.5 * gauss();
  }
  return { time, lap: samples.lap, speed, x, y };
}

/** Our lap trace from clean samples: laps split on the counter and the lap-distance wrap, no laps table. */
export function cleanTrace(lap: LapRecord, samples: CaseSamples): LapTrace {
  const windows = lapWindowsFromSamples(samples.time, samples.lap, samples.lapDistance!);
  const window = windows.find((w) => w.lap === lap.lap)!;
  return lapTraceInWindow(samples.time, samples.lapDistance!, window, { lapLength: source.track.length })!;
}

/** Our lap trace from degraded samples: integrated speed anchored at the line by GPS on the centre line. */
export function degradedTrace(lap: LapRecord, samples: CaseSamples): LapTrace {
  const { odometer, windows } = lapsFromSpeedAndPosition(
    samples.time,
    samples.speed,
    samples.x,
    samples.y,
    source.track,
    { lapCounter: samples.lap },
  );
  const window = windows.find((w) => w.lap === lap.lap)!;
  return lapTraceInWindow(samples.time, odometer, window, { distanceKind: 'odometer' })!;
}

/** The largest |Δt − truth| over the reference lap's distance, seconds. */
export function maxError(lap: LapRecord, reference: LapRecord, distance: ArrayLike<number>, delta: ArrayLike<number>) {
  const truthLap = source.groundTruth(lap.car, lap.lap);
  const truthRef = source.groundTruth(reference.car, reference.lap);
  const scale = truthLap.lapLength / truthRef.lapLength;
  let worst = 0;
  for (let i = 0; i < distance.length; i++) {
    const s = distance[i];
    const truth = truthLap.timeAtDistance(s * scale) - truthRef.timeAtDistance(s);
    if (Number.isFinite(truth) && Number.isFinite(delta[i])) worst = Math.max(worst, Math.abs(delta[i] - truth));
  }
  return worst;
}

export type CaseName = 'clean' | 'degraded';

/**
 * Our largest error and the peer's on the same inputs: the speed-integrated delta FastF1 used to ship (it gets the
 * timing line's exact crossings).
 */
export function caseErrors(name: CaseName, lap: LapRecord, reference: LapRecord, seed = 1) {
  const lapSamples = cleanSamples(lap);
  const refSamples = cleanSamples(reference);
  const inputs =
    name === 'clean' ? [lapSamples, refSamples] : [degrade(lapSamples, seed), degrade(refSamples, seed + 1)];
  const trace = name === 'clean' ? cleanTrace : degradedTrace;
  const slip = deltaTime(trace(lap, inputs[0]), trace(reference, inputs[1]));
  const peer = speedIntegratedDelta(
    { ...inputs[0], startTime: lap.startTime, endTime: lap.endTime! },
    { ...inputs[1], startTime: reference.startTime, endTime: reference.endTime! },
  );
  return {
    ours: maxError(lap, reference, slip.distance, slip.delta),
    peer: maxError(lap, reference, peer.distance, peer.delta),
  };
}
