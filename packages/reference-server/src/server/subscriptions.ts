import { errorMessage } from '@eracing/telemetry-core/codec';
import { type SampleBatch } from '@eracing/telemetry-core/protocol';
import type { FeedSubscriber, SessionFeed } from './feed';
import type { FeedEntry } from './resume-window';
import { rowsAtRate, runsOf, sliceRuns, takeRows } from './rows';
import { concernsCars } from './selection';
import type { Sink } from './sink';

/** One slice of work for a subscription catching up; live delivery needs a fraction of it. */
const PUMP_BUDGET_MS = 20;

export interface SubscriptionSpec {
  id: string;
  /** Null: every car. */
  cars: ReadonlySet<string> | null;
  channels: readonly string[];
  maxRateHz?: number;
  events: boolean;
}

export interface LostSpan {
  lostFromSeq: number;
  lostToSeq: number;
  lostFromTime: number;
  /** End of the lost span (exclusive): the start of the first batch sent after it. */
  lostToTime: number;
  resumedFromSeq: number;
}

/**
 * A live subscription: sends the session's batches in seq order from `nextSeq`, filtered to its cars and channels.
 * Reads the connection's send buffer before each batch: above the soft limit a tick thins batches to about one row per
 * car, above the hard limit the connection is dropped, so a slow reader never makes the server hold more.
 */
export class Subscription implements FeedSubscriber {
  private nextSeq: number;
  /** Time of the last row sent per car, so rate limiting holds across batch boundaries. */
  private readonly lastSent = new Map<string, number>();
  private closed = false;
  private continuing = false;

  constructor(
    private readonly spec: SubscriptionSpec,
    private readonly sink: Sink,
    readonly feed: SessionFeed,
    firstSeq: number,
    private readonly onEnd: (subscription: Subscription) => void,
  ) {
    this.nextSeq = firstSeq;
    feed.add(this);
  }

  get id(): string {
    return this.spec.id;
  }

  /** The seq the subscription sends next. */
  get next(): number {
    return this.nextSeq;
  }

  /** Skips to the oldest held batch when `nextSeq` has left the resume window, and describes what was lost. */
  skipLost(): LostSpan | undefined {
    const oldest = this.feed.oldestSeq;
    if (this.nextSeq >= oldest || this.nextSeq > this.feed.newestSeq) return undefined;
    const lost: LostSpan = {
      lostFromSeq: this.nextSeq,
      lostToSeq: oldest - 1,
      lostFromTime: this.feed.slotStart(this.nextSeq),
      lostToTime: this.feed.slotStart(oldest),
      resumedFromSeq: oldest,
    };
    this.nextSeq = oldest;
    return lost;
  }

  reportLost(lost: LostSpan): void {
    const { lostFromSeq, lostToSeq, resumedFromSeq } = lost;
    const message = `Batches ${lostFromSeq}–${lostToSeq} are no longer held; resuming from ${resumedFromSeq}`;
    this.sink.send(errorMessage('resume_gap', message, { subscription: this.id, details: { ...lost } }));
  }

  pump(): void {
    if (this.closed || !this.sink.open) return;
    const { softBytes, hardBytes } = this.sink.slowClient;
    try {
      const buffered = this.sink.bufferedAmount;
      if (buffered >= hardBytes) {
        this.sink.dropSlow();
        return;
      }
      const thin = buffered >= softBytes;
      const started = performance.now();
      while (this.nextSeq <= this.feed.newestSeq && this.sink.open) {
        // A reader that keeps up gets whole batches; once its queue passes the soft limit, the rest of a backlog (a
        // resume, say) waits for the next tick. A backlog that outlasts one slice of work goes on after the server
        // has seen to everything else waiting, so one catching-up client never holds up the others.
        if (!thin && this.sink.bufferedAmount >= softBytes) return;
        if (performance.now() - started > PUMP_BUDGET_MS) {
          this.continueSoon();
          return;
        }
        const entry = this.feed.entry(this.nextSeq);
        if (entry === undefined) return;
        if (entry === 'gap') {
          const lost = this.skipLost();
          if (!lost) return;
          this.reportLost(lost);
          continue;
        }
        this.deliver(entry, thin);
        this.nextSeq++;
      }
    } catch (error) {
      // A source that fails on a batch fails on it every time (batches are deterministic): end rather than retry.
      this.sink.log(`subscription ${this.id} ended: ${(error as Error).stack ?? error}`);
      const message = `The server failed while sending batch ${this.nextSeq}; the subscription is closed`;
      this.sink.send(errorMessage('internal', message, { subscription: this.id }));
      this.close();
    }
  }

  /** A backlog larger than one slice of work goes on as soon as the server has handled what else is waiting. */
  private continueSoon(): void {
    if (this.continuing) return;
    this.continuing = true;
    setImmediate(() => {
      this.continuing = false;
      this.pump();
    });
  }

  /** Ends the subscription from the server side: the session went away or its data was replaced. */
  end(reason: 'epoch_changed' | 'removed'): void {
    if (this.closed) return;
    const session = this.feed.id;
    const error =
      reason === 'epoch_changed'
        ? errorMessage('epoch_changed', `Session ${session} restarted with epoch ${this.feed.epoch}; subscribe again`, {
            subscription: this.id,
            details: { epoch: this.feed.epoch },
          })
        : errorMessage('unknown_session', `Session ${session} is no longer served`, { subscription: this.id });
    if (this.sink.open) this.sink.send(error);
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.feed.delete(this);
    this.onEnd(this);
  }

  private deliver(entry: FeedEntry, thin: boolean): void {
    const { cars, channels, maxRateHz } = this.spec;
    const runs = runsOf(entry.batch, cars);
    const rateHz = thin ? Math.min(maxRateHz ?? Infinity, 1000 / this.feed.batchMs) : maxRateHz;
    let batch: SampleBatch;
    let decimated = false;
    if (rateHz === undefined) {
      batch = sliceRuns(entry.batch, runs, channels);
    } else {
      const rows = rowsAtRate(entry.batch, runs, rateHz, this.lastSent);
      decimated = rows.length < runs.reduce((sum, run) => sum + run.length, 0);
      batch = decimated ? takeRows(entry.batch, rows, channels) : sliceRuns(entry.batch, runs, channels);
    }
    const header = { session: this.feed.id, epoch: this.feed.epoch, subscription: this.id, seq: entry.seq };
    this.sink.sendBatch(decimated ? { ...batch, ...header, decimated } : { ...batch, ...header });
    if (this.spec.events) {
      for (const event of entry.events) {
        if (concernsCars(event, cars))
          this.sink.send({ type: 'event', subscription: this.id, session: this.feed.id, event });
      }
    }
  }
}
