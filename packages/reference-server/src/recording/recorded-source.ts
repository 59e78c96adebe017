/**
 * A recorded session served from its directory: batches by seq through the index, time ranges by scanning the records
 * of the seqs they cover, and laps and events computed from the samples (cached in memory and in `laps.json`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LapRecord, RaceEvent, SampleBatch } from '@eracing/telemetry-core/protocol';
import type { SessionSource } from '../source';
import { RangeHistory, type HistoryReader } from '../store/history';
import { BatchAssembler, emptyBatch } from './batch-build';
import { BatchLog } from './batch-log';
import { readEvents } from './event-log';
import { writeFileAtomic } from './files';
import { LAP_INPUT_CHANNELS, type CarLapInputs } from './lap-compute';
import { LAPS_FILE } from './layout';
import { readSessionFile, type SessionFile } from './session-file';
import {
  carLapInputs,
  computeLaps,
  LAPS_CACHE_VERSION,
  reportedEvents,
  StoredSessionSource,
  valueInBatch,
} from './stored-session-source';

interface LapsCache {
  version: number;
  key: string;
  laps: LapRecord[];
}

export class RecordedSessionSource extends StoredSessionSource implements SessionSource {
  private historyReader?: HistoryReader;
  private cachedLaps?: LapRecord[];
  private reportedCache?: RaceEvent[];

  private constructor(
    readonly dir: string,
    session: SessionFile,
    private readonly log: BatchLog,
  ) {
    super(session, lastSampleTime(log) ?? session.summary.startTime);
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

  protected reported(): RaceEvent[] {
    this.reportedCache ??= reportedEvents(readEvents(this.dir));
    return this.reportedCache;
  }
}

/** The time of the latest sample in the newest batch that holds any. */
function lastSampleTime(log: BatchLog): number | undefined {
  for (let p = log.count - 1; p >= 0; p--) {
    const batch = log.read(log.seqAt(p));
    if (!batch || batch.time.length === 0) continue;
    let last = -Infinity;
    for (let i = 0; i < batch.time.length; i++) if (batch.time[i] > last) last = batch.time[i];
    return last;
  }
  return undefined;
}
