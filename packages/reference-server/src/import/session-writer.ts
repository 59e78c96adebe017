/**
 * Writing an imported session: the samples as batches, then `session.json` with the track, the laps and the import
 * report. Everything goes through the store's import writer, which shows the session only when the whole file was read
 * and written: a failed import leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import type { ChannelInfo } from '@eracing/telemetry-core/channels';
import type { ChannelColumn, SampleBatch } from '@eracing/telemetry-core/protocol';
import { BatchAssembler } from '../recording/batch-build';
import { LAP_INPUT_CHANNELS, type CarLapInputs } from '../recording/lap-compute';
import { checkSessionId } from '../recording/layout';
import { carLapInputs } from '../recording/stored-session-source';
import type { SessionFile } from '../recording/session-file';
import type { ImportLayout, ImportWriter, SeqBatch, SessionStore } from '../store/store';

/** Batches are handed to the store in groups of about this many values. */
const APPEND_VALUES = 1 << 20;

/** A file that is not what its reader expects; the message says where: `file: byte N: reason` or `file:line: reason`. */
export class ImportFormatError extends Error {
  constructor(
    readonly file: string,
    readonly where: { byte: number } | { line: number } | undefined,
    readonly reason: string,
  ) {
    super(
      where === undefined
        ? `${file}: ${reason}`
        : 'byte' in where
          ? `${file}: byte ${where.byte}: ${reason}`
          : `${file}:${where.line}: ${reason}`,
    );
    this.name = 'ImportFormatError';
  }
}

/**
 * Runs `write` with an import writer of `store` and commits the session it returns: the session appears whole when the
 * file was read and written without error, and not at all otherwise.
 */
export async function importIntoStore<T>(
  store: SessionStore,
  id: string,
  epoch: string,
  write: (writer: ImportWriter) => Promise<{ session: SessionFile; result: T }>,
): Promise<T & { dir: string }> {
  checkSessionId(id);
  const writer = await store.beginImport(id, epoch);
  let result: T;
  try {
    const written = await write(writer);
    await writer.commit(written.session);
    result = written.result;
  } catch (error) {
    await writer.abort().catch(() => undefined);
    throw error;
  }
  // Opening computes and keeps the laps, so that serving the session does not.
  const recorded = await store.open(id);
  try {
    recorded.allLaps();
  } finally {
    recorded.close();
  }
  return { ...result, dir: store.where(id) };
}

export function newImportEpoch(kind: string): string {
  return `${kind}-${randomBytes(6).toString('hex')}`;
}

/**
 * One car's rows cut into batches of `batchMs` (numbered from `sessionStart`) and handed to the store's import writer. A
 * reader asks for a row with `row(time)` and writes its values straight into `columns[k][row]`; values it leaves are
 * NaN. The lap channels are kept as they go by, for the track and the laps.
 */
export class SingleCarBatches {
  readonly columns: ChannelColumn[];
  private time: Float64Array;
  private length = 0;
  private seq = -1;
  rows = 0;
  firstTime = NaN;
  lastTime = NaN;
  /** Each column's smallest and largest value so far (NaN left out). */
  readonly min: Float64Array;
  readonly max: Float64Array;
  private queued: SeqBatch[] = [];
  private queuedValues = 0;
  private inFlight?: Promise<void>;
  private readonly layout: ImportLayout;
  private readonly traceChannels: ChannelInfo[];
  private readonly traces: BatchAssembler;

  private constructor(
    private readonly writer: ImportWriter,
    private readonly channels: readonly ChannelInfo[],
    private readonly car: string,
    readonly sessionStart: number,
    private readonly batchMs: number,
    private capacity: number,
  ) {
    this.layout = { startTime: sessionStart, batchMs, channels: [...channels] };
    this.traceChannels = lapInputChannels(channels);
    this.traces = new BatchAssembler(this.traceChannels, [car]);
    this.time = new Float64Array(capacity);
    this.columns = channels.map((c) => (c.type === 'f64' ? new Float64Array(capacity) : new Float32Array(capacity)));
    for (const column of this.columns) column.fill(NaN);
    this.min = new Float64Array(channels.length).fill(Infinity);
    this.max = new Float64Array(channels.length).fill(-Infinity);
  }

  static open(
    writer: ImportWriter,
    options: {
      channels: readonly ChannelInfo[];
      car: string;
      sessionStart: number;
      batchMs: number;
      /** Most rows a batch can hold: batchMs times the fastest rate, with room to spare. */
      maxRowsPerBatch: number;
    },
  ): SingleCarBatches {
    return new SingleCarBatches(
      writer,
      options.channels,
      options.car,
      options.sessionStart,
      options.batchMs,
      Math.max(16, Math.ceil(options.maxRowsPerBatch)),
    );
  }

  /** The car's lap channels over everything written. */
  carLapInputs(): CarLapInputs[] {
    return carLapInputs(this.traces.build(), this.traceChannels);
  }

  /** The index to write a row at `time` (epoch ms, never before the last row's) into. */
  async row(time: number): Promise<number> {
    const seq = Math.floor((time - this.sessionStart) / this.batchMs);
    if (seq !== this.seq || this.length === this.capacity) {
      if (seq !== this.seq) await this.flush();
      else await this.grow();
      this.seq = seq;
    }
    if (!this.rows) this.firstTime = time;
    this.lastTime = time;
    this.rows++;
    this.time[this.length] = time;
    return this.length++;
  }

  private async grow(): Promise<void> {
    const capacity = this.capacity * 2;
    const time = new Float64Array(capacity);
    time.set(this.time);
    this.time = time;
    this.columns.forEach((column, k) => {
      const next = column instanceof Float64Array ? new Float64Array(capacity) : new Float32Array(capacity);
      next.fill(NaN);
      next.set(column);
      this.columns[k] = next;
    });
    this.capacity = capacity;
  }

  /**
   * Copies the batch out and queues it; batches are appended several at a time while the reader goes on (one append
   * in flight at most, so memory stays bounded and a write error still fails the import).
   */
  async flush(): Promise<void> {
    if (!this.length) return;
    const n = this.length;
    const channels: SampleBatch['channels'] = {};
    this.channels.forEach((c, k) => {
      const column = this.columns[k].slice(0, n);
      channels[c.name] = column;
      let lo = this.min[k];
      let hi = this.max[k];
      for (let i = 0; i < n; i++) {
        const v = column[i];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      this.min[k] = lo;
      this.max[k] = hi;
    });
    const batch: SampleBatch = {
      time: this.time.slice(0, n),
      cars: [{ car: this.car, start: 0, length: n }],
      channels,
    };
    this.traces.add(batch);
    this.queued.push({ seq: this.seq, batch });
    this.queuedValues += n * (this.channels.length + 1);
    for (const column of this.columns) column.fill(NaN, 0, n);
    this.length = 0;
    if (this.queuedValues >= APPEND_VALUES) await this.write();
  }

  private async write(): Promise<void> {
    await this.inFlight;
    const batches = this.queued;
    this.queued = [];
    this.queuedValues = 0;
    this.inFlight = batches.length ? this.writer.append(batches, this.layout) : undefined;
  }

  /** Hands the last batches to the writer (which the caller then commits or aborts). */
  async close(): Promise<void> {
    try {
      await this.flush();
      await this.write();
      await this.inFlight;
    } finally {
      await this.inFlight?.catch(() => undefined);
    }
  }
}

/** The channels of `channels` that the track estimate and the lap math read. */
export function lapInputChannels(channels: readonly ChannelInfo[]): ChannelInfo[] {
  return channels.filter((c) => (LAP_INPUT_CHANNELS as readonly string[]).includes(c.name));
}
