/**
 * A recorded session served from its directory: batches by seq through the index, time ranges by scanning the records
 * of the seqs they cover, and laps and events computed from the samples (cached in memory and in `laps.json`).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  firstAtOrAfter,
  type CarInfo,
  type ChannelInfo,
  type LapRecord,
  type RaceEvent,
  type SampleBatch,
  type SessionSummary,
  type TrackGeometry,
} from '@eracing/telemetry-core';
import type { SessionSource } from '../source';
import { RangeHistory, type HistoryReader } from '../store/history';
import { BatchAssembler, emptyBatch } from './batch-build';
import { BatchLog } from './batch-log';
import { readEvents } from './event-log';
import { writeFileAtomic } from './files';
import { carLaps, LAP_INPUT_CHANNELS, lapEvents, orderLaps, pitsFromEvents, type CarLapInputs } from './lap-compute';
import { LAPS_FILE } from './layout';
import { readSessionFile, type SessionFile } from './session-file';

/** Bump when lap computation changes, so cached laps are recomputed. */
export const LAPS_CACHE_VERSION = 2;
/** Events the samples cannot tell: they come from what the source reported while recording. */
const REPORTED_EVENT_KINDS = new Set<RaceEvent['kind']>(['flag', 'pit_in', 'pit_out']);

interface LapsCache {
  version: number;
  key: string;
  laps: LapRecord[];
}

export class RecordedSessionSource implements SessionSource {
  readonly summary: SessionSummary;
  readonly cars: CarInfo[];
  readonly channels: ChannelInfo[];
  readonly track: TrackGeometry;
  readonly batchMs: number;
  readonly epoch: string;
  private historyReader?: HistoryReader;
  private cachedLaps?: LapRecord[];
  private cachedEvents?: RaceEvent[];
  private reportedEvents?: RaceEvent[];

  private constructor(
    readonly dir: string,
    readonly session: SessionFile,
    private readonly log: BatchLog,
  ) {
    this.cars = session.cars;
    this.channels = session.channels;
    this.track = session.track;
    this.batchMs = session.batchMs;
    this.epoch = session.epoch;
    this.summary = {
      ...session.summary,
      kind: 'recorded',
      live: false,
      endTime: this.lastSampleTime() ?? session.summary.startTime,
      carCount: session.cars.length,
    };
  }

  static open(dir: string): RecordedSessionSource {
    const session = readSessionFile(dir);
    return new RecordedSessionSource(dir, session, BatchLog.openForRead(dir));
  }

  /** Batches on disk, and their bytes. */
  get stats(): { batches: number; bytes: number; firstSeq: number; lastSeq: number } {
    return {
      batches: this.log.count,
      bytes: this.log.byteSize,
      firstSeq: this.log.firstSeq,
      lastSeq: this.log.lastSeq,
    };
  }

  /** Everything is recorded: the last batch on disk, whatever the time. */
  lastSeq(_now?: number): number {
    return this.log.lastSeq;
  }

  batch(seq: number): SampleBatch {
    const recorded = this.log.read(seq);
    if (!recorded) return emptyBatch(this.channels);
    return { time: recorded.time, cars: recorded.cars, channels: recorded.channels };
  }

  /** The seqs whose batches can hold samples with from <= time < to. */
  seqSpan(from: number, to: number): [first: number, last: number] {
    const start = this.summary.startTime;
    return [Math.floor((from - start) / this.batchMs), Math.ceil((to - start) / this.batchMs) - 1];
  }

  range(from: number, to: number, cars: readonly string[]): SampleBatch {
    const assembler = new BatchAssembler(this.channels, cars);
    if (to > from && cars.length) {
      const [first, last] = this.seqSpan(from, to);
      this.log.scan(this.log.lowerBound(first), this.log.lowerBound(last + 1), (batch) =>
        assembler.add(batch, from, to),
      );
    }
    return assembler.build();
  }

  get history(): HistoryReader {
    return (this.historyReader ??= new RangeHistory(this, (from, to, car) => this.rangeAsync(from, to, [car])));
  }

  /** `range` with asynchronous reads: what history queries use. */
  async rangeAsync(from: number, to: number, cars: readonly string[]): Promise<SampleBatch> {
    const assembler = new BatchAssembler(this.channels, cars);
    if (to > from && cars.length) {
      const [first, last] = this.seqSpan(from, to);
      await this.log.scanAsync(this.log.lowerBound(first), this.log.lowerBound(last + 1), (batch) =>
        assembler.add(batch, from, to),
      );
    }
    return assembler.build();
  }

  /**
   * A channel's value for a car at `time`, interpolated between the car's samples in the batch holding `time` (or the
   * last sample before it); NaN when that batch has none.
   */
  valueAt(car: string, channel: string, time: number): number {
    const [seq] = this.seqSpan(time, time);
    const batch = this.log.read(seq);
    return batch ? valueInBatch(batch, car, channel, time) : NaN;
  }

  laps(now: number): LapRecord[] {
    return this.allLaps().filter((lap) => lap.startTime <= now);
  }

