import type { WebSocket } from 'ws';

/** How often held messages are offered to the socket again. */
const FLUSH_POLL_MS = 5;

/**
 * What a connection sends, in order. Messages go to the socket while its own buffer is under `writeAheadBytes`; beyond
 * that they are held here whole. A client dropped for reading too slowly then has only the write-ahead (and what the
 * network holds) to read before it sees why: the held messages are discarded, not sent ahead of the notice.
 */
export class OutQueue {
  private held: Array<{ data: string | Uint8Array; bytes: number }> = [];
  private head = 0;
  private heldBytes = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly ws: WebSocket,
    private readonly writeAheadBytes: number,
  ) {}

  /** Bytes not yet handed to the network: in the socket's buffer and held here. */
  get bufferedAmount(): number {
    return this.ws.bufferedAmount + this.heldBytes;
  }

  send(data: string | Uint8Array): void {
    if (this.head === this.held.length && this.ws.bufferedAmount < this.writeAheadBytes) {
      this.ws.send(data);
      return;
    }
    const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    this.held.push({ data, bytes });
    this.heldBytes += bytes;
    this.timer ??= setTimeout(this.flush, FLUSH_POLL_MS);
  }

  /** Drops every held message (never a part of one) and returns their bytes. */
  discard(): number {
    const dropped = this.heldBytes;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.held = [];
    this.head = 0;
    this.heldBytes = 0;
    return dropped;
  }

  private readonly flush = (): void => {
    this.timer = undefined;
    if (this.ws.readyState !== this.ws.OPEN) {
      this.discard();
      return;
    }
    while (this.head < this.held.length && this.ws.bufferedAmount < this.writeAheadBytes) {
      const { data, bytes } = this.held[this.head];
      this.held[this.head++] = undefined as never;
      this.heldBytes -= bytes;
      this.ws.send(data);
    }
    if (this.head === this.held.length) {
      this.held = [];
      this.head = 0;
    } else {
      if (this.head > 1024) {
        this.held = this.held.slice(this.head);
        this.head = 0;
      }
      this.timer = setTimeout(this.flush, FLUSH_POLL_MS);
    }
  };
}
