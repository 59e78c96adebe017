/**
 * Writing an imported session: the samples as batches, then `session.json` with the track, the laps and the import
 * report. Everything goes to a temporary directory renamed into place only when the whole file was read and written:
 * a failed import leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { encodeBinaryBatch, type ChannelColumn, type ChannelInfo, type SampleBatch } from '@eracing/telemetry-core';
import { AppendableBatchLog } from '../recording/batch-log';
import { checkSessionId, sessionDir, sessionsDir, TEMP_PREFIX } from '../recording/layout';

/** Encoded batches are appended to the log in groups of about this many bytes. */
const APPEND_BYTES = 4 << 20;

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

/** Runs `write` in a fresh temporary session directory and renames it to the session's when it succeeds. */
export async function importAtomically<T>(
  dataDir: string,
  id: string,
  write: (tempDir: string) => Promise<T>,
): Promise<T & { dir: string }> {
  checkSessionId(id);
  const finalDir = sessionDir(dataDir, id);
  if (fs.existsSync(finalDir)) throw new Error(`session ${id} already exists in ${finalDir}; choose another --id`);
  fs.mkdirSync(sessionsDir(dataDir), { recursive: true });
  removeAbandonedImports(sessionsDir(dataDir));
  const tempDir = path.join(sessionsDir(dataDir), `${TEMP_PREFIX}${id}-${process.pid}`);
  fs.rmSync(tempDir, { recursive: true, force: true });
  try {
    const result = await write(tempDir);
    fs.renameSync(tempDir, finalDir);
    return { ...result, dir: finalDir };
  } catch (error) {
    fs.rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Removes the temporary directories of imports whose process is gone (killed mid-import) and returns their names. A
 * directory named with this process's id is abandoned too when `atStart`: a starting server imports nothing yet.
 */
export function removeAbandonedImports(dir: string, atStart = false): string[] {
  const removed: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const pid = Number(/-(\d+)$/.exec(name)?.[1]);
    if (!name.startsWith(TEMP_PREFIX) || !pid) continue;
    if (isRunning(pid) && !(atStart && pid === process.pid)) continue;
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function newImportEpoch(kind: string): string {
  return `${kind}-${randomBytes(6).toString('hex')}`;
}

/**
 * One car's rows cut into batches of `batchMs` (numbered from `sessionStart`) and appended to the batch log. A reader
 * asks for a row with `row(time)` and writes its values straight into `columns[k][row]`; values it leaves are NaN.
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
  private queued: { seq: number; bytes: Uint8Array }[] = [];
  private queuedBytes = 0;
  private inFlight?: Promise<void>;

  private constructor(
    private readonly log: AppendableBatchLog,
    private readonly channels: readonly ChannelInfo[],
    private readonly car: string,
    readonly sessionStart: number,
    private readonly batchMs: number,
    private readonly session: string,
    private readonly epoch: string,
    private capacity: number,
  ) {
    this.time = new Float64Array(capacity);
    this.columns = channels.map((c) => (c.type === 'f64' ? new Float64Array(capacity) : new Float32Array(capacity)));
    for (const column of this.columns) column.fill(NaN);
    this.min = new Float64Array(channels.length).fill(Infinity);
    this.max = new Float64Array(channels.length).fill(-Infinity);
  }

  static async open(
    dir: string,
    options: {
      channels: readonly ChannelInfo[];
      car: string;
      sessionStart: number;
      batchMs: number;
      session: string;
      epoch: string;
      /** Most rows a batch can hold: batchMs times the fastest rate, with room to spare. */
      maxRowsPerBatch: number;
    },
  ): Promise<SingleCarBatches> {
    const log = await AppendableBatchLog.openForAppend(dir);
    return new SingleCarBatches(
      log,
      options.channels,
      options.car,
      options.sessionStart,
      options.batchMs,
      options.session,
      options.epoch,
      Math.max(16, Math.ceil(options.maxRowsPerBatch)),
    );
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
   * Encodes the batch and queues it; batches are appended several at a time while the reader goes on (one append in
   * flight at most, so memory stays bounded and a write error still fails the import).
   */
  async flush(): Promise<void> {
    if (!this.length) return;
    const n = this.length;
    const channels: SampleBatch['channels'] = {};
    this.channels.forEach((c, k) => {
      const column = this.columns[k].subarray(0, n);
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
    const bytes = encodeBinaryBatch({
      time: this.time.subarray(0, n),
      cars: [{ car: this.car, start: 0, length: n }],
      channels,
      session: this.session,
      epoch: this.epoch,
      seq: this.seq,
    });
    this.queued.push({ seq: this.seq, bytes });
    this.queuedBytes += bytes.length;
    for (const column of this.columns) column.fill(NaN, 0, n);
    this.length = 0;
    if (this.queuedBytes >= APPEND_BYTES) await this.write();
  }

  private async write(): Promise<void> {
    await this.inFlight;
    const records = this.queued;
    this.queued = [];
    this.queuedBytes = 0;
    this.inFlight = records.length ? this.log.append(records) : undefined;
  }

  async close(): Promise<void> {
    try {
      await this.flush();
      await this.write();
      await this.inFlight;
    } finally {
      await this.inFlight?.catch(() => undefined);
      await this.log.closeAsync();
    }
  }
}
