/**
 * At most one run per interval, however often it is asked for: the first request after a quiet spell runs at once,
 * later ones wait for the interval to pass and then run once with whatever was asked for last. `flush` runs a
 * waiting request now (a change that must show at once, such as a resize).
 */
export class Throttle {
  private last = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: (() => void) | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  request(run: () => void): void {
    this.pending = run;
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const run = this.pending;
    this.pending = undefined;
    if (!run) return;
    this.last = this.now();
    run();
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }
}