  events(from: number, to: number): RaceEvent[] {
    this.cachedEvents ??= sessionEvents(this.allLaps(), this.reported());
    return this.cachedEvents.filter((e) => e.time >= from && e.time < to);
  }

  /** Every lap of the session, computed once and cached next to the data. */
  allLaps(): LapRecord[] {
    if (this.cachedLaps) return this.cachedLaps;
    const file = path.join(this.dir, LAPS_FILE);
    const key = `${this.epoch}:${this.log.count}:${this.log.byteSize}:${this.track.length}`;
    try {
      const cache = JSON.parse(fs.readFileSync(file, 'utf8')) as LapsCache;
      if (cache.version === LAPS_CACHE_VERSION && cache.key === key) return (this.cachedLaps = cache.laps);
    } catch {
      // No usable cache: compute.
    }
    const laps = computeLaps(this.carLapInputs(), this, this.reported());
    this.cachedLaps = laps;
    try {
      writeFileAtomic(file, JSON.stringify({ version: LAPS_CACHE_VERSION, key, laps } satisfies LapsCache));
    } catch {
      // A read-only data directory computes the laps again next time.
    }
    return laps;
  }

  /** Each car's time and lap-relevant channels over the whole session, for the lap math. */
  carLapInputs(channels: readonly string[] = LAP_INPUT_CHANNELS): CarLapInputs[] {
    const present = this.channels.filter((c) => channels.includes(c.name));
    const assembler = new BatchAssembler(
      present,
      this.cars.map((c) => c.id),
    );
    this.log.scan(0, this.log.count, (batch) => assembler.add(batch));
    return carLapInputs(assembler.build(), present);
  }

  close(): void {
    this.log.close();
  }

  private reported(): RaceEvent[] {
    this.reportedEvents ??= reportedEvents(readEvents(this.dir));
    return this.reportedEvents;
  }

  private lastSampleTime(): number | undefined {
    for (let p = this.log.count - 1; p >= 0; p--) {
      const batch = this.log.read(this.log.seqAt(p));
      if (!batch || batch.time.length === 0) continue;
      let last = -Infinity;
      for (let i = 0; i < batch.time.length; i++) if (batch.time[i] > last) last = batch.time[i];
      return last;
    }
    return undefined;
  }
}

/** Each car's rows of a batch grouped by car, as the lap math's traces. */
export function carLapInputs(all: SampleBatch, channels: readonly ChannelInfo[]): CarLapInputs[] {
  return all.cars.map((run) => {
    const trace: CarLapInputs = {
      car: run.car,
      time: all.time.subarray(run.start, run.start + run.length),
      channels: {},
    };
    for (const c of channels) {
      (trace.channels as Record<string, ArrayLike<number>>)[c.name] = all.channels[c.name].subarray(
        run.start,
        run.start + run.length,
      );
    }
    return trace;
  });
}

/** The events a source reported that the samples cannot tell (flags, pit lane). */
export function reportedEvents(events: readonly RaceEvent[]): RaceEvent[] {
  return events.filter((e) => REPORTED_EVENT_KINDS.has(e.kind));
}

/** Every lap of a recorded session, from its cars' traces and the pit events reported. */
export function computeLaps(
  traces: readonly CarLapInputs[],
  session: {
    track: TrackGeometry;
    summary: SessionSummary;
    cars: readonly CarInfo[];
    session: Pick<SessionFile, 'loggerLapTimes'>;
  },
  reported: readonly RaceEvent[],
): LapRecord[] {
  return orderLaps(
    traces.flatMap((trace) =>
      carLaps(trace, {
        track: session.track,
        sessionStart: session.summary.startTime,
        pits: pitsFromEvents(reported, trace.car, session.summary.startTime),
        loggerLapTimes: session.session.loggerLapTimes?.[trace.car],
      }),
    ),
    session.cars.map((c) => c.id),
  );
}

/** A recorded session's events: the laps' and the reported ones, in time order. */
export function sessionEvents(laps: readonly LapRecord[], reported: readonly RaceEvent[]): RaceEvent[] {
  return [...lapEvents(laps), ...reported].sort((a, b) => a.time - b.time);
}

/**
 * A channel's value for a car at `time`, interpolated between the car's samples in `batch` (or the nearest one at
 * either end); NaN when the batch has none.
 */
export function valueInBatch(batch: SampleBatch, car: string, channel: string, time: number): number {
  const run = batch.cars.find((r) => r.car === car);
  const column = batch.channels[channel];
  if (!run || !column || run.length === 0) return NaN;
  const end = run.start + run.length;
  const i = firstAtOrAfter(batch.time, time, run.start, end);
  if (i < end && batch.time[i] === time) return column[i];
  if (i === run.start) return column[i];
  if (i === end) return column[end - 1];
  const f = (time - batch.time[i - 1]) / (batch.time[i] - batch.time[i - 1]);
  return column[i - 1] + f * (column[i] - column[i - 1]);
}
