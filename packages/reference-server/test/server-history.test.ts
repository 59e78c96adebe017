import type { SampleBatch, TelemetryBatch } from '@eracing/telemetry-core/protocol';
import {
  FIXTURE_CHANNELS,
  FIXTURE_START,
  FixtureSource,
  lapDurationMs,
  SPEED_DIP,
  SPEED_PEAK,
} from './fixtures/fixture-source';
import { TestClient } from './helpers/client';
import { liveFixture, serve, stopAll } from './helpers/server';

afterEach(stopAll);

const reference = new FixtureSource();
const NOW = FIXTURE_START + 60_000;

/** The query's rows of one car, in arrival order, as plain arrays per column. */
function rowsOf(batches: TelemetryBatch[], car: string) {
  const out: { time: number[]; channels: Record<string, number[]> } = { time: [], channels: {} };
  for (const batch of batches) {
    for (const run of batch.cars.filter((r) => r.car === car)) {
      out.time.push(...batch.time.subarray(run.start, run.start + run.length));
      for (const [name, column] of Object.entries(batch.channels)) {
        (out.channels[name] ??= []).push(...column.subarray(run.start, run.start + run.length));
      }
    }
  }
  return out;
}

function column(batch: SampleBatch, name: string): number[] {
  return Array.from(batch.channels[name]);
}

async function setUp(options: Parameters<typeof serve>[0] = {}) {
  const { clock, source } = liveFixture(60);
  const server = await serve({ sessions: [source], clock: clock.read, ...options });
  return { clock, source, client: await TestClient.open(server.url, { hello: { encoding: 'binary' } }) };
}

