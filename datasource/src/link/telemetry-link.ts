/**
 * The one WebSocket a datasource instance keeps to its telemetry server, shared by every query in the tab.
 *
 * socket → `decodeServerMessage` → routed by `subscription` (live batches and events, to their stream) or by
 * request `id` (catalog, history batches up to `complete`, laps, events). The socket is opened on demand, kept while
 * a stream or a request needs it, closed `idleCloseMs` after the last one leaves, and re-opened with backoff when it
 * drops; streams are then subscribed again, and resume from their own position.
 */
import { decodeServerMessage } from '@eracing/telemetry-core/codec';
import {
  type ClientMessage,
  type ControlMessage,
  type ErrorMessage,
  type HelloResponse,
  type RaceEvent,
  type SubscribeRequest,
  type SubscribedResponse,
  type TelemetryBatch,
} from '@eracing/telemetry-core/protocol';

import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from './backoff';
import {
  DEFAULT_HANDSHAKE_TIMEOUTS,
  LinkFailure,
  openHandshake,
  type HandshakeSettings,
  type HandshakeTimeouts,
  type OpenSocket,
} from './handshake';
import { PendingRequests, type QueryAnswer } from './pending-requests';

export type { QueryAnswer };

export interface LinkTuning extends HandshakeTimeouts {
  /** Longest wait for an answer (for a history query: between two of its batches). */
  requestTimeoutMs: number;
  /** How long the socket stays open after the last stream or request has gone. */
  idleCloseMs: number;
  /** Interval of the link's own pings; a ping unanswered by the next one means the connection is dead. */
  pingEveryMs: number;
  backoff: BackoffPolicy;
}

export const DEFAULT_LINK_TUNING: LinkTuning = {
  ...DEFAULT_HANDSHAKE_TIMEOUTS,
  requestTimeoutMs: 30_000,
  idleCloseMs: 4000,
  pingEveryMs: 15_000,
  backoff: DEFAULT_BACKOFF,
};

export type LinkState =
  | { status: 'idle' }
  | { status: 'connecting'; attempt: number }
  | { status: 'open'; hello: HelloResponse }
  | { status: 'retrying'; attempt: number; delayMs: number; failure: LinkFailure }
  | { status: 'failed'; failure: LinkFailure };

/** The subscribe fields a stream chooses; the link adds the type, the request id and the subscription id. */
export type StreamRequest = Omit<SubscribeRequest, 'type' | 'id' | 'subscription'>;

/** A live subscription's side of the link. */
export interface StreamHandler {
  /** What to subscribe to, asked on every (re)connect so the stream can add where to resume from. */
  subscribeRequest(): StreamRequest;
  onSubscribed(answer: SubscribedResponse): void;
  onBatch(batch: TelemetryBatch): void;
  onEvent(event: RaceEvent): void;
  /** An error about this subscription: a refused subscribe, `resume_gap`, `epoch_changed`, a removed session. */
  onError(error: ErrorMessage): void;
  onLinkChange(state: LinkState): void;
  /** Messages the link could not decode so far, in total. */
  onMalformed(total: number): void;
}

export interface LinkStream {
  readonly id: string;
  /** Sends the subscribe again (after `epoch_changed`, to start afresh). */
  resubscribe(): void;
  close(): void;
}

/** A request the link sends for its caller: any client message with an id, less the ones the link owns. */
type Requestable = Exclude<ClientMessage, { type: 'hello' | 'subscribe' | 'unsubscribe' | 'query' | 'ping' }>;
type RequestOf<T extends Requestable['type']> = Omit<Extract<Requestable, { type: T }>, 'id'> & { type: T };
type AnswerOf<T extends Requestable['type']> = Extract<ControlMessage, { type: T }>;
export type QueryRequestOf = Omit<Extract<ClientMessage, { type: 'query' }>, 'id'>;

