/**
 * Records a live session to its store as it streams. Every `intervalMs` (≤ 1 s) the recorder asks the source for its
 * newest complete batch and appends every batch not yet stored, durably. After a restart it continues after the last
 * stored batch and back-fills what the source produced while the server was down (or the store was unreachable), so
 * the recording has neither gaps nor duplicates.
 */
import type { SessionSource } from '../source';
import { FileSessionStore } from '../store/file-store';
import type { SeqBatch, SessionStore, SessionWriter } from '../store/store';
import { sessionDir } from './layout';
import { SESSION_FORMAT, SESSION_FORMAT_VERSION, type SessionFile, type SessionOrigin } from './session-file';

export interface RecorderOptions {
  dataDir: string;
  /** Where to record; default the file store in `dataDir`. */
  store?: SessionStore;
  source: SessionSource;
  /** Stored with the session; a restarted server finds the session to continue by it. */
  origin: SessionOrigin;
  clock?: () => number;
  /** How often the source is polled and the store flushed. Default 500 ms; at most 1000. */
  intervalMs?: number;
  log?: (line: string) => void;
}

/** Batches taken before each write; also bounds how long one slice of a back-fill holds the event loop. */
const CHUNK_ROWS = 200_000;
const CHUNK_MS = 50;

export class SessionRecorder {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private closing = false;
  private eventsFrom: number;
  /** The last error a tick met; ticks go on (a full disk or a restarted database may come back). */
  lastError?: Error;

  private constructor(
    private readonly writer: SessionWriter,
    private readonly source: SessionSource,
    private readonly clock: () => number,
    private readonly intervalMs: number,
    private readonly log: (line: string) => void,
  ) {
    this.eventsFrom = this.timeAfter(writer.lastSeq);
  }

  static async open(options: RecorderOptions): Promise<SessionRecorder> {
    const { source } = options;
    const store = options.store ?? new FileSessionStore(options.dataDir);
    const log = options.log ?? (() => {});
    const intervalMs = Math.min(options.intervalMs ?? 500, 1000);
    const described = describeSession(source, options.origin, (options.clock ?? Date.now)());
    const writer = await store.record(described, (existing) =>
      checkContinuation(existing, source, where(store, source)),
    );
    for (const note of writer.notes) log(`recorder: ${note}`);
    if (writer.lastSeq >= 0) log(`recorder: continuing ${source.summary.id} after batch ${writer.lastSeq}`);
    return new SessionRecorder(writer, source, options.clock ?? Date.now, intervalMs, log);
  }

  /** Where the session is recorded. */
  get dir(): string {
    return this.writer.where;
  }

  get lastRecordedSeq(): number {
    return this.writer.lastSeq;
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

  /** Stops polling, records what is complete, flushes and closes the store's writer. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.closing) return;
    // Set first: a running back-fill stops after its current chunk.
    this.closing = true;
    await this.running?.catch(() => undefined);
    await this.record(this.clock(), true).catch(() => undefined);
    await this.writer.close();
  }

  private async record(now: number, final = false): Promise<number> {
    const last = this.source.lastSeq(now);
    const first = this.writer.lastSeq + 1;
    let next = first;
    const backfill = last - next + 1;
    if (backfill > 100 && !final) this.log(`recorder: back-filling ${backfill} batches of ${this.source.summary.id}`);
    try {
      while (next <= last) {
        const chunk: SeqBatch[] = [];
        let rows = 0;
        const sliceStart = performance.now();
        while (next <= last && rows < CHUNK_ROWS && performance.now() - sliceStart < CHUNK_MS) {
          const batch = this.source.batch(next);
          chunk.push({ seq: next, batch });
          rows += batch.time.length * Math.max(1, Object.keys(batch.channels).length);
          next++;
        }
        const until = this.timeAfter(next - 1);
        await this.writer.append(chunk, this.source.events(this.eventsFrom, until));
        this.eventsFrom = until;
        // A close stops a long back-fill between chunks; the next start continues it.
        if (this.closing) break;
      }
      this.lastError = undefined;
    } catch (error) {
      if (this.lastError?.message !== (error as Error).message) {
        this.log(`recorder: cannot write ${this.dir}: ${(error as Error).message}`);
      }
      // Nothing of the failed write stays stored; the next tick writes it again, and the events from `eventsFrom`.
      this.lastError = error as Error;
    }
    return this.writer.lastSeq + 1 - first;
  }

  /** The end of batch `seq`: everything before it is stored. */
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
function checkContinuation(existing: SessionFile, source: SessionSource, where: string): void {
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
      `${where} holds a different recording of session ${source.summary.id} (${problems.join(', ')}); ` +
        'move it away or start the session at another time (--session-start)',
    );
  }
}

function where(store: SessionStore, source: SessionSource): string {
  return store instanceof FileSessionStore
    ? sessionDir(store.dataDir, source.summary.id)
    : `session ${source.summary.id} in ${store.description}`;
}
