import { decodeClientMessage, encodeBatch, errorMessage, ProtocolError } from '@eracing/telemetry-core/codec';
import {
  CLOSE_CODES,
  ERROR_CODES,
  type ClientMessage,
  type ControlMessage,
  type Encoding,
  type ErrorCode,
  type SubscribeRequest,
  type TelemetryBatch,
} from '@eracing/telemetry-core/protocol';
import type { RawData, WebSocket } from 'ws';
import { admitHello, helloAnswer } from './hello';
import { runQuery } from './history';
import type { QueryScheduler } from './query-scheduler';
import { CLOSE_GRACE_MS, HELLO_TIMEOUT_MS, SLOW_CLIENT_GRACE_MS } from './limits';
import type { ServerConfig, SlowClientLimits } from './options';
import { selectCars, selectChannels } from './selection';
import { catalogAnswer, eventsAnswer, lapsAnswer } from './session-requests';
import type { SessionRegistry } from './sessions';
import { OutQueue } from './out-queue';
import type { Sink } from './sink';
import { Subscription } from './subscriptions';

/** What every connection shares. */
export interface ServerContext {
  config: ServerConfig;
  sessions: SessionRegistry;
  serverVersion: string;
  queries: QueryScheduler;
}

const DRAIN_POLL_MS = 5;
/** Bytes handed to the socket ahead of the messages a connection holds back: at most a query chunk, at most 1 MiB. */
const WRITE_AHEAD_BYTES = 1024 * 1024;

function asText(data: RawData): Buffer {
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
}

/** One client: the hello handshake, then requests answered by id and subscriptions fed by the sessions' ticks. */
export class Connection implements Sink {
  private greeted = false;
  private closing = false;
  private encoding: Encoding = 'json';
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly helloTimer: NodeJS.Timeout;
  private terminateTimer?: NodeJS.Timeout;
  private readonly out: OutQueue;
  /** Cleared by each heartbeat ping, set again by the pong. */
  alive = true;

  /** Live subscriptions this client holds now. */
  get subscriptionCount(): number {
    return this.subscriptions.size;
  }
  /** Settles once the socket has closed. */
  readonly closed: Promise<void>;
  private settleClosed!: () => void;

  constructor(
    private readonly ws: WebSocket,
    private readonly context: ServerContext,
    readonly peer: string,
    private readonly onClosed: (connection: Connection) => void,
  ) {
    this.closed = new Promise((resolve) => (this.settleClosed = resolve));
    this.out = new OutQueue(ws, Math.min(WRITE_AHEAD_BYTES, context.config.slowClient.softBytes / 4));
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('pong', () => (this.alive = true));
    ws.on('error', (error) => this.log(`socket error: ${error.message}`));
    ws.on('close', () => this.cleanUp());
    this.helloTimer = setTimeout(() => {
      const message = `${ERROR_CODES.hello_required} None arrived within ${HELLO_TIMEOUT_MS / 1000} s.`;
      if (!this.greeted) this.reject('hello_required', message, CLOSE_CODES.hello_required);
    }, HELLO_TIMEOUT_MS);
  }

  get open(): boolean {
    return !this.closing && this.ws.readyState === this.ws.OPEN;
  }

  get bufferedAmount(): number {
    return this.out.bufferedAmount;
  }

  get slowClient(): SlowClientLimits {
    return this.context.config.slowClient;
  }

  log(line: string): void {
    this.context.config.log(`${this.peer}: ${line}`);
  }

  send(message: ControlMessage): void {
    if (this.open) this.out.send(JSON.stringify(message));
  }

  sendBatch(batch: TelemetryBatch): void {
    if (this.open) this.out.send(encodeBatch(batch, this.encoding));
  }

  drain(bytes: number): Promise<boolean> {
    return new Promise((resolve) => {
      const check = () => {
        if (!this.open) resolve(false);
        else if (this.bufferedAmount < bytes) resolve(true);
        else setTimeout(check, DRAIN_POLL_MS);
      };
      check();
    });
  }