export class TelemetryLink {
  private readonly tuning: LinkTuning;
  private socket?: WebSocket;
  private current: LinkState = { status: 'idle' };
  /** Failed attempts since the socket was last open. */
  private failures = 0;
  private readonly pending: PendingRequests;
  private readonly streams = new Map<string, StreamHandler>();
  private retryTimer?: ReturnType<typeof setTimeout>;
  private idleTimer?: ReturnType<typeof setTimeout>;
  private pingTimer?: ReturnType<typeof setInterval>;
  private unansweredPing?: string;
  private requestCount = 0;
  private streamCount = 0;
  private malformedCount = 0;

  constructor(
    private readonly settings: HandshakeSettings,
    tuning: Partial<LinkTuning> = {},
  ) {
    this.tuning = { ...DEFAULT_LINK_TUNING, ...tuning };
    this.pending = new PendingRequests(
      this.tuning.requestTimeoutMs,
      (message) => this.send(message),
      () => this.settle(),
    );
  }

  get url(): string {
    return this.settings.url;
  }

  get state(): LinkState {
    return this.current;
  }

  /** Messages that could not be decoded since the link was created. */
  get malformed(): number {
    return this.malformedCount;
  }

  /** Sends a request and resolves with the answer of the same type and id; an `error` answer rejects with ServerError. */
  request<T extends Requestable['type']>(message: RequestOf<T>): Promise<AnswerOf<T>> {
    return this.enqueue(message, message.type) as Promise<AnswerOf<T>>;
  }

  /** Sends a history query and collects its batches up to `complete`. */
  query(message: QueryRequestOf): Promise<QueryAnswer> {
    return this.enqueue(message, 'complete', []) as Promise<QueryAnswer>;
  }

  openStream(handler: StreamHandler): LinkStream {
    const id = `live-${++this.streamCount}`;
    this.streams.set(id, handler);
    this.wake();
    if (this.current.status === 'open') this.subscribe(id, handler);
    return {
      id,
      resubscribe: () => {
        if (this.streams.get(id) === handler && this.current.status === 'open') this.subscribe(id, handler);
      },
      close: () => {
        if (this.streams.get(id) !== handler) return;
        this.streams.delete(id);
        if (this.current.status === 'open') this.send({ type: 'unsubscribe', subscription: id });
        this.settle();
      },
    };
  }

  private enqueue(message: Record<string, unknown>, answers: ControlMessage['type'], batches?: TelemetryBatch[]) {
    const id = `r${++this.requestCount}`;
    const answer = this.pending.add({ ...message, id }, answers, batches, this.current.status === 'open');
    this.wake();
    return answer;
  }

  private wanted(): boolean {
    return this.streams.size > 0 || this.pending.size > 0;
  }

  /** Someone needs the connection: keep it, or start opening it. */
  private wake(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const { status } = this.current;
    if (status === 'idle' || status === 'failed') this.connect();
  }

