import type { TelemetryBatch } from '@eracing/telemetry-core/protocol';
import { FIXTURE_CHANNELS, FIXTURE_START, FixtureSource } from './fixtures/fixture-source';
import { range, seqsOf, TestClient } from './helpers/client';
import { expectUnbroken, liveFixture, serve, stopAll } from './helpers/server';

afterEach(stopAll);

/** Batch `seq` as the source makes it, for comparing what arrived. */
const reference = new FixtureSource();

function expectSameRows(batch: TelemetryBatch, expected = reference.batch(batch.seq!)): void {
  expect(batch.cars).toEqual(expected.cars);
  expect(Array.from(batch.time)).toEqual(Array.from(expected.time));
  expect(Object.keys(batch.channels).sort()).toEqual(Object.keys(expected.channels).sort());
  for (const [name, column] of Object.entries(expected.channels)) {
    // JSON carries numbers as float64 and NaN as null; both decode back to the same values.
    expect(Array.from(batch.channels[name])).toEqual(Array.from(column));
  }
}

describe('live subscription', () => {
  it.each(['json', 'binary'] as const)(
    'streams every batch in order, exactly as the source made it (%s)',
    async (encoding) => {
      const { clock, source } = liveFixture(60);
      const server = await serve({ sessions: [source], clock: clock.read });
      const client = await TestClient.open(server.url, { hello: { encoding } });
      const subscribed = await client.expect('subscribed', { type: 'subscribe', subscription: 'live' });
      expect(subscribed).toMatchObject({
        session: 'fixture',
        epoch: source.epoch,
        cars: ['1', '2', '3'],
        channels: [...FIXTURE_CHANNELS],
        nextSeq: 600,
        batchMs: 100,
      });
      // One jump of 2 s (the tick catches up 20 batches at once), then small steps.
      clock.advance(2000);
      await client.waitForSeq('live', 619);
      for (let k = 0; k < 4; k++) {
        clock.advance(100);
        await client.waitForSeq('live', 620 + k);
      }
      const batches = client.batches('live');
      expect(seqsOf(batches)).toEqual(range(600, 623));
      expectUnbroken(batches, 600);
      for (const batch of batches) {
        expect(batch).toMatchObject({ session: 'fixture', epoch: source.epoch, subscription: 'live' });
        expect(batch.decimated).toBeUndefined();
        expectSameRows(batch);
      }
      const frames = client.received.filter((m) => m.kind === 'batch');
      expect(frames.every((m) => m.kind === 'batch' && m.binary === (encoding === 'binary'))).toBe(true);
      expect(client.violations).toEqual([]);
    },
  );

  it('sends only the chosen cars and channels', async () => {
    const { clock, source } = liveFixture(60);
    const server = await serve({ sessions: [source], clock: clock.read });
    const client = await TestClient.open(server.url, { hello: { encoding: 'binary' } });
    const subscribed = await client.expect('subscribed', {
      type: 'subscribe',
      subscription: 's',
      cars: ['3', '2'],
      channels: ['speed', 'lat'],
    });
    expect(subscribed).toMatchObject({ cars: ['3', '2'], channels: ['speed', 'lat'] });
    clock.advance(1000);
    await client.waitForSeq('s', 609);
    for (const batch of client.batches('s')) {
      const full = reference.batch(batch.seq!);
      // Cars keep the source's order; the selection is a set.
      expect(batch.cars.map((run) => run.car)).toEqual(['2', '3']);
      expect(Object.keys(batch.channels).sort()).toEqual(['lat', 'speed']);
      expect(batch.channels.lat).toBeInstanceOf(Float64Array);
      const car3 = full.cars[2];
      const got3 = batch.cars[1];
      expect(Array.from(batch.channels.speed.subarray(got3.start, got3.start + got3.length))).toEqual(
        Array.from(full.channels.speed.subarray(car3.start, car3.start + car3.length)),
      );
    }
  });

  it('keeps whole rows at maxRateHz per car, evenly spaced across batch boundaries', async () => {
    const { clock, source } = liveFixture(60);
    const server = await serve({ sessions: [source], clock: clock.read });
    const client = await TestClient.open(server.url);
    await client.expect('subscribed', { type: 'subscribe', subscription: 'slow', maxRateHz: 15 });
    clock.advance(3000);
    await client.waitForSeq('slow', 629);
    const times = new Map<string, number[]>();
    for (const batch of client.batches('slow')) {
      expect(batch.decimated).toBe(true);
      const full = reference.batch(batch.seq!);
      for (const run of batch.cars) {
        for (let i = run.start; i < run.start + run.length; i++) {
          times.set(run.car, [...(times.get(run.car) ?? []), batch.time[i]]);
          // A kept row is a real row: every channel from the same instant.
          const at = Array.from(full.time).indexOf(batch.time[i], full.cars.find((r) => r.car === run.car)!.start);
          expect(batch.channels.speed[i]).toBe(full.channels.speed[at]);
          expect(batch.channels.lap_distance[i]).toBe(full.channels.lap_distance[at]);
        }
      }
    }
    for (const [, t] of times) {
      // 3 s at 15 Hz: one row per 1/15 s slot of absolute time, so 45 rows, 60–70 ms apart.
      expect(t).toHaveLength(45);
      const gaps = t.slice(1).map((v, k) => v - t[k]);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(60);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(70);
    }
  });

  it('sends the session events of the chosen cars as they happen', async () => {
    const { clock, source } = liveFixture(60);
    const server = await serve({ sessions: [source], clock: clock.read });
    const client = await TestClient.open(server.url);
    await client.expect('subscribed', {
      type: 'subscribe',
      subscription: 'ev',
      cars: ['1'],
      events: true,
      channels: ['lap'],
    });
    clock.advance(30_000);
    await client.waitForSeq('ev', 899);
    const events = client.controls('event');
    const expected = reference
      .events(FIXTURE_START + 60_000, FIXTURE_START + 90_000)
      .filter((event) => event.car === undefined || event.car === '1');
    expect(expected.filter((e) => e.kind === 'lap')).toHaveLength(3);
    expect(expected.filter((e) => e.kind === 'flag')).toHaveLength(1);
    expect(events.map((e) => e.event)).toEqual(expected);
    expect(events.every((e) => e.subscription === 'ev' && e.session === 'fixture')).toBe(true);
    // Each event arrives after the batch that covers its time.
    for (const message of events) {
      const index = client.received.findIndex((m) => m.kind === 'control' && m.message === message);
      const before = client.received.slice(0, index).filter((m) => m.kind === 'batch');
      const last = before[before.length - 1];
      expect(last.kind === 'batch' && last.batch.time[last.batch.time.length - 1]).toBeGreaterThanOrEqual(
        message.event.time - 100,
      );
    }
  });

  it('stops a subscription on unsubscribe and keeps the others going', async () => {
    const { clock, source } = liveFixture(60);
    const server = await serve({ sessions: [source], clock: clock.read });
    const client = await TestClient.open(server.url);
    await client.expect('subscribed', { type: 'subscribe', subscription: 'a' });
    await client.expect('subscribed', { type: 'subscribe', subscription: 'b', cars: ['1'] });
    clock.advance(500);
    await client.waitForSeq('a', 604);
    await client.waitForSeq('b', 604);
    expect(await client.expect('unsubscribed', { type: 'unsubscribe', subscription: 'a' })).toMatchObject({
      subscription: 'a',
    });
    const aCount = client.batches('a').length;
    clock.advance(500);
    await client.waitForSeq('b', 609);
    expect(client.batches('a')).toHaveLength(aCount);
    expectUnbroken(client.batches('b'), 600);
    const again = await client.request({ type: 'unsubscribe', subscription: 'a' });
    expect(again).toMatchObject({ type: 'error', code: 'unknown_subscription', subscription: 'a' });
  });

  it('refuses unknown cars and channels, naming the unknown and the available ones', async () => {
    const server = await serve();
    const client = await TestClient.open(server.url);
    const car = await client.request({ type: 'subscribe', subscription: 'x', cars: ['1', '99'] });
    expect(car).toMatchObject({
      type: 'error',
      code: 'unknown_car',
      subscription: 'x',
      details: { unknown: ['99'], available: ['1', '2', '3'] },
    });
    const channel = await client.request({ type: 'subscribe', subscription: 'x', channels: ['speed', 'warp'] });
    expect(channel).toMatchObject({
      type: 'error',
      code: 'unknown_channel',
      details: { unknown: ['warp'], available: [...FIXTURE_CHANNELS] },
    });
    // Neither attempt left a subscription behind.
    expect(await client.expect('subscribed', { type: 'subscribe', subscription: 'x' })).toMatchObject({
      subscription: 'x',
    });
  });

  it('refuses a duplicate subscription id and more subscriptions than the limit', async () => {
    const server = await serve({ limits: { maxSubscriptions: 2 } });
    const client = await TestClient.open(server.url);
    await client.expect('subscribed', { type: 'subscribe', subscription: 'a' });
    expect(await client.request({ type: 'subscribe', subscription: 'a' })).toMatchObject({
      code: 'duplicate_subscription',
    });
    await client.expect('subscribed', { type: 'subscribe', subscription: 'b' });
    expect(await client.request({ type: 'subscribe', subscription: 'c' })).toMatchObject({
      code: 'too_many_subscriptions',
      details: { limit: 2 },
    });
    await client.expect('unsubscribed', { type: 'unsubscribe', subscription: 'a' });
    await client.expect('subscribed', { type: 'subscribe', subscription: 'c' });
  });
});
