/**
 * The time slip from the core, computed from the 100 Hz channels a client receives, against the simulator's
 * exact ground truth: Δt(s) = t_lap(s·L_lap/L_ref) − t_ref(s).
 * - clean: 100 Hz with a lap-distance channel, within 2 ms everywhere on the lap;
 * - degraded: timestamps jittered ±2 ms, speed quantised to 0.1 km/h, 0.5 m GPS noise, no lap-distance channel:
 *   within 10 ms;
 * - real-world data stays sane: laps of different length, a lap's first samples on the previous lap's counter and
 *   distance, dropouts, a lap-distance channel that wraps before the counter turns.
 */
import { deltaTime, lapTraceInWindow, lapWindowsFromSamples } from '@eracing/telemetry-core/delta';
import { lapElapsedSeconds, splitLapsByCounter } from '@eracing/telemetry-core/laps';
import { type LapRecord } from '@eracing/telemetry-core/protocol';

import {
  caseErrors,
  cleanSamples,
  flyingLaps,
  lapPairs,
  maxError,
  source,
  type CaseSamples,
} from '../bench/lap-delta-cases';

const pairs = lapPairs();

it('finds each lap start within a millisecond of the exact line crossing', () => {
  const [lap] = flyingLaps('1');
  const samples = source.range(lap.startTime - 2000, lap.endTime! + 2000, [lap.car]);
  const splits = splitLapsByCounter(samples.time, samples.channels.lap, samples.channels.lap_distance);
  const split = splits.find((s) => s.lap === lap.lap && s.complete)!;
  expect(split.startTime).toBeCloseTo(lap.startTime, 0);
  expect(lapElapsedSeconds(samples.time, split)[0]).toBeGreaterThanOrEqual(0);
});

it('runs on laps of different lengths (each on its own line) and on another car as reference', () => {
  const lengths = pairs.map(([lap, ref]) => Math.abs(lap.length! - ref.length!));
  expect(Math.max(...lengths)).toBeGreaterThan(1);
  expect(pairs.some(([lap, ref]) => lap.car !== ref.car)).toBe(true);
});

it('keeps the delta within 2 ms of ground truth on clean 100 Hz data with a lap-distance channel', () => {
  for (const [lap, reference] of pairs) {
    const { ours } = caseErrors('clean', lap, reference);
    expect(ours * 1000).toBeLessThan(2);
  }
});

it('keeps the delta within 10 ms on degraded data without a lap-distance channel, and beats the FastF1 method', () => {
  for (const [lap, reference] of pairs) {
    const { ours, peer } = caseErrors('degraded', lap, reference, lap.lap * 7 + Number(lap.car));
    expect(ours * 1000).toBeLessThan(10);
    expect(ours).toBeLessThan(peer);
  }
});

describe('real-world data', () => {
  const [lap, reference] = pairs[0];

  /** Our delta from samples as the panel gets them without a laps table: laps found in the samples. */
  function errorFrom(
    lapSamples: CaseSamples,
    refSamples: CaseSamples,
    laps: [LapRecord, LapRecord] = [lap, reference],
  ) {
    const traces = laps.map((record, k) => {
      const samples = k === 0 ? lapSamples : refSamples;
      const windows = lapWindowsFromSamples(samples.time, samples.lap, samples.lapDistance!);
      const window = windows.find((w) => w.lap === record.lap)!;
      expect(window.startTime).toBeCloseTo(record.startTime, -1); // within 5 ms
      return lapTraceInWindow(samples.time, samples.lapDistance!, window)!;
    });
    const slip = deltaTime(traces[0], traces[1]);
    return maxError(laps[0], laps[1], slip.distance, slip.delta) * 1000;
  }

  /** The samples of `record` whose index after its start crossing is below `count`. */
  function firstSamplesOf(samples: CaseSamples, record: LapRecord, count: number): number[] {
    const first = samples.time.findIndex((t) => t >= record.startTime);
    return Array.from({ length: count }, (_, k) => first + k);
  }

  it('places the line where the distance says when the first samples still carry the previous lap', () => {
    const late = (record: LapRecord) => {
      const samples = cleanSamples(record);
      const distance = Float64Array.from(samples.lapDistance!);
      const counter = Float64Array.from(samples.lap);
      const previousLength = source.groundTruth(record.car, record.lap - 1).lapLength;
      for (const i of firstSamplesOf(samples, record, 6)) {
        counter[i] = record.lap - 1;
        distance[i] += previousLength; // the logger's distance keeps counting until its lap turns
      }
      return { ...samples, lap: counter, lapDistance: distance };
    };
    expect(errorFrom(late(lap), late(reference))).toBeLessThan(1);
  });

  it('follows a lap-distance channel that wraps before the lap counter turns', () => {
    const lagging = (record: LapRecord) => {
      const samples = cleanSamples(record);
      const counter = Float64Array.from(samples.lap);
      for (const i of firstSamplesOf(samples, record, 8)) counter[i] = record.lap - 1;
      return { ...samples, lap: counter };
    };
    expect(errorFrom(lagging(lap), lagging(reference))).toBeLessThan(1);
  });

  it('bridges dropouts: missing rows and NaN samples', () => {
    const holes = (record: LapRecord, from: number) => {
      const samples = cleanSamples(record);
      const keep = (i: number) => i < from || i >= from + 25; // 0.25 s of missing rows mid-lap
      const pick = <T extends Float32Array | Float64Array>(column: T) => column.filter((_, i) => keep(i)) as T;
      const distance = pick(Float64Array.from(samples.lapDistance!));
      for (let i = from + 2000; i < from + 2010; i++) distance[i] = NaN; // 0.1 s of NaN lap distance
      return { ...samples, time: pick(samples.time), lap: pick(samples.lap), lapDistance: distance };
    };
    expect(errorFrom(holes(lap, 3000), holes(reference, 4000))).toBeLessThan(1);
  });

  it('reads a lap cut off at both ends (a history query of just that lap): exact with the laps table', () => {
    const cut = [cleanSamples(lap, 0), cleanSamples(reference, 0)];
    // Without the laps table the end of the lap is extrapolated from its last samples: tens of ms off at the line.
    expect(errorFrom(cut[0], cut[1])).toBeLessThan(20);
    // With it, the crossings and lengths pin both ends.
    const [ours, ref] = [lap, reference].map((record, k) =>
      lapTraceInWindow(cut[k].time, cut[k].lapDistance!, {
        lap: record.lap,
        startTime: record.startTime,
        endTime: record.endTime,
        length: record.length,
      })!,
    );
    const slip = deltaTime(ours, ref);
    expect(maxError(lap, reference, slip.distance, slip.delta) * 1000).toBeLessThan(2);
  });
});