  /** Someone left: close after the grace period when no one needs the connection any more. */
  private settle(): void {
    if (this.wanted() || this.idleTimer) return;
    if (this.current.status === 'retrying') {
      clearTimeout(this.retryTimer);
      this.setState({ status: 'idle' });
      return;
    }
    if (this.current.status !== 'open') return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (!this.wanted()) this.closeSocket();
    }, this.tuning.idleCloseMs);
  }

  private connect(): void {
    this.setState({ status: 'connecting', attempt: this.failures + 1 });
    openHandshake(this.settings, this.tuning).then(
      (open) => this.onOpen(open),
      (failure: LinkFailure) => this.onConnectFailure(failure),
    );
  }

  private onOpen({ socket, hello, early }: OpenSocket): void {
    this.socket = socket;
    this.failures = 0;
    socket.onmessage = (event: MessageEvent) => this.receive(event.data);
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return;
      const why = event.reason ? `: ${event.reason}` : '';
      this.onLost(new LinkFailure('closed', `The connection to ${this.url} closed (code ${event.code}${why}).`));
    };
    this.setState({ status: 'open', hello });
    this.pending.sendAll();
    for (const [id, handler] of this.streams) this.subscribe(id, handler);
    for (const data of early) this.receive(data);
    this.pingTimer = setInterval(() => this.ping(), this.tuning.pingEveryMs);
    if (!this.wanted()) this.settle();
  }

  private onConnectFailure(failure: LinkFailure): void {
    this.failures++;
    this.pending.rejectAll(failure);
    if (failure.terminal) this.setState({ status: 'failed', failure });
    else if (this.wanted()) this.scheduleRetry(failure);
    else this.setState({ status: 'idle' });
  }

  private onLost(failure: LinkFailure): void {
    this.detachSocket();
    this.pending.rejectAll(failure);
    if (this.wanted()) this.scheduleRetry(failure);
    else this.setState({ status: 'idle' });
  }

  private scheduleRetry(failure: LinkFailure): void {
    const delayMs = retryDelay(Math.max(1, this.failures), this.tuning.backoff);
    this.setState({ status: 'retrying', attempt: this.failures + 1, delayMs, failure });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.wanted()) this.connect();
      else this.setState({ status: 'idle' });
    }, delayMs);
  }

  private closeSocket(): void {
    const socket = this.socket;
    this.detachSocket();
    if (socket && socket.readyState <= WebSocket.OPEN) socket.close(1000, 'idle');
    this.setState({ status: 'idle' });
  }

  private detachSocket(): void {
    clearInterval(this.pingTimer);
    this.pingTimer = undefined;
    this.unansweredPing = undefined;
    if (this.socket) this.socket.onmessage = this.socket.onclose = null;
    this.socket = undefined;
  }

  private ping(): void {
    const socket = this.socket;
    if (!socket) return;
    if (this.unansweredPing) {
      this.detachSocket();
      socket.close();
      this.onLost(new LinkFailure('closed', `${this.url} stopped answering pings.`));
      return;
    }
    this.unansweredPing = `p${++this.requestCount}`;
    this.send({ type: 'ping', id: this.unansweredPing });
  }

  private setState(state: LinkState): void {
    this.current = state;
    for (const handler of [...this.streams.values()]) handler.onLinkChange(state);
  }

  private send(message: Record<string, unknown>): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private subscribe(id: string, handler: StreamHandler): void {
    this.send({ ...handler.subscribeRequest(), type: 'subscribe', id: `r${++this.requestCount}`, subscription: id });
  }

  private receive(data: unknown): void {
    let decoded: ReturnType<typeof decodeServerMessage>;
    try {
      decoded = decodeServerMessage(data as string | ArrayBuffer);
    } catch (error) {
      this.onMalformed(data, error as Error);
      return;
    }
    if (decoded.kind === 'batch') this.routeBatch(decoded.batch);
    else this.routeControl(decoded.message);
  }

  private routeBatch(batch: TelemetryBatch): void {
    if (batch.subscription !== undefined) {
      this.streams.get(batch.subscription)?.onBatch(batch);
      return;
    }
    if (batch.query !== undefined) this.pending.batch(batch.query, batch);
  }

  private routeControl(message: ControlMessage): void {
    switch (message.type) {
      case 'subscribed':
        this.streams.get(message.subscription)?.onSubscribed(message);
        return;
      case 'event':
        this.streams.get(message.subscription)?.onEvent(message.event);
        return;
      case 'pong':
        if (message.id === this.unansweredPing) this.unansweredPing = undefined;
        return;
      case 'error':
        this.routeError(message);
        return;
      case 'hello':
      case 'unsubscribed':
        return;
      default:
        this.pending.answer(message);
    }
  }

  private routeError(error: ErrorMessage): void {
    if (this.pending.fail(error)) return;
    const stream = error.subscription === undefined ? undefined : this.streams.get(error.subscription);
    if (stream) stream.onError(error);
  }

  /** Counts a message that failed to decode; a reply that still names its request fails that request. */
  private onMalformed(data: unknown, error: Error): void {
    this.malformedCount++;
    this.pending.malformed(data, error);
    for (const handler of [...this.streams.values()]) handler.onMalformed(this.malformedCount);
  }
}