describe('time-range query', () => {
  it('decimates to maxPoints keeping whole samples, the ends and every peak', async () => {
    const { client } = await setUp();
    const from = FIXTURE_START + 10_000;
    const to = FIXTURE_START + 50_000;
    const result = await client.query({ from, to, maxPoints: 500 });
    expect(result.error).toBeUndefined();
    expect(result.complete).toMatchObject({ session: 'fixture', decimated: true });
    let total = 0;
    for (const car of ['1', '2', '3']) {
      const got = rowsOf(result.batches, car);
      const full = reference.range(from, to, [car]);
      total += got.time.length;
      expect(got.time.length).toBeLessThanOrEqual(500);
      expect(got.time.length).toBeGreaterThan(250);
      expect(got.time[0]).toBe(from);
      expect(got.time[got.time.length - 1]).toBe(to - 10);
      expect(got.time).toEqual([...got.time].sort((a, b) => a - b));
      // Every row is one real instant: all its channels equal the source's at that time.
      const index = new Map(Array.from(full.time).map((t, i) => [t, i]));
      const at = got.time.map((t) => index.get(t)!);
      for (const name of FIXTURE_CHANNELS) expect(got.channels[name]).toEqual(at.map((i) => full.channels[name][i]));
      for (const name of FIXTURE_CHANNELS) {
        const values = column(full, name).filter(Number.isFinite);
        const kept = got.channels[name];
        expect(kept).toContain(Math.max(...values));
        expect(kept).toContain(Math.min(...values));
      }
      expect(got.channels.speed).toContain(SPEED_PEAK);
      expect(got.channels.speed).toContain(SPEED_DIP);
    }
    expect(result.complete!.rows).toBe(total);
    expect(result.batches.every((batch) => batch.query === result.complete!.id && batch.decimated)).toBe(true);
  });

  it('keeps the limit even when maxPoints is tiny, and caps maxPoints at the server limit', async () => {
    const { client } = await setUp({ limits: { maxPoints: 300 } });
    const tiny = await client.query({ from: FIXTURE_START, to: NOW, maxPoints: 5, cars: ['1'] });
    expect(rowsOf(tiny.batches, '1').time.length).toBeLessThanOrEqual(5);
    const capped = await client.query({
      from: FIXTURE_START,
      to: NOW,
      maxPoints: 100_000,
      cars: ['1'],
      channels: ['speed'],
    });
    const rows = rowsOf(capped.batches, '1');
    expect(rows.time.length).toBeLessThanOrEqual(300);
    expect(rows.channels.speed).toContain(SPEED_PEAK);
  });

  it('returns full resolution when the rows fit, and never data newer than the last complete batch', async () => {
    const { client } = await setUp();
    const result = await client.query({ from: FIXTURE_START + 59_000, to: FIXTURE_START + 120_000, maxPoints: 1000 });
    expect(result.complete).toMatchObject({ rows: 300, decimated: false });
    const expected = reference.range(FIXTURE_START + 59_000, NOW, ['2']);
    expect(rowsOf(result.batches, '2').time).toEqual(Array.from(expected.time));
    expect(rowsOf(result.batches, '2').channels.throttle).toEqual(column(expected, 'throttle'));
  });

  it('splits a large answer into chunks paced by the client, that join into the exact range', async () => {
    const { client } = await setUp({ slowClient: { softBytes: 64 * 1024, hardBytes: 8 * 1024 * 1024 } });
    const result = await client.query({ cars: ['1', '3'], channels: ['speed', 'lat'] });
    expect(result.batches.length).toBeGreaterThan(4);
    expect(result.complete).toMatchObject({ rows: 12_000, batches: result.batches.length, decimated: false });
    for (const car of ['1', '3']) {
      const expected = reference.range(FIXTURE_START, NOW, [car]);
      const got = rowsOf(result.batches, car);
      expect(got.time).toEqual(Array.from(expected.time));
      expect(got.channels.lat).toEqual(column(expected, 'lat'));
    }
  });

  it('reads a long range in pieces that join exactly', async () => {
    const { clock, source } = liveFixture(360);
    const server = await serve({ sessions: [source], clock: clock.read });
    const client = await TestClient.open(server.url, { hello: { encoding: 'binary' } });
    const from = FIXTURE_START + 30_000;
    const to = FIXTURE_START + 340_000; // 5 min 10 s: two pieces
    const full = await client.query({ from, to, cars: ['3'], channels: ['lap_distance'] });
    const expected = reference.range(from, to, ['3']);
    expect(full.complete).toMatchObject({ rows: 31_000, decimated: false });
    const got = rowsOf(full.batches, '3');
    // Compared as raw bytes: tens of thousands of rows are too many for a deep equality.
    expect(Buffer.from(Float64Array.from(got.time).buffer).equals(Buffer.from(expected.time.buffer))).toBe(true);
    const distance = Float32Array.from(got.channels.lap_distance);
    expect(Buffer.from(distance.buffer).equals(Buffer.from(expected.channels.lap_distance.buffer))).toBe(true);
    const thin = await client.query({ from, to, cars: ['3'], channels: ['speed'], maxPoints: 400 });
    const speed = rowsOf(thin.batches, '3').channels.speed;
    expect(speed.length).toBeLessThanOrEqual(400);
    expect(speed.filter((v) => v === SPEED_PEAK).length).toBeGreaterThanOrEqual(25);
  });

  it('answers many queries sent at once, each completely and under its own id', async () => {
    const { client } = await setUp({ slowClient: { softBytes: 64 * 1024, hardBytes: 8 * 1024 * 1024 } });
    const spans = [0, 1, 2, 3, 4, 5].map((k) => ({
      from: FIXTURE_START + k * 10_000,
      to: FIXTURE_START + (k + 1) * 10_000,
    }));
    const results = await Promise.all(spans.map((span) => client.query({ ...span, cars: ['2'], channels: ['speed'] })));
    results.forEach((result, k) => {
      expect(result.complete).toMatchObject({ rows: 1000, decimated: false });
      const expected = reference.range(spans[k].from, spans[k].to, ['2']);
      expect(rowsOf(result.batches, '2').channels.speed).toEqual(column(expected, 'speed'));
    });
  });

  it('refuses a reversed range, and a full-resolution range over the row cap', async () => {
    const { client } = await setUp({ limits: { maxLapRows: 500 } });
    const reversed = await client.query({ from: NOW, to: NOW - 1000 });
    expect(reversed.error).toMatchObject({ code: 'bad_range', details: { from: NOW, to: NOW - 1000 } });
    const big = await client.query({ from: FIXTURE_START, to: FIXTURE_START + 10_000 });
    expect(big.error).toMatchObject({ code: 'too_many_rows', details: { limit: 500 } });
    expect(big.batches).toEqual([]);
  });
});

