/**
 * History queries share the server: at most `limit` run at once server-wide, and each connection at most
 * `perConnection`. Waiting queries are taken round-robin over the connections that have any, so one client firing
 * a hundred queries delays another client's one query by at most one turn.
 */
type Turn = () => void;

export class QueryScheduler {
  private running = 0;
  private readonly runningBy = new Map<object, number>();
  /** Connections with waiting queries, in turn order. */
  private readonly waiting = new Map<object, Turn[]>();

  constructor(
    readonly limit: number,
    readonly perConnection: number,
  ) {}

  /** Runs `task` when its turn comes. */
  async run<T>(owner: object, task: () => Promise<T>): Promise<T> {
    if (!this.canStart(owner)) {
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(owner);
        if (queue) queue.push(resolve);
        else this.waiting.set(owner, [resolve]);
      });
    } else this.start(owner);
    try {
      return await task();
    } finally {
      this.running--;
      const left = (this.runningBy.get(owner) ?? 1) - 1;
      if (left) this.runningBy.set(owner, left);
      else this.runningBy.delete(owner);
      this.next();
    }
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    let n = 0;
    for (const queue of this.waiting.values()) n += queue.length;
    return n;
  }

  private canStart(owner: object): boolean {
    return this.running < this.limit && (this.runningBy.get(owner) ?? 0) < this.perConnection;
  }

  private start(owner: object): void {
    this.running++;
    this.runningBy.set(owner, (this.runningBy.get(owner) ?? 0) + 1);
  }

  /** Starts waiting queries, one per connection per pass, the connection moved to the back after its turn. */
  private next(): void {
    for (const [owner, queue] of [...this.waiting]) {
      if (this.running >= this.limit) return;
      if (!this.canStart(owner)) continue;
      const turn = queue.shift()!;
      this.waiting.delete(owner);
      if (queue.length) this.waiting.set(owner, queue);
      this.start(owner);
      turn();
    }
  }
}
