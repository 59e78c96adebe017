import { EmissionClock, Pacer } from './pacer';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Pacer', () => {
  it('emits a burst of changes once, then at most once per interval', async () => {
    let emitted = 0;
    const pacer = new Pacer(100, () => emitted++);
    for (let i = 0; i < 1000; i++) pacer.request();
    await sleep(10);
    expect(emitted).toBe(1);
    const until = performance.now() + 450;
    while (performance.now() < until) {
      pacer.request();
      await sleep(1);
    }
    await sleep(120);
    expect(emitted).toBeGreaterThanOrEqual(2);
    expect(emitted).toBeLessThanOrEqual(6);
    const beforeStop = emitted;
    pacer.request();
    pacer.stop();
    await sleep(150);
    expect(emitted).toBe(beforeStop);
  });
});

describe('EmissionClock', () => {
  it('fires every pacer that is due in one task, at most once per interval', async () => {
    const clock = new EmissionClock(100);
    const log: string[] = [];
    const a = new Pacer(100, () => log.push(`a@${tasks}`), clock);
    const b = new Pacer(100, () => log.push(`b@${tasks}`), clock);
    const c = new Pacer(100, () => log.push(`c@${tasks}`), clock);
    // Count macrotasks: pacers firing in one task see the same count.
    let tasks = 0;
    const counter = setInterval(() => tasks++, 1);
    a.request();
    await sleep(30);
    expect(log).toHaveLength(1);
    b.request();
    c.request();
    a.request();
    await sleep(40);
    expect(log).toHaveLength(1); // the interval has not passed
    await sleep(60);
    clearInterval(counter);
    const second = log.slice(1);
    expect(second.map((entry) => entry[0]).sort()).toEqual(['a', 'b', 'c']);
    expect(new Set(second.map((entry) => entry.slice(2))).size).toBe(1);
    expect(['a', 'b', 'c'].map((name) => log.filter((entry) => entry[0] === name).length)).toEqual([2, 1, 1]);
  });

  it('keeps the others going when one consumer throws, and drops a stopped pacer', async () => {
    const clock = new EmissionClock(10);
    let good = 0;
    const bad = new Pacer(
      10,
      () => {
        throw new Error('a consumer failed');
      },
      clock,
    );
    const ok = new Pacer(10, () => good++, clock);
    const stopped = new Pacer(10, () => (good += 100), clock);
    const errors: unknown[] = [];
    const rethrown = jest.spyOn(globalThis, 'queueMicrotask').mockImplementation((task) => {
      try {
        task();
      } catch (error) {
        errors.push(error);
      }
    });
    bad.request();
    ok.request();
    stopped.request();
    stopped.stop();
    await sleep(30);
    rethrown.mockRestore();
    expect(good).toBe(1);
    expect(errors).toEqual([new Error('a consumer failed')]);
  });
});

describe('a pacer slower than its clock', () => {
  it('fires on the clock’s ticks, at its own interval', async () => {
    const clock = new EmissionClock(20);
    const fast: number[] = [];
    const slow: number[] = [];
    const start = performance.now();
    const fastPacer = new Pacer(20, () => fast.push(performance.now() - start), clock);
    const slowPacer = new Pacer(100, () => slow.push(performance.now() - start), clock);
    const until = start + 450;
    while (performance.now() < until) {
      fastPacer.request();
      slowPacer.request();
      await sleep(5);
    }
    fastPacer.stop();
    slowPacer.stop();
    expect(fast.length).toBeGreaterThan(10);
    expect(slow.length).toBeGreaterThanOrEqual(3);
    expect(slow.length).toBeLessThanOrEqual(6);
    // Every slow emission came in a tick of the clock, with a fast one beside it.
    for (const at of slow.slice(1)) expect(fast.some((f) => Math.abs(f - at) < 3)).toBe(true);
  });
});