describe('lap query', () => {
  it('returns every sample of the chosen laps, exactly', async () => {
    const { client } = await setUp();
    const result = await client.query({ laps: [2, 3], cars: ['1', '2'] });
    expect(result.error).toBeUndefined();
    for (const [car, index] of [
      ['1', 0],
      ['2', 1],
    ] as const) {
      const got = rowsOf(result.batches, car);
      const lap2 = reference.lapStart(index, 2);
      const lap4 = reference.lapStart(index, 4);
      expect(got.time).toHaveLength((lapDurationMs(index, 2) + lapDurationMs(index, 3)) / 10);
      expect(got.time[0]).toBe(lap2);
      expect(got.time[got.time.length - 1]).toBe(lap4 - 10);
      expect(got.channels.speed).toEqual(column(reference.range(lap2, lap4, [car]), 'speed'));
    }
    const rows = [0, 1].reduce((sum, c) => sum + (lapDurationMs(c, 2) + lapDurationMs(c, 3)) / 10, 0);
    expect(result.complete).toMatchObject({ rows, decimated: false });
    expect(rows).toBe(4090);
  });

  it("'best' picks each car's fastest valid lap, never an out lap or a pit lap", async () => {
    const { client } = await setUp();
    const result = await client.query({ laps: 'best', channels: ['lap'] });
    const bestOf = { '1': 5, '2': 5, '3': 2 };
    for (const [car, lap] of Object.entries(bestOf)) {
      const index = Number(car) - 1;
      const got = rowsOf(result.batches, car);
      expect(new Set(got.channels.lap)).toEqual(new Set([lap]));
      expect(got.time).toHaveLength(lapDurationMs(index, lap) / 10);
    }
    // Car 2's quickest lap is its pit lap (3); it is skipped.
    expect(lapDurationMs(1, 3)).toBeLessThan(lapDurationMs(1, 5));
  });

  it('{last: n} gives the last n completed laps; an in-progress lap by number stops at the newest batch', async () => {
    const { client } = await setUp();
    const last = await client.query({ laps: { last: 2 }, cars: ['3'], channels: ['lap'] });
    expect(new Set(rowsOf(last.batches, '3').channels.lap)).toEqual(new Set([4, 5]));
    const current = await client.query({ laps: [6], cars: ['1'], channels: ['lap'] });
    const rows = rowsOf(current.batches, '1').time;
    expect(rows[0]).toBe(reference.lapStart(0, 6));
    expect(rows[rows.length - 1]).toBe(NOW - 10);
  });

  it('answers empty for a car without the lap, bad_range when no car has it, too_many_rows over the cap', async () => {
    const { client } = await setUp({ limits: { maxLapRows: 1500 } });
    const none = await client.query({ laps: [40] });
    expect(none.error).toMatchObject({ code: 'bad_range', details: { laps: [40] } });
    const tooMany = await client.query({ laps: [2, 3], cars: ['1'] });
    expect(tooMany.error).toMatchObject({ code: 'too_many_rows', details: { car: '1', limit: 1500 } });
    const fits = await client.query({ laps: [2], cars: ['1'] });
    expect(fits.complete).toMatchObject({ rows: 1010 });
  });
});
