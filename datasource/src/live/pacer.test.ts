import { Pacer } from './pacer';

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
    expect(pacer.count).toBe(emitted);
    pacer.request();
    pacer.stop();
    await sleep(150);
    expect(pacer.count).toBe(emitted);
  });
});
