import type { RaceEvent, SampleBatch } from '@eracing/telemetry-core/protocol';

/** One live batch as produced for the session, before any subscription's filtering. */
export interface FeedEntry {
  seq: number;
  /** End of the batch's time slot (exclusive), epoch ms. */
  endTime: number;
  batch: SampleBatch;
  /** The session's events inside the batch's time slot. */
  events: RaceEvent[];
}

/** Consecutive batches by seq, oldest dropped by age. */
export class BatchRing {
  private entries: FeedEntry[] = [];
  private head = 0;

  get size(): number {
    return this.entries.length - this.head;
  }

  /** Oldest held seq, or undefined when empty. */
  get oldest(): number | undefined {
    return this.size > 0 ? this.entries[this.head].seq : undefined;
  }

  get newest(): number | undefined {
    return this.size > 0 ? this.entries[this.entries.length - 1].seq : undefined;
  }

  get(seq: number): FeedEntry | undefined {
    const oldest = this.oldest;
    if (oldest === undefined || seq < oldest) return undefined;
    return this.entries[this.head + seq - oldest];
  }

  /** Appends the next batch; a batch that does not follow the newest one starts the ring over. */
  push(entry: FeedEntry): void {
    const newest = this.newest;
    if (newest !== undefined && entry.seq !== newest + 1) this.clear();
    this.entries.push(entry);
  }

  /** Drops the batches whose slot ended by `cutoff`, except those from seq `keepFrom` on. */
  evictEndedBefore(cutoff: number, keepFrom = Infinity): void {
    while (this.size > 0 && this.entries[this.head].endTime <= cutoff && this.entries[this.head].seq < keepFrom) {
      this.entries[this.head++] = undefined as never;
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  clear(): void {
    this.entries = [];
    this.head = 0;
  }

  /** Rows held, across all entries: a measure of the ring's memory. */
  rows(): number {
    let rows = 0;
    for (let i = this.head; i < this.entries.length; i++) rows += this.entries[i].batch.time.length;
    return rows;
  }
}

/** Most recent batches kept in memory; older ones inside the window are read again from the source. */
export const RECENT_MS = 30_000;
/** Batches read again stay cached this long (session clock), so clients resuming together share the reads. */
const REREAD_CACHE_MS = 15_000;

export interface WindowTiming {
  startTime: number;
  batchMs: number;
  /** How far back from now a client can resume. */
  spanMs: number;
}

/**
 * The span of a live session a reconnecting client can resume from: every batch whose slot ended less than `spanMs`
 * ago. The newest `RECENT_MS` are kept in memory, where live delivery to every subscriber reads them. Older batches
 * are read again from the source when a resume asks for them: a source returns the same batch for the same seq every
 * time while its epoch holds, even across server restarts, so a restarted server serves resumes from before the
 * restart. Memory holds at most three recent spans of batches (recent, pinned for a lagging subscriber, re-read
 * cache), however long the window is: 10 minutes of 20 cars would take 200 MiB in memory; this takes 30 MiB at most.
 */
export class ResumeWindow {
  private readonly recent = new BatchRing();
  /** Batches read again, in the order they were read, with the time they were read. */
  private readonly reread = new Map<number, { entry: FeedEntry; readAt: number }>();
  /** First seq inside the window. */
  private first = 0;
  private now = -Infinity;

  constructor(
    private readonly timing: WindowTiming,
    private readonly load: (seq: number) => FeedEntry,
  ) {}

  get oldest(): number {
    return this.first;
  }

  /**
   * Takes the batches from `from` to `last` into memory and moves the window to end at `now`. Batches from `needed`
   * on (the oldest a live subscriber has not been sent) stay in memory up to one more recent span, so a subscriber
   * that lags for a moment, on a busy server, costs no second read of the source.
   */
  advance(from: number, last: number, now: number, needed = Infinity): void {
    const { startTime, batchMs, spanMs } = this.timing;
    const recentMs = Math.min(spanMs, RECENT_MS);
    const keep = Math.ceil(recentMs / batchMs);
    this.first = Math.max(0, Math.floor((now - spanMs - startTime) / batchMs));
    const pinned = Math.max(needed, last - 2 * keep + 1, this.first);
    for (let seq = Math.max(from, Math.min(last - keep + 1, pinned), 0); seq <= last; seq++)
      this.recent.push(this.load(seq));
    this.recent.evictEndedBefore(now - recentMs, pinned);
    this.now = now;
    for (const [seq, { readAt }] of this.reread) {
      if (readAt > now - REREAD_CACHE_MS) break;
      this.reread.delete(seq);
    }
  }

  /** Batch `seq` of the window (the caller keeps to oldest…newest produced). */
  get(seq: number): FeedEntry {
    const held = this.recent.get(seq) ?? this.reread.get(seq)?.entry;
    if (held) return held;
    const entry = this.load(seq);
    this.reread.set(seq, { entry, readAt: this.now });
    // Never more than the recent span's worth of batches.
    if (this.reread.size > Math.ceil(RECENT_MS / this.timing.batchMs))
      this.reread.delete(this.reread.keys().next().value!);
    return entry;
  }

  /** Rows held in memory. */
  rows(): number {
    let rows = this.recent.rows();
    for (const { entry } of this.reread.values()) rows += entry.batch.time.length;
    return rows;
  }
}