  dropSlow(): void {
    if (this.closing) return;
    const { hardBytes } = this.context.config.slowClient;
    const bufferedBytes = this.bufferedAmount;
    // What was never handed to the socket is dropped, so the notice waits only behind the write-ahead.
    const droppedBytes = this.out.discard();
    this.log(
      `slow client: ${bufferedBytes} bytes queued (limit ${hardBytes}), ${droppedBytes} of them dropped; ` +
        `closing with ${CLOSE_CODES.slow_client}`,
    );
    const notice = errorMessage('slow_client', undefined, { details: { bufferedBytes, limit: hardBytes } });
    this.ws.send(JSON.stringify(notice));
    this.shut(CLOSE_CODES.slow_client, 'slow client', SLOW_CLIENT_GRACE_MS);
  }

  /** Closes with a code; a peer that does not complete the close handshake in time is cut off. */
  shut(code: number, reason: string, graceMs = CLOSE_GRACE_MS): void {
    if (this.closing) return;
    this.closing = true;
    this.endSubscriptions();
    this.ws.close(code, reason);
    this.terminateTimer = setTimeout(() => this.ws.terminate(), graceMs);
  }

  /**
   * For the heartbeat: a peer that has not answered the last ping is gone. A closing connection is left to its own
   * deadline: a slow client's pong comes only after it has read what was queued before the ping.
   */
  heartbeat(): void {
    if (this.closing) return;
    if (!this.alive) {
      this.log('no pong since the last ping; dropping the connection');
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.closing) return;
    if (!this.greeted) {
      this.greet(data, isBinary);
      return;
    }
    if (isBinary) {
      this.send(errorMessage('bad_message', 'Clients send text (JSON) messages only; a binary frame arrived'));
      return;
    }
    let message: ClientMessage;
    try {
      message = decodeClientMessage(asText(data), this.context.config.limits.maxMessageBytes);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.dispatch(message);
  }

  private greet(data: RawData, isBinary: boolean): void {
    let message: ClientMessage | undefined;
    let why = 'a binary frame arrived';
    if (!isBinary) {
      try {
        message = decodeClientMessage(asText(data), this.context.config.limits.maxMessageBytes);
        why = `a ${message.type} arrived`;
      } catch (error) {
        why = (error as Error).message;
      }
    }
    const { config, sessions, serverVersion } = this.context;
    const hello = admitHello(message, why, config.token);
    if ('code' in hello) {
      this.reject(hello.code, hello.message, hello.closeCode, hello.details);
      return;
    }
    clearTimeout(this.helloTimer);
    this.greeted = true;
    this.encoding = hello.encoding ?? 'json';
    this.send(helloAnswer(hello, sessions, config, serverVersion));
    this.log(`hello from ${hello.client ?? 'a client'} (${this.encoding})`);
  }

  private reject(code: ErrorCode, message: string, closeCode: number, details?: Record<string, unknown>): void {
    this.log(`refused: ${message}`);
    this.send(errorMessage(code, message, { details }));
    this.shut(closeCode, code);
  }

  private dispatch(message: ClientMessage): void {
    const id = 'id' in message ? message.id : undefined;
    const subscription = 'subscription' in message ? message.subscription : undefined;
    let handled: void | Promise<void>;
    try {
      handled = this.handle(message);
    } catch (error) {
      this.fail(error, id, subscription);
      return;
    }
    handled?.catch((error) => this.fail(error, id, subscription));
  }

  private handle(message: ClientMessage): void | Promise<void> {
    const { sessions, config } = this.context;
    switch (message.type) {
      case 'hello':
        throw new ProtocolError('bad_message', 'The connection has already said hello');
      case 'ping':
        return this.send({ type: 'pong', id: message.id, time: config.clock() });
      case 'catalog':
        return this.send(catalogAnswer(message, sessions, config.clock()));
      case 'subscribe':
        return this.subscribe(message);
      case 'unsubscribe': {
        const subscription = this.subscriptions.get(message.subscription);
        if (!subscription) {
          throw new ProtocolError(
            'unknown_subscription',
            `No subscription ${JSON.stringify(message.subscription)} on this connection`,
          );
        }
        subscription.close();
        const response: ControlMessage = { type: 'unsubscribed', subscription: message.subscription };
        if (message.id !== undefined) response.id = message.id;
        return this.send(response);
      }
      case 'query': {
        const feed = sessions.resolve(message.session);
        return this.queryTurn(() =>
          runQuery(message, feed, this, { limits: config.limits, now: config.clock(), encoding: this.encoding }),
        );
      }
      case 'laps':
        return this.send(lapsAnswer(message, sessions, config.clock()));
      case 'events':
        return this.send(eventsAnswer(message, sessions));
    }
  }

  /**
   * Runs a query in its turn of the server-wide scheduler: a query holds up to one car's rows while its client reads,
   * so this bounds what the server holds, and no client's queries crowd out another's.
   */
  private async queryTurn(run: () => Promise<void>): Promise<void> {
    await this.context.queries.run(this, async () => {
      if (this.open) await run();
    });
  }

  private subscribe(request: SubscribeRequest): void {
    const { sessions, config } = this.context;
    if (this.subscriptions.has(request.subscription)) {
      throw new ProtocolError(
        'duplicate_subscription',
        `Subscription ${JSON.stringify(request.subscription)} is already open`,
      );
    }
    if (this.subscriptions.size >= config.limits.maxSubscriptions) {
      throw new ProtocolError(
        'too_many_subscriptions',
        `A connection may hold ${config.limits.maxSubscriptions} subscriptions`,
        {
          limit: config.limits.maxSubscriptions,
        },
      );
    }
    const feed = sessions.resolve(request.session);
    const cars = selectCars(feed.source, request.cars);
    const channels = selectChannels(feed.source, request.channels);
    if (request.resume && request.resume.epoch !== feed.epoch) {
      throw new ProtocolError(
        'epoch_changed',
        `Session ${feed.id} has epoch ${feed.epoch}, not ${request.resume.epoch}; subscribe again without resume`,
        { epoch: feed.epoch },
      );
    }
    feed.advance();
    if (request.resume && request.resume.seq > feed.newestSeq) {
      // Waiting for the session to catch up would stall silently, forever for a recorded session.
      const { seq } = request.resume;
      throw new ProtocolError(
        'resume_ahead',
        `Session ${feed.id} has no batch ${seq} (its newest is ${feed.newestSeq}): the batches this client had are not ` +
          'the ones the server holds; subscribe again without resume',
        { seq, newestSeq: feed.newestSeq, epoch: feed.epoch },
      );
    }
    const firstSeq = request.resume ? request.resume.seq + 1 : feed.newestSeq + 1;
    const spec = {
      id: request.subscription,
      cars: request.cars ? new Set(cars) : null,
      channels,
      maxRateHz: request.maxRateHz,
      events: request.events ?? false,
    };
    const subscription = new Subscription(spec, this, feed, firstSeq, (ended) => {
      if (this.subscriptions.get(ended.id) === ended) this.subscriptions.delete(ended.id);
    });
    this.subscriptions.set(subscription.id, subscription);
    const lost = subscription.skipLost();
    this.send({
      type: 'subscribed',
      id: request.id,
      subscription: subscription.id,
      session: feed.id,
      epoch: feed.epoch,
      cars,
      channels: [...channels],
      nextSeq: subscription.next,
      batchMs: feed.batchMs,
    });
    if (lost) subscription.reportLost(lost);
    subscription.pump();
  }

  private fail(error: unknown, id?: string, subscription?: string): void {
    if (error instanceof ProtocolError) {
      const { id: detailId, ...rest } = error.details ?? {};
      const details = Object.keys(rest).length > 0 ? rest : undefined;
      const requestId = id ?? (typeof detailId === 'string' ? detailId : undefined);
      this.send(errorMessage(error.code, error.message, { id: requestId, subscription, details }));
      return;
    }
    this.log(`internal error: ${(error as Error)?.stack ?? error}`);
    this.send(
      errorMessage('internal', `The server failed while handling this request: ${(error as Error)?.message ?? error}`, {
        id,
        subscription,
      }),
    );
  }

  private endSubscriptions(): void {
    for (const subscription of [...this.subscriptions.values()]) subscription.close();
    this.subscriptions.clear();
  }

  private cleanUp(): void {
    this.closing = true;
    clearTimeout(this.helloTimer);
    clearTimeout(this.terminateTimer);
    this.out.discard();
    this.endSubscriptions();
    this.onClosed(this);
    this.settleClosed();
  }
}
