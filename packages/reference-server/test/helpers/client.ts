/**
 * A protocol-v1 test client on a real `ws` socket: hello, requests answered by id, queries collected to `complete`,
 * live batches by subscription. Every message from the server is decoded and validated with the core codec; anything
 * that fails validation is kept in `violations`, so a test can assert the server only ever spoke the protocol.
 */
import { decodeServerMessage } from '@eracing/telemetry-core/codec';
import {
  PROTOCOL_VERSION,
  type CompleteResponse,
  type ControlMessage,
  type ErrorMessage,
  type HelloRequest,
  type HelloResponse,
  type TelemetryBatch,
} from '@eracing/telemetry-core/protocol';
import WebSocket from 'ws';

export type Received =
  | { kind: 'batch'; batch: TelemetryBatch; binary: boolean; receivedAt?: number }
  | { kind: 'control'; message: ControlMessage };

export interface ConnectOptions {
  /** Hello fields; false sends no hello. */
  hello?: Partial<HelloRequest> | false;
  origin?: string;
  /** Waits at most this long for any awaited message. Default 5000 ms. */
  timeoutMs?: number;
}

export interface QueryResult {
  batches: TelemetryBatch[];
  complete?: CompleteResponse;
  error?: ErrorMessage;
}

type Control<T extends ControlMessage['type']> = Extract<ControlMessage, { type: T }>;

let nextId = 1;
export const newId = (prefix = 'r') => `${prefix}${nextId++}`;

export class TestClient {
  readonly received: Received[] = [];
  readonly violations: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  hello?: HelloResponse;
  private waiters = new Set<() => void>();

  private constructor(
    readonly ws: WebSocket,
    private readonly timeoutMs: number,
  ) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      try {
        const decoded = decodeServerMessage(isBinary ? new Uint8Array(data) : data.toString('utf8'));
        this.received.push(
          decoded.kind === 'batch' ? { ...decoded, binary: isBinary, receivedAt: Date.now() } : decoded,
        );
      } catch (error) {
        this.violations.push((error as Error).message);
      }
      for (const wake of [...this.waiters]) wake();
    });
    ws.on('error', () => {});
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const wake of [...this.waiters]) wake();
      }),
    );
  }

  /** Opens a socket; with `hello` (the default) completes the handshake and throws if the server refuses it. */
  static async open(url: string, options: ConnectOptions = {}): Promise<TestClient> {
    const ws = new WebSocket(url, options.origin ? { origin: options.origin } : {});
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    });
    const client = new TestClient(ws, options.timeoutMs ?? 5000);
    if (options.hello !== false) {
      client.send({ type: 'hello', protocol: PROTOCOL_VERSION, client: 'test', ...options.hello });
      const reply = await client.waitFor(
        (m) => m.kind === 'control' && (m.message.type === 'hello' || m.message.type === 'error'),
      );
      if (reply.kind === 'control' && reply.message.type === 'hello') client.hello = reply.message;
      else throw new Error(`hello refused: ${JSON.stringify(reply.kind === 'control' ? reply.message : reply)}`);
    }
    return client;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Objects go as JSON text; strings and buffers as they are (buffers as binary frames). */
  send(message: unknown): void {
    this.ws.send(typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message));
  }

  /** The first message from index `from` on that matches, waiting for it to arrive. */
  waitFor(match: (message: Received) => boolean, from = 0, timeoutMs = this.timeoutMs): Promise<Received> {
    return new Promise((resolve, reject) => {
      let scanned = from;
      const check = (): boolean => {
        for (; scanned < this.received.length; scanned++) {
          if (match(this.received[scanned])) {
            done();
            resolve(this.received[scanned]);
            return true;
          }
        }
        if (this.ws.readyState === WebSocket.CLOSED) {
          done();
          reject(new Error('connection closed while waiting'));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms; last messages: ${this.describeTail()}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      const wake = () => void check();
      if (!check()) this.waiters.add(wake);
    });
  }

  /** The control message of type `type` (or an error) answering request `id`. */
  async reply<T extends ControlMessage['type']>(id: string, from = 0): Promise<Control<T> | ErrorMessage> {
    const found = await this.waitFor((m) => m.kind === 'control' && 'id' in m.message && m.message.id === id, from);
    return (found as { message: Control<T> | ErrorMessage }).message;
  }

  /** Sends a request with a fresh id and returns its answer (or the error). */
  async request<T extends ControlMessage['type']>(
    message: Record<string, unknown>,
  ): Promise<Control<T> | ErrorMessage> {
    const id = (message.id as string | undefined) ?? newId();
    const from = this.received.length;
    this.send({ ...message, id });
    return this.reply<T>(id, from);
  }

  /** Like `request`, but fails the test when the answer is an error. */
  async expect<T extends ControlMessage['type']>(type: T, message: Record<string, unknown>): Promise<Control<T>> {
    const answer = await this.request<T>(message);
    if (answer.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(answer)}`);
    return answer as Control<T>;
  }

  /** Sends a query and collects its batches up to `complete` or an error. */
  async query(message: Record<string, unknown>): Promise<QueryResult> {
    const id = (message.id as string | undefined) ?? newId('q');
    const from = this.received.length;
    this.send({ type: 'query', ...message, id });
    const end = await this.reply<'complete'>(id, from);
    const batches = this.received
      .slice(from)
      .flatMap((m) => (m.kind === 'batch' && m.batch.query === id ? [m.batch] : []));
    return end.type === 'error' ? { batches, error: end } : { batches, complete: end as CompleteResponse };
  }

  batches(subscription?: string): TelemetryBatch[] {
    return this.received.flatMap((m) =>
      m.kind === 'batch' &&
      m.batch.seq !== undefined &&
      (subscription === undefined || m.batch.subscription === subscription)
        ? [m.batch]
        : [],
    );
  }

  controls<T extends ControlMessage['type']>(type: T): Control<T>[] {
    return this.received.flatMap((m) =>
      m.kind === 'control' && m.message.type === type ? [m.message as Control<T>] : [],
    );
  }

  errors(): ErrorMessage[] {
    return this.controls('error');
  }

  /** Waits until the subscription has delivered batch `seq`. */
  async waitForSeq(subscription: string, seq: number, timeoutMs?: number): Promise<TelemetryBatch> {
    const found = await this.waitFor(
      (m) => m.kind === 'batch' && m.batch.subscription === subscription && (m.batch.seq ?? -1) >= seq,
      0,
      timeoutMs,
    );
    return (found as { batch: TelemetryBatch }).batch;
  }

  /** Stops reading from the socket, as a stalled client would: the server's send queue fills up. */
  pauseReading(): void {
    (this.ws as unknown as { _socket: { pause(): void } })._socket.pause();
  }

  resumeReading(): void {
    (this.ws as unknown as { _socket: { resume(): void } })._socket.resume();
  }

  close(): Promise<{ code: number; reason: string }> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
    return this.closed;
  }

  /** Drops the TCP connection without a close handshake, as a network failure would. */
  cut(): Promise<{ code: number; reason: string }> {
    this.ws.terminate();
    return this.closed;
  }

  private describeTail(): string {
    return JSON.stringify(
      this.received.slice(-3).map((m) => (m.kind === 'batch' ? { data: m.batch.seq ?? m.batch.query } : m.message)),
    ).slice(0, 600);
  }
}

/** Seqs of the batches, asserting helpers can compare against a range. */
export function seqsOf(batches: readonly TelemetryBatch[]): number[] {
  return batches.map((batch) => batch.seq!);
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => from + k);
}
