/**
 * One live query as a Grafana stream: subscribes over the shared link, backfills the window from history, keeps
 * the stream's position (epoch, seq) and resumes from it after a reconnect, and emits the whole window with a
 * stable key at a bounded rate. Everything the engineer should know about the stream's health is a notice on the
 * frames: reconnecting, a span lost beyond the server's resume window, batches that never arrived, malformed
 * messages.
 */
import type { ErrorMessage, RaceEvent, SubscribedResponse, TelemetryBatch } from '@eracing/telemetry-core/protocol';
import {
  LoadingState,
  type DataFrame,
  type DataQueryResponse,
  type QueryResultMeta,
  type QueryResultMetaNotice,
} from '@grafana/data';
import { Observable } from 'rxjs';

import type { LinkState, LinkStream, StreamHandler, StreamRequest, TelemetryLink } from '../link/telemetry-link';
import { describeSpan, formatClock } from './span-text';
import type { LiveWindow } from './live-window';
import { Pacer, sharedClock } from './pacer';

export interface LiveFeedOptions {
  refId: string;
  /** Grafana keeps the latest packet per key. */
  key: string;
  /** Session as the query names it (`live`, `latest` or an id); the stream sticks to the id it resolves to. */
  session: string;
  /** Cars, channels, rate and events of the subscription. */
  request: Omit<StreamRequest, 'session' | 'resume'>;
  windowMs: number;
  /** Most emissions per second. */
  rateHz: number;
  /** The datasource's rate: the live queries of a page share its clock, so they update in the same task. */
  clockHz?: number;
  /** Start time of a session, to place sequence numbers in time. */
  sessionStart(session: string): Promise<number>;
  /** Standing notices, e.g. that the live rate was thinned to fit the window. */
  notices?: QueryResultMetaNotice[];
}

/** Where the stream is: the data generation and the last batch applied. */
interface Position {
  epoch: string;
  seq: number;
}

/** Counters a test or the panel inspector reads from `meta.custom.stream`. */
export interface StreamStats {
  session: string;
  epoch?: string;
  firstSeq?: number;
  lastSeq?: number;
  batches: number;
  duplicates: number;
  /** Batches skipped without the server saying why. */
  missingBatches: number;
  overlapRows: number;
  reconnects: number;
}

type Queued = { batch: TelemetryBatch } | { event: RaceEvent };

/** Wait before subscribing again after the server ended a stream. */
const RESUBSCRIBE_MS = 500;

export function liveFeed(
  link: TelemetryLink,
  window: LiveWindow,
  options: LiveFeedOptions,
): Observable<DataQueryResponse> {
  return new Observable<DataQueryResponse>((subscriber) => {
    const feed = new LiveFeed(link, window, options, (response) => subscriber.next(response));
    return () => feed.stop();
  });
}

