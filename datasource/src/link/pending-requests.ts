/**
 * The requests a link has sent, or sends once its socket is open, each waiting for its answer by id: the answer of
 * its type resolves it, an `error` that names it rejects it, and so does a silence of the request timeout (for a
 * history query: between two of its batches).
 */
import type { CompleteResponse, ControlMessage, ErrorMessage, TelemetryBatch } from '@eracing/telemetry-core/protocol';

import { ServerError } from './server-error';

export interface QueryAnswer {
  batches: TelemetryBatch[];
  complete: CompleteResponse;
}

interface Pending {
  message: Record<string, unknown> & { id: string };
  answers: ControlMessage['type'];
  batches?: TelemetryBatch[];
  resolve(answer: unknown): void;
  reject(error: Error): void;
  timer?: ReturnType<typeof setTimeout>;
}

export class PendingRequests {
  private readonly waiting = new Map<string, Pending>();

  constructor(
    private readonly timeoutMs: number,
    /** Sends a message on the socket, when it is open. */
    private readonly send: (message: Record<string, unknown>) => void,
    /** Called after each request is settled. */
    private readonly settled: () => void,
  ) {}

  get size(): number {
    return this.waiting.size;
  }

  /**
   * Waits for the answer of type `answers` to `message`; `batches` collects a query's batches up to its `complete`.
   * `sendNow`: the socket is open, so the request goes at once; otherwise with the others on `sendAll`.
   */
  add(
    message: Record<string, unknown> & { id: string },
    answers: ControlMessage['type'],
    batches: TelemetryBatch[] | undefined,
    sendNow: boolean,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const pending: Pending = { message, answers, batches, resolve, reject };
      this.waiting.set(message.id, pending);
      if (sendNow) this.sendPending(pending);
    });
  }

  /** The socket has opened: every request waiting goes. */
  sendAll(): void {
    for (const pending of this.waiting.values()) this.sendPending(pending);
  }

  rejectAll(failure: Error): void {
    for (const pending of [...this.waiting.values()]) this.finish(pending, () => pending.reject(failure));
  }

  /** A batch of the query `id`: collected, and the query's timeout starts again. */
  batch(id: string, batch: TelemetryBatch): void {
    const pending = this.waiting.get(id);
    if (!pending?.batches) return;
    pending.batches.push(batch);
    this.armTimeout(pending);
  }

  /** An answer naming a request: settles it when it is the type the request waits for. */
  answer(message: ControlMessage & { id: string }): void {
    const pending = this.waiting.get(message.id);
    if (!pending || pending.answers !== message.type) return;
    const answer = message.type === 'complete' ? { batches: pending.batches, complete: message } : message;
    this.finish(pending, () => pending.resolve(answer));
  }

  /** An error answer: rejects the request it names. False when it names none waiting here. */
  fail(error: ErrorMessage): boolean {
    const pending = error.id === undefined ? undefined : this.waiting.get(error.id);
    if (!pending) return false;
    this.finish(pending, () => pending.reject(new ServerError(error)));
    return true;
  }

  /** A message that failed to decode: a reply that still names its request fails that request. */
  malformed(data: unknown, error: Error): void {
    if (typeof data !== 'string') return;
    const id = /"id"\s*:\s*"([^"]{1,64})"/.exec(data)?.[1];
    const pending = id === undefined ? undefined : this.waiting.get(id);
    if (pending)
      this.finish(pending, () => pending.reject(new Error(`The server's answer is malformed: ${error.message}`)));
  }

  private sendPending(pending: Pending): void {
    this.send(pending.message);
    this.armTimeout(pending);
  }

  private armTimeout(pending: Pending): void {
    clearTimeout(pending.timer);
    const seconds = this.timeoutMs / 1000;
    pending.timer = setTimeout(
      () =>
        this.finish(pending, () =>
          pending.reject(
            new Error(`The server did not answer the ${String(pending.message.type)} within ${seconds} s.`),
          ),
        ),
      this.timeoutMs,
    );
  }

  private finish(pending: Pending, settle: () => void): void {
    clearTimeout(pending.timer);
    this.waiting.delete(pending.message.id);
    settle();
    this.settled();
  }
}
