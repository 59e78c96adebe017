/**
 * Coalesces "something changed" into at most one call of `emit` per interval, however fast data arrives: the first
 * change after a quiet spell is emitted on the next tick, later ones wait for the interval to pass.
 *
 * Pacers may share an {@link EmissionClock}: then everything due fires in one task, so a dashboard's live queries
 * update together and React renders the page once per tick instead of once per query. A pacer slower than its
 * clock fires on the first tick after its own interval has passed.
 */
export class Pacer {
  private stopped = false;
  private last = -Infinity;

  constructor(
    private readonly intervalMs: number,
    private readonly emit: () => void,
    private readonly clock = new EmissionClock(intervalMs),
  ) {}

  request(): void {
    if (!this.stopped) this.clock.schedule(this);
  }

  stop(): void {
    this.stopped = true;
    this.clock.cancel(this);
  }

  /** Called by the clock at `now`: false when this pacer's own interval has not passed yet (it stays due). */
  fire(now: number): boolean {
    if (this.stopped) return true;
    // Half a clock tick of slack: a tick that comes a little early must not push the emission a whole tick later.
    if (now - this.last < this.intervalMs - this.clock.intervalMs / 2) return false;
    this.last = now;
    this.emit();
    return true;
  }
}

/** One timer for many pacers: at most one tick per interval, and every pacer due fires in it. */
export class EmissionClock {
  private timer?: ReturnType<typeof setTimeout>;
  private last = -Infinity;
  private readonly due = new Set<Pacer>();

  constructor(readonly intervalMs: number) {}

  schedule(pacer: Pacer): void {
    this.due.add(pacer);
    this.arm();
  }

  cancel(pacer: Pacer): void {
    this.due.delete(pacer);
    if (this.due.size === 0 && this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private arm(): void {
    if (this.timer !== undefined || this.due.size === 0) return;
    const wait = Math.max(0, this.last + this.intervalMs - performance.now());
    this.timer = setTimeout(() => this.tick(), wait);
  }

  private tick(): void {
    this.timer = undefined;
    const now = (this.last = performance.now());
    let failure: unknown;
    for (const pacer of [...this.due]) {
      // One consumer's error must not keep the others from their data; it is rethrown once they have it.
      try {
        if (pacer.fire(now)) this.due.delete(pacer);
      } catch (error) {
        this.due.delete(pacer);
        failure ??= error;
      }
    }
    this.arm();
    if (failure !== undefined) {
      const error = failure;
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

const sharedClocks = new Map<number, EmissionClock>();

/** The clock every live query of the page with this interval shares. */
export function sharedClock(intervalMs: number): EmissionClock {
  let clock = sharedClocks.get(intervalMs);
  if (!clock) sharedClocks.set(intervalMs, (clock = new EmissionClock(intervalMs)));
  return clock;
}
