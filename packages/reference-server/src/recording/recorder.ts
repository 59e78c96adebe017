/**
 * Records a live session to disk as it streams. Every `intervalMs` (≤ 1 s) the recorder asks the source for its newest
 * complete batch, appends every batch not yet on disk and flushes to the disk. After a restart it continues after the
 * last batch on disk and back-fills what the source produced while the server was down, so the recording has neither
 * gaps nor duplicates. Nothing is kept in memory but the seq → offset index.
 */
import fs from 'node:fs';
import path from 'node:path';
import { encodeBinaryBatch } from '@eracing/telemetry-core';
import type { SessionSource } from '../source';
import { AppendableBatchLog } from './batch-log';
import { EventLog } from './event-log';
import { SESSION_FILE, sessionDir } from './layout';
import {
  readSessionFile,
  SESSION_FORMAT,
  SESSION_FORMAT_VERSION,
  writeSessionFile,
  type SessionFile,
  type SessionOrigin,
} from './session-file';

export interface RecorderOptions {
  dataDir: string;
  source: SessionSource;
  /** Written to `session.json`; a restarted server finds the session to continue by it. */
  origin: SessionOrigin;
  clock?: () => number;
  /** How often the source is polled and the files flushed. Default 500 ms; at most 1000. */
  intervalMs?: number;
  log?: (line: string) => void;
}

/** Batches encoded before each write; also bounds how long one slice of a back-fill holds the event loop. */
const CHUNK_BYTES = 4 * 1024 * 1024;
const CHUNK_MS = 50;

export class SessionRecorder {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private closing = false;
  private eventsFrom: number;
  /** The last error a tick met; ticks go on (a full disk may be cleared). */
  lastError?: Error;

  private constructor(
    readonly dir: string,
    private readonly source: SessionSource,
    private readonly batches: AppendableBatchLog,
    private readonly events: EventLog,
    private readonly clock: () => number,
    private readonly intervalMs: number,
    private readonly log: (line: string) => void,
  ) {
    this.eventsFrom = this.timeAfter(batches.lastSeq);
  }

  static async open(options: RecorderOptions): Promise<SessionRecorder> {
    const { source, dataDir } = options;
    const log = options.log ?? (() => {});
    const intervalMs = Math.min(options.intervalMs ?? 500, 1000);
    const dir = sessionDir(dataDir, source.summary.id);
    await fs.promises.mkdir(dir, { recursive: true });
    const existing = fs.existsSync(path.join(dir, SESSION_FILE)) ? readSessionFile(dir) : undefined;
    if (existing) checkContinuation(existing, source, dir);
    else writeSessionFile(dir, describeSession(source, options.origin, (options.clock ?? Date.now)()));

    const batches = await AppendableBatchLog.openForAppend(dir);
    if (batches.repaired) {
      const { from, to, savedTo } = batches.repaired;
      log(
        `recorder: cut off a torn record at the end of ${batches.dataFile} (bytes ${from}–${to}, kept in ${savedTo})`,
      );
    }
    const until = source.summary.startTime + (batches.lastSeq + 1) * source.batchMs;
    const events = await EventLog.openForAppend(dir, until);
    if (batches.count) log(`recorder: continuing ${source.summary.id} after batch ${batches.lastSeq}`);
    return new SessionRecorder(dir, source, batches, events, options.clock ?? Date.now, intervalMs, log);
  }

  get lastRecordedSeq(): number {
    return this.batches.lastSeq;
  }

  /** Polls and flushes every `intervalMs` until closed. */
  start(): void {
    if (this.timer || this.closing) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** Records every complete batch up to `now`, then flushes. Resolves with the number of batches appended. */
  tick(now = this.clock()): Promise<number> {
    if (!this.running) {
      this.running = this.record(now).finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /** Stops polling, records what is complete, flushes and closes the files. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.closing) return;
    // Set first: a running back-fill stops after its current chunk.
    this.closing = true;
    await this.running?.catch(() => undefined);
    await this.record(this.clock(), true).catch(() => undefined);
    await this.batches.closeAsync();
    await this.events.close();
  }

  private async record(now: number, final = false): Promise<number> {
    const last = this.source.lastSeq(now);
    let next = this.batches.lastSeq + 1;
    const first = next;
    const backfill = last - next + 1;
    if (backfill > 100 && !final) this.log(`recorder: back-filling ${backfill} batches of ${this.source.summary.id}`);
    try {
      while (next <= last) {
        const chunk: { seq: number; bytes: Uint8Array }[] = [];
        let bytes = 0;
        const sliceStart = performance.now();
        while (next <= last && bytes < CHUNK_BYTES && performance.now() - sliceStart < CHUNK_MS) {
          const encoded = this.encode(next);
          chunk.push({ seq: next, bytes: encoded });
          bytes += encoded.length;
          next++;
        }
        await this.batches.append(chunk);
        const until = this.timeAfter(next - 1);
        await this.events.append(this.source.events(this.eventsFrom, until));
        this.eventsFrom = until;
        // A close stops a long back-fill between chunks; the next start continues it.
        if (this.closing) break;
      }
      await this.batches.sync();
      await this.events.sync();
      this.lastError = undefined;
    } catch (error) {
      if (this.lastError?.message !== (error as Error).message) {
        this.log(`recorder: cannot write ${this.dir}: ${(error as Error).message}`);
      }
      // Nothing of the failed write stays on disk; the next tick writes it again, and the events from `eventsFrom`.
      this.lastError = error as Error;
    }
    return this.batches.lastSeq + 1 - first;
  }

  private encode(seq: number): Uint8Array {
    const batch = this.source.batch(seq);
    const { id } = this.source.summary;
    return encodeBinaryBatch({
      session: id,
      epoch: this.source.epoch,
      seq,
      time: batch.time,
      cars: batch.cars,
      channels: batch.channels,
    });
  }

  /** The end of batch `seq`: everything before it is on disk. */
  private timeAfter(seq: number): number {
    return this.source.summary.startTime + (seq + 1) * this.source.batchMs;
  }
}

export function describeSession(source: SessionSource, origin: SessionOrigin, createdAt: number): SessionFile {
  const { endTime: _endTime, ...summary } = source.summary;
  if (origin.type === 'simulator') {
    // Named for what it will be when served from disk: a past session, not "the live session".
    const start = new Date(summary.startTime).toISOString().slice(0, 16).replace('T', ' ');
    summary.name = `${summary.track}, ${start} UTC (simulated, seed ${origin.seed})`;
  }
  return {
    format: SESSION_FORMAT,
    version: SESSION_FORMAT_VERSION,
    summary,
    cars: source.cars,
    channels: source.channels,
    track: source.track,
    epoch: source.epoch,
    batchMs: source.batchMs,
    source: origin,
    createdAt,
  };
}

/** A directory may only be continued with the same data behind the same sequence numbers. */
function checkContinuation(existing: SessionFile, source: SessionSource, dir: string): void {
  const problems: string[] = [];
  if (existing.epoch !== source.epoch) problems.push(`epoch ${existing.epoch} ≠ ${source.epoch}`);
  if (existing.batchMs !== source.batchMs) problems.push(`batchMs ${existing.batchMs} ≠ ${source.batchMs}`);
  if (existing.summary.startTime !== source.summary.startTime) {
    problems.push(
      `start ${new Date(existing.summary.startTime).toISOString()} ≠ ${new Date(source.summary.startTime).toISOString()}`,
    );
  }
  if (problems.length) {
    throw new Error(
      `${dir} holds a different recording of session ${source.summary.id} (${problems.join(', ')}); ` +
        'move it away or start the session at another time (--session-start)',
    );
  }
}
