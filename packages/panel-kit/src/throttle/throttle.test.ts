import { Throttle } from './throttle';

describe('Throttle', () => {
  let now = 0;
  beforeEach(() => {
    jest.useFakeTimers();
    now = 1000;
  });
  afterEach(() => jest.useRealTimers());
  const advance = (ms: number) => {
    now += ms;
    jest.advanceTimersByTime(ms);
  };

  it('runs the first request at once and coalesces the next ones into one run after the interval', () => {
    const throttle = new Throttle(100, () => now);
    const runs: number[] = [];
    throttle.request(() => runs.push(1));
    expect(runs).toEqual([1]);
    advance(10);
    throttle.request(() => runs.push(2));
    advance(10);
    throttle.request(() => runs.push(3));
    expect(runs).toEqual([1]);
    advance(79);
    expect(runs).toEqual([1]);
    advance(1);
    expect(runs).toEqual([1, 3]);
  });

  it('runs at once again after a quiet interval', () => {
    const throttle = new Throttle(100, () => now);
    const runs: number[] = [];
    throttle.request(() => runs.push(1));
    advance(150);
    throttle.request(() => runs.push(2));
    expect(runs).toEqual([1, 2]);
  });

  it('flush runs a waiting request now; cancel drops it', () => {
    const throttle = new Throttle(100, () => now);
    const runs: number[] = [];
    throttle.request(() => runs.push(1));
    throttle.request(() => runs.push(2));
    throttle.flush();
    expect(runs).toEqual([1, 2]);
    throttle.request(() => runs.push(3));
    throttle.cancel();
    advance(500);
    expect(runs).toEqual([1, 2]);
  });
});
