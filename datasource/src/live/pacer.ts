/**
 * Coalesces "something changed" into at most one call of `emit` per interval, however fast data arrives: the first
 * change after a quiet spell is emitted on the next tick, later ones wait for the interval to pass.
 */
export class Pacer {
  private timer?: ReturnType<typeof setTimeout>;
  private last = -Infinity;
  private stopped = false;
  private emitted = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly emit: () => void,
  ) {}

  /** Emissions so far. */
  get count(): number {
    return this.emitted;
  }

  request(): void {
    if (this.timer !== undefined || this.stopped) return;
    const wait = Math.max(0, this.last + this.intervalMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.stopped) return;
      this.last = performance.now();
      this.emitted++;
      this.emit();
    }, wait);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
