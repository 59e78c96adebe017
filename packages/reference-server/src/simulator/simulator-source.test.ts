import { CHANNELS } from '@eracing/telemetry-core/channels';
import { createSimulatorSource, type SimulatorSource } from './simulator-source';

const startTime = Date.UTC(2026, 2, 14, 10);
const MINUTE = 60e3;

function bytes(source: SimulatorSource, seq: number): Buffer {
  const batch = source.batch(seq);
  const parts = [batch.time, ...CHANNELS.map((c) => batch.channels[c.name])];
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
}

describe('simulator source', () => {
  const source = createSimulatorSource({ seed: 5, startTime, cars: 6 });

  it('describes a live session on the simulated circuit', () => {
    expect(source.summary).toMatchObject({ id: 'live', kind: 'live', live: true, startTime, carCount: 6 });
    expect(source.summary.name).toBe(`Live session — ${source.track.name}`);
    expect(source.cars.map((c) => c.id)).toEqual(['1', '22', '7', '48', '13', '94']);
    expect(new Set(source.cars.map((c) => c.colour)).size).toBe(6);
    expect(source.channels.map((c) => c.name)).toEqual(CHANNELS.map((c) => c.name));
    expect(source.epoch).toMatch(/^[0-9a-f]{16}$/);
    expect(
      createSimulatorSource({ seed: 5, startTime, cars: 20 })
        .cars.map((c) => (c.number - 1) % 20)
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('derives the epoch from seed, start and car count only', () => {
    expect(createSimulatorSource({ seed: 5, startTime, cars: 6 }).epoch).toBe(source.epoch);
    expect(createSimulatorSource({ seed: 6, startTime, cars: 6 }).epoch).not.toBe(source.epoch);
    expect(createSimulatorSource({ seed: 5, startTime: startTime + 1, cars: 6 }).epoch).not.toBe(source.epoch);
    expect(createSimulatorSource({ seed: 5, startTime, cars: 7 }).epoch).not.toBe(source.epoch);
  });

  it('numbers batches from the session start', () => {
    expect(source.lastSeq(startTime + 99)).toBe(-1);
    expect(source.lastSeq(startTime + 100)).toBe(0);
    expect(source.lastSeq(startTime + 250)).toBe(1);
    expect(() => source.batch(-1)).toThrow(RangeError);
  });

  it('fills a batch with the exact 100 ms window of every car, grouped by car, every channel typed as catalogued', () => {
    const seq = 4321;
    const batch = source.batch(seq);
    expect(batch.time.length).toBe(60);
    expect(batch.cars).toEqual(source.cars.map((c, i) => ({ car: c.id, start: i * 10, length: 10 })));
    for (const run of batch.cars) {
      for (let i = 0; i < 10; i++) expect(batch.time[run.start + i]).toBe(startTime + seq * 100 + i * 10);
    }
    for (const channel of CHANNELS) {
      const column = batch.channels[channel.name];
      expect(column).toBeInstanceOf(channel.type === 'f64' ? Float64Array : Float32Array);
      expect(column.length).toBe(60);
      for (const value of column) expect(Number.isFinite(value)).toBe(true);
    }
    expect(Object.keys(batch.channels)).toHaveLength(CHANNELS.length);
  });

  it('tiles time with consecutive batches, without gap or overlap', () => {
    const a = source.batch(900);
    const b = source.batch(901);
    for (const run of a.cars) {
      const next = b.cars.find((r) => r.car === run.car)!;
      expect(b.time[next.start] - a.time[run.start + run.length - 1]).toBe(10);
    }
  });

  it('gives the same samples from range() as from batches', () => {
    const from = startTime + 1234 * 100;
    const range = source.range(from, from + 300, ['7', 'nope', '1']);
    expect(range.cars.map((r) => r.car)).toEqual(['1', '7']);
    const batch = source.batch(1236);
    const car7 = batch.cars.find((r) => r.car === '7')!;
    const run7 = range.cars[1];
    for (const channel of CHANNELS) {
      expect(Array.from(range.channels[channel.name].slice(run7.start + 20, run7.start + 30))).toEqual(
        Array.from(batch.channels[channel.name].slice(car7.start, car7.start + 10)),
      );
    }
    // Bounds: from inclusive, to exclusive, off-grid times round up to the grid.
    const odd = source.range(from + 5, from + 31, ['1']);
    expect(Array.from(odd.time)).toEqual([from + 10, from + 20, from + 30]);
  });

  it('is deterministic: identical bytes from a new instance, different with another seed', () => {
    const again = createSimulatorSource({ seed: 5, startTime, cars: 6 });
    for (const seq of [0, 1777, 6000, 21_000]) expect(bytes(again, seq).equals(bytes(source, seq))).toBe(true);
    const other = createSimulatorSource({ seed: 99, startTime, cars: 6 });
    expect(bytes(other, 6000).equals(bytes(source, 6000))).toBe(false);
  });

  it('runs stints: out-lap from the pit lane, flying laps, in-lap and a stop, within the first 20 minutes', () => {
    const laps = source.laps(startTime + 20 * MINUTE);
    for (const car of source.cars) {
      const mine = laps.filter((l) => l.car === car.id);
      expect(mine[0]).toMatchObject({ lap: 1, startTime, valid: false, flags: { outLap: true, pit: true } });
      expect(mine.map((l) => l.lap)).toEqual(mine.map((_, i) => i + 1));
      expect(mine[mine.length - 1].flags.incomplete).toBe(true);
      for (const lap of mine.slice(0, -1)) {
        expect(lap.flags.incomplete).toBe(false);
        expect(lap.valid).toBe(!lap.flags.outLap && !lap.flags.inLap);
        expect(lap.sectorTimes).toHaveLength(3);
        expect(lap.sectorTimes.reduce((a, b) => a + b, 0)).toBeCloseTo(lap.lapTime!, 9);
        expect(lap.endTime! - lap.startTime).toBeCloseTo(lap.lapTime! * 1000, 3);
        expect(lap.energyUsed).toBeGreaterThan(lap.energyRegen!);
      }
    }
    const stints = laps.filter((l) => l.flags.inLap && !l.flags.incomplete);
    expect(stints.length).toBeGreaterThanOrEqual(3);
    const afterStop = laps.filter((l) => l.flags.outLap && l.lap > 1);
    expect(afterStop.length).toBeGreaterThanOrEqual(2);
    for (const out of afterStop) {
      const inLap = laps.find((l) => l.car === out.car && l.lap === out.lap - 1)!;
      expect(inLap.flags.inLap).toBe(true);
      expect(out.startTime).toBe(inLap.endTime);
    }
  });

  it('reports laps, sectors, pit lane visits and flags as events', () => {
    const to = startTime + 20 * MINUTE;
    const events = source.events(startTime, to);
    expect(events[0]).toMatchObject({ time: startTime, kind: 'flag', flag: 'green' });
    for (let i = 1; i < events.length; i++) expect(events[i].time).toBeGreaterThanOrEqual(events[i - 1].time);
    const laps = source.laps(to).filter((l) => !l.flags.incomplete);
    const lapEvents = events.filter((e) => e.kind === 'lap');
    expect(lapEvents.length).toBe(laps.length);
    for (const lap of laps) {
      const event = lapEvents.find((e) => e.car === lap.car && e.lap === lap.lap)!;
      expect(event.time).toBe(lap.endTime);
      expect(event.duration).toBeCloseTo(lap.lapTime!, 9);
      const sectors = events.filter((e) => e.kind === 'sector' && e.car === lap.car && e.lap === lap.lap);
      expect(sectors.map((e) => e.duration)).toEqual(lap.sectorTimes);
    }
    const pitIns = events.filter((e) => e.kind === 'pit_in');
    expect(pitIns.length).toBe(laps.filter((l) => l.flags.inLap).length);
    expect(events.filter((e) => e.kind === 'pit_out').length).toBeGreaterThanOrEqual(6);
    const window = source.events(startTime + 5 * MINUTE, startTime + 6 * MINUTE);
    expect(window).toEqual(events.filter((e) => e.time >= startTime + 5 * MINUTE && e.time < startTime + 6 * MINUTE));
  });

  it('samples the 100 Hz lap distance from the exact motion (ground truth within 0.5 ms)', () => {
    const laps = source.laps(startTime + 30 * MINUTE).filter((l) => !l.flags.incomplete);
    for (const lap of [
      laps.find((l) => l.valid)!,
      laps.find((l) => l.flags.inLap)!,
      laps.filter((l) => l.flags.outLap)[8],
    ]) {
      const truth = source.groundTruth(lap.car, lap.lap);
      expect(truth.startTime).toBe(lap.startTime);
      expect(truth.lapLength).toBeCloseTo(lap.length! + (lap.lap === 1 ? 0 : 0), 6);
      const batch = source.range(lap.startTime, lap.endTime!, [lap.car]);
      const { lap_distance: distance, speed } = batch.channels;
      let worst = 0;
      let checked = 0;
      for (let i = 1; i < distance.length; i++) {
        // Interpolate where the car moves between two samples (time is ambiguous while it stands still).
        if (speed[i - 1] < 1 || speed[i] < 1) continue;
        const s = (distance[i - 1] + distance[i]) / 2;
        const t = batch.time[i - 1] + ((s - distance[i - 1]) / (distance[i] - distance[i - 1])) * 10;
        worst = Math.max(worst, Math.abs(t - (truth.startTime + truth.timeAtDistance(s) * 1000)));
        checked++;
      }
      expect(checked).toBeGreaterThan(5000);
      expect(worst).toBeLessThan(0.5);
      expect(truth.timeAtDistance(truth.lapLength) * 1000).toBeCloseTo(lap.endTime! - lap.startTime, 3);
      expect(truth.timeAtDistance(truth.lapLength + 1)).toBeNaN();
    }
  });

  it('starts late as fast as early and agrees with a source that ran from the start', () => {
    const now = startTime + 3 * 60 * MINUTE;
    const early = createSimulatorSource({ seed: 5, startTime, cars: 2 });
    for (let s = 0; s < 3000; s += 10) early.batch(s);
    early.laps(startTime + 30 * MINUTE);
    const began = performance.now();
    const late = createSimulatorSource({ seed: 5, startTime, cars: 2, now });
    const seq = late.lastSeq(now);
    const lateBytes = bytes(late, seq);
    expect(performance.now() - began).toBeLessThan(2000);
    expect(lateBytes.equals(bytes(early, seq))).toBe(true);
    expect(bytes(late, seq - 3000).equals(bytes(early, seq - 3000))).toBe(true);
    expect(late.laps(now)).toEqual(early.laps(now));
    expect(late.events(now - 10 * MINUTE, now)).toEqual(early.events(now - 10 * MINUTE, now));
  });

  it('keeps temperatures, pressures and energy in plausible ranges over a long session', () => {
    const batch = source.range(startTime + 2 * 60 * MINUTE, startTime + 2 * 60 * MINUTE + 4 * MINUTE, ['22']);
    for (const channel of CHANNELS) {
      const column = batch.channels[channel.name];
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of column) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      if (channel.name === 'x' || channel.name === 'y' || channel.name === 'lat' || channel.name === 'lon') continue;
      expect([channel.name, lo >= channel.min && hi <= channel.max]).toEqual([channel.name, true]);
    }
  });
});
