/** Clocks for the server under test: one the test moves by hand, one that runs faster than real time. */
export class ManualClock {
  constructor(public now: number) {}
  readonly read = (): number => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
  /** Advances by `stepMs` every `everyMs` of real time until the returned function is called. */
  drive(stepMs: number, everyMs: number): () => void {
    const timer = setInterval(() => this.advance(stepMs), everyMs);
    return () => clearInterval(timer);
  }
}

/** A clock running `speed` times real time from `start`; `jump` moves it ahead at once. */
export class FastClock {
  private offset = 0;
  private readonly realStart = performance.now();
  constructor(
    private readonly start: number,
    private readonly speed: number,
  ) {}
  readonly read = (): number => this.start + this.offset + (performance.now() - this.realStart) * this.speed;
  jump(ms: number): void {
    this.offset += ms;
  }
}