class LiveFeed implements StreamHandler {
  private readonly stream: LinkStream;
  private readonly pacer: Pacer;
  private readonly notices = new Map<string, QueryResultMetaNotice>();
  private readonly malformedAtStart: number;
  private session: string;
  private position?: Position;
  private readonly stats: StreamStats;
  /** History loads run one after another; live data waits in `queue` until they are done. */
  private loads: Promise<void> = Promise.resolve();
  private loading = 0;
  private queue: Queued[] = [];
  private wasDown = false;
  private stopped = false;
  private resubscribeTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly link: TelemetryLink,
    private readonly window: LiveWindow,
    private readonly options: LiveFeedOptions,
    private readonly next: (response: DataQueryResponse) => void,
  ) {
    this.session = options.session;
    this.stats = {
      session: options.session,
      batches: 0,
      duplicates: 0,
      missingBatches: 0,
      overlapRows: 0,
      reconnects: 0,
    };
    this.malformedAtStart = link.malformed;
    options.notices?.forEach((notice, i) => this.notices.set(`standing-${i}`, notice));
    const clockMs = 1000 / Math.max(0.1, options.clockHz ?? options.rateHz);
    const intervalMs = Math.max(clockMs, 1000 / Math.max(0.1, options.rateHz));
    this.pacer = new Pacer(intervalMs, () => this.emit(), sharedClock(clockMs));
    this.stream = link.openStream(this);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.resubscribeTimer);
    this.pacer.stop();
    this.stream.close();
    this.queue = [];
    this.window.clear();
  }

  subscribeRequest(): StreamRequest {
    const request: StreamRequest = { ...this.options.request, session: this.session };
    if (this.position) request.resume = { ...this.position };
    return request;
  }

  onSubscribed(answer: SubscribedResponse): void {
    this.notices.delete('session');
    this.session = answer.session;
    this.stats.session = answer.session;
    const position = this.position;
    if (position && position.epoch === answer.epoch) {
      // Resumed. A later nextSeq means batches were lost; the resume_gap error that follows says when.
      if (answer.nextSeq > position.seq + 1) position.seq = answer.nextSeq - 1;
    } else {
      this.position = { epoch: answer.epoch, seq: answer.nextSeq - 1 };
      this.stats.epoch = answer.epoch;
      this.stats.firstSeq = answer.nextSeq;
      const { windowMs, sessionStart } = this.options;
      this.load(async () => {
        const to = (await sessionStart(answer.session)) + answer.nextSeq * answer.batchMs;
        await this.window.load(answer.session, to - windowMs, to);
      }, 'the window before the stream started');
    }
    this.pacer.request();
  }

  onBatch(batch: TelemetryBatch): void {
    if (this.loading > 0) this.queue.push({ batch });
    else this.apply(batch);
  }

  onEvent(event: RaceEvent): void {
    if (this.loading > 0) {
      this.queue.push({ event });
      return;
    }
    this.window.ingestEvent(event);
    this.pacer.request();
  }

  onError(error: ErrorMessage): void {
    if (error.code === 'resume_gap') {
      this.fillGap(error.details ?? {});
      return;
    }
    if (error.code === 'unknown_session' && error.id === undefined) {
      // The server ended the stream: the session went away, or the server is shutting down and a reconnect follows.
      // Subscribing again tells the two apart: a session that is really gone refuses the subscribe.
      this.notices.set('session', { severity: 'warning', text: `${error.message}; subscribing again.` });
      this.emit();
      clearTimeout(this.resubscribeTimer);
      this.resubscribeTimer = setTimeout(() => this.stream.resubscribe(), RESUBSCRIBE_MS);
      return;
    }
    if (error.code === 'epoch_changed' || error.code === 'resume_ahead') {
      this.notices.set('epoch', {
        severity: 'info',
        text:
          error.code === 'epoch_changed'
            ? 'The server replaced the data behind this stream (its epoch changed); the stream started again.'
            : 'The server no longer holds the newest batches this stream had shown; the stream started again.',
      });
      this.position = undefined;
      this.window.clear();
      this.stream.resubscribe();
      return;
    }
    this.fail(`${error.message} (${error.code})`, error.code);
  }

  onLinkChange(state: LinkState): void {
    if (this.stopped) return;
    if (state.status === 'retrying') {
      this.wasDown = true;
      // A stream the server ended just before the connection dropped is subscribed again on reconnect.
      clearTimeout(this.resubscribeTimer);
      this.notices.delete('session');
      const held = Number.isFinite(this.window.newest) ? ` Showing data up to ${formatClock(this.window.newest)}.` : '';
      this.notices.set('link', {
        severity: 'warning',
        text:
          `Reconnecting to ${this.link.url}: ${state.failure.message} Next attempt in ` +
          `${(state.delayMs / 1000).toFixed(1)} s (attempt ${state.attempt}).${held}`,
      });
      this.emit();
    } else if (state.status === 'open') {
      if (this.wasDown) this.stats.reconnects++;
      this.wasDown = false;
      this.notices.delete('link');
      this.pacer.request();
    } else if (state.status === 'failed') {
      this.fail(state.failure.message);
    }
  }

  onMalformed(total: number): void {
    const count = total - this.malformedAtStart;
    if (count <= 0) return;
    this.notices.set('malformed', {
      severity: 'warning',
      text: `${count} malformed message${count === 1 ? '' : 's'} from the server ignored.`,
    });
    this.pacer.request();
  }

  private apply(batch: TelemetryBatch): void {
    const position = this.position;
    const seq = batch.seq;
    if (position && seq !== undefined) {
      if (seq <= position.seq) {
        this.stats.duplicates++;
        return;
      }
      if (seq > position.seq + 1) {
        const missing = seq - position.seq - 1;
        this.stats.missingBatches += missing;
        this.notices.set('missing', {
          severity: 'warning',
          text: `${this.stats.missingBatches} live batch${this.stats.missingBatches === 1 ? '' : 'es'} never arrived; the traces have gaps.`,
        });
      }
      position.seq = seq;
      this.stats.lastSeq = seq;
    }
    this.stats.batches++;
    this.window.ingest(batch);
    this.pacer.request();
  }

  /** After resume_gap: says which span the server no longer holds, and reloads what of it is in the window. */
  private fillGap(details: Record<string, unknown>): void {
    const from = Number(details.lostFromTime);
    const to = Number(details.lostToTime);
    if (!(to > from)) return;
    const span = describeSpan(from, to);
    this.notices.set('gap', {
      severity: 'warning',
      text: `While disconnected, ${span} left the server's resume window; reloading it from history.`,
    });
    const start = Math.max(from, to - this.options.windowMs);
    this.load(async () => {
      await this.window.load(this.session, start, to);
      this.notices.set('gap', {
        severity: 'info',
        text: `While disconnected, ${span} left the server's resume window; it was reloaded from history, possibly at a lower rate.`,
      });
    }, `the lost span ${span}`);
  }

  private load(run: () => Promise<void>, what: string): void {
    this.loading++;
    this.loads = this.loads
      .then(run)
      .catch((error: Error) => {
        if (!this.stopped)
          this.notices.set(`load ${what}`, { severity: 'warning', text: `Could not load ${what}: ${error.message}` });
      })
      .finally(() => {
        this.loading--;
        if (this.loading === 0 && !this.stopped) this.drain();
      });
  }

  private drain(): void {
    const queued = this.queue;
    this.queue = [];
    for (const item of queued) {
      if ('batch' in item) this.apply(item.batch);
      else this.window.ingestEvent(item.event);
    }
    this.pacer.request();
  }

  private fail(message: string, code?: string): void {
    if (this.stopped) return;
    this.next({
      data: [],
      key: this.options.key,
      state: LoadingState.Error,
      errors: [{ message, refId: this.options.refId, ...(code ? { statusText: code } : {}) }],
    });
    this.stop();
  }

  private emit(): void {
    if (this.stopped) return;
    this.stats.overlapRows = this.window.overlapRows;
    const notices = [...this.notices.values()];
    const meta: QueryResultMeta = { custom: { stream: { ...this.stats } } };
    if (notices.length > 0) meta.notices = notices;
    let data: DataFrame[] = this.window.frames(meta);
    if (data.length === 0 && notices.length > 0)
      data = [{ name: 'status', refId: this.options.refId, fields: [], length: 0, meta }];
    this.next({ data, key: this.options.key, state: LoadingState.Streaming });
  }
}
