import { yellowFlagsBetween } from './flags';
import { createSimulatorSource } from './simulator-source';

describe('flags', () => {
  const startTime = Date.UTC(2026, 3, 3, 13);
  const source = createSimulatorSource({ seed: 8, startTime, cars: 1 });
  const flags = yellowFlagsBetween(8, source.circuit, 0, 6 * 3600);

  it('waves a yellow flag now and then, in one sector, for a while', () => {
    expect(flags.length).toBeGreaterThan(10);
    expect(flags.length).toBeLessThan(36);
    for (const flag of flags) {
      expect(flag.end - flag.start).toBeGreaterThanOrEqual(15);
      expect(flag.end - flag.start).toBeLessThanOrEqual(90);
      expect([1, 2, 3]).toContain(flag.sector);
    }
    expect(yellowFlagsBetween(8, source.circuit, 3600, 7200)).toEqual(
      flags.filter((f) => f.end >= 3600 && f.start < 7200),
    );
  });

  it('reports each yellow flag and the green that ends it as session events', () => {
    const first = flags[0];
    const events = source
      .events(startTime + first.start * 1000 - 1000, startTime + first.end * 1000 + 1000)
      .filter((e) => e.kind === 'flag');
    expect(events).toEqual([
      expect.objectContaining({ time: startTime + first.start * 1000, flag: 'yellow', sector: first.sector }),
      expect.objectContaining({ time: startTime + first.end * 1000, flag: 'green', sector: first.sector }),
    ]);
    expect(events[0].car).toBeUndefined();
    expect(events[0].text).toContain(`sector ${first.sector}`);
  });
});
