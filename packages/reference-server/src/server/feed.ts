import type { SessionSource } from '../source';
import type { ServerConfig } from './options';
import { ResumeWindow, type FeedEntry } from './resume-window';

/** What a feed drives on every tick: a live subscription. */
export interface FeedSubscriber {
  /** The next seq the subscriber will send. */
  readonly next: number;
  /** Sends whatever the subscriber has not had yet. */
  pump(): void;
  /** The session's data was replaced (new epoch) or the session is gone; the subscriber must end. */
  end(reason: 'epoch_changed' | 'removed'): void;
}

/**
 * One session as the server serves it: numbers its batches, keeps the resume window of a live session, and wakes
 * its subscribers every batch interval. A session that is no longer live is served straight from its source.
 */
export class SessionFeed {
  private window: ResumeWindow | null = null;
  private produced = -1;
  private epochSeen: string;
  private readonly subscribers = new Set<FeedSubscriber>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly source: SessionSource,
    private readonly config: ServerConfig,
  ) {
    this.epochSeen = source.epoch;
    this.advance();
    this.timer = setInterval(() => this.tick(), source.batchMs);
  }

  get id(): string {
    return this.source.summary.id;
  }

  get epoch(): string {
    return this.source.epoch;
  }

  get batchMs(): number {
    return this.source.batchMs;
  }

  /** Start of batch `seq`'s time slot. */
  slotStart(seq: number): number {
    return this.source.summary.startTime + seq * this.source.batchMs;
  }

  /**
   * End of the newest complete batch: history stops here, so a subscription from the next seq neither overlaps nor
   * skips.
   */
  dataEnd(): number {
    return this.slotStart(this.source.lastSeq(this.config.clock()) + 1);
  }

  /** The newest complete batch as of the last tick. */
  get newestSeq(): number {
    return this.produced;
  }

  /** The oldest seq a subscriber can still be sent. */
  get oldestSeq(): number {
    return this.window?.oldest ?? 0;
  }

  /** Batch `seq`, `'gap'` when it has left the resume window, undefined when it is not complete yet. */
  entry(seq: number): FeedEntry | 'gap' | undefined {
    if (seq > this.produced || seq < 0) return undefined;
    if (!this.window) return this.load(seq);
    return seq < this.window.oldest ? 'gap' : this.window.get(seq);
  }

  /** Takes newly completed batches from the source and moves the resume window on. */
  advance(): void {
    const source = this.source;
    if (source.epoch !== this.epochSeen) this.restart();
    const now = this.config.clock();
    const last = source.lastSeq(now);
    if (!source.summary.live) {
      this.window = null;
    } else {
      const timing = {
        startTime: source.summary.startTime,
        batchMs: source.batchMs,
        spanMs: this.config.limits.resumeWindowMs,
      };
      this.window ??= new ResumeWindow(timing, (seq) => this.load(seq));
      let needed = Infinity;
      for (const subscriber of this.subscribers) needed = Math.min(needed, subscriber.next);
      this.window.advance(this.produced + 1, last, now, needed);
    }
    this.produced = Math.max(this.produced, last);
  }

  add(subscriber: FeedSubscriber): void {
    this.subscribers.add(subscriber);
  }

  delete(subscriber: FeedSubscriber): void {
    this.subscribers.delete(subscriber);
  }

  stop(): void {
    clearInterval(this.timer);
    for (const subscriber of [...this.subscribers]) subscriber.end('removed');
    this.subscribers.clear();
    this.window = null;
  }

  private tick(): void {
    try {
      this.advance();
    } catch (error) {
      this.config.log(`session ${this.id}: source failed: ${(error as Error).stack ?? error}`);
      return;
    }
    for (const subscriber of this.subscribers) subscriber.pump();
  }

  private restart(): void {
    this.config.log(`session ${this.id}: epoch changed from ${this.epochSeen} to ${this.source.epoch}`);
    this.epochSeen = this.source.epoch;
    this.window = null;
    this.produced = -1;
    for (const subscriber of [...this.subscribers]) subscriber.end('epoch_changed');
  }

  private load(seq: number): FeedEntry {
    const from = this.slotStart(seq);
    const to = this.slotStart(seq + 1);
    return { seq, endTime: to, batch: this.source.batch(seq), events: this.source.events(from, to) };
  }
}
