import { channelStats } from '@eracing/telemetry-core/laps';
import { type LapRow } from '@eracing/telemetry-core/protocol';
import { FIXTURE_CHANNELS, FIXTURE_START, FixtureSource } from './fixtures/fixture-source';
import { TestClient } from './helpers/client';
import { liveFixture, serve, stopAll } from './helpers/server';

afterEach(stopAll);

const reference = new FixtureSource();
const NOW = FIXTURE_START + 60_000;

async function setUp() {
  const { clock, source } = liveFixture(60);
  const recorded = new FixtureSource({
    id: 'practice',
    startTime: FIXTURE_START - 3_600_000,
    durationMs: 30_000,
    cars: 2,
  });
  const later = new FixtureSource({ id: 'quali', startTime: FIXTURE_START - 1_800_000, durationMs: 30_000 });
  const server = await serve({ sessions: [recorded, source, later], clock: clock.read });
  return { clock, source, recorded, later, server, client: await TestClient.open(server.url) };
}

describe('catalog', () => {
  it('lists every session and details the live one: cars, channels, laps so far and track geometry', async () => {
    const { client, source, recorded, later } = await setUp();
    const catalog = await client.expect('catalog', { type: 'catalog' });
    expect(catalog.sessions).toEqual([recorded.summary, source.summary, later.summary]);
    expect(catalog.session).toEqual({
      ...source.summary,
      cars: source.cars,
      channels: source.channels,
      laps: source.laps(NOW),
      track: 'Fixture Ring',
      geometry: source.track,
    });
    expect(catalog.session!.laps.filter((lap) => lap.car === '1').map((lap) => lap.lap)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(client.violations).toEqual([]);
  });

  it("resolves 'live', 'latest' and ids, and names the known sessions for an unknown one", async () => {
    const { client } = await setUp();
    const id = async (session?: string) => (await client.expect('catalog', { type: 'catalog', session })).session?.id;
    expect(await id('live')).toBe('fixture');
    expect(await id('latest')).toBe('fixture');
    expect(await id('practice')).toBe('practice');
    const unknown = await client.request({ type: 'catalog', session: 'race' });
    expect(unknown).toMatchObject({
      type: 'error',
      code: 'unknown_session',
      details: { known: ['practice', 'fixture', 'quali'] },
    });
  });

  it('falls back to the newest session when none is live, and removes sessions on request', async () => {
    const { server, client } = await setUp();
    server.removeSession('fixture');
    const catalog = await client.expect('catalog', { type: 'catalog' });
    expect(catalog.sessions.map((s) => s.id)).toEqual(['practice', 'quali']);
    expect(catalog.session?.id).toBe('quali');
    server.addSession(new FixtureSource({ id: 'race' }));
    const again = await TestClient.open(server.url);
    expect(again.hello).toMatchObject({ sessions: 3, liveSession: 'race', epoch: 'race-1' });
  });

  it('ends subscriptions to a removed session with unknown_session', async () => {
    const { server, client } = await setUp();
    await client.expect('subscribed', { type: 'subscribe', subscription: 's' });
    server.removeSession('fixture');
    const ended = await client.waitFor((m) => m.kind === 'control' && m.message.type === 'error');
    expect(ended.kind === 'control' && ended.message).toMatchObject({ code: 'unknown_session', subscription: 's' });
    expect(await client.request({ type: 'unsubscribe', subscription: 's' })).toMatchObject({
      code: 'unknown_subscription',
    });
  });
});

describe('laps', () => {
  it('lists the laps of the chosen cars with mean, min and max of each aggregate channel per completed lap', async () => {
    const { client } = await setUp();
    const answer = await client.expect('laps', { type: 'laps', cars: ['2'], aggregates: ['speed', 'throttle'] });
    const expected = reference.laps(NOW).filter((lap) => lap.car === '2');
    expect(answer.laps.map(({ aggregates: _, ...lap }) => lap)).toEqual(expected);
    const completed = answer.laps.filter((lap) => lap.endTime !== undefined);
    expect(completed).toHaveLength(5);
    expect(answer.laps[5].aggregates).toBeUndefined();
    for (const lap of completed as Array<LapRow & { endTime: number }>) {
      const samples = reference.range(lap.startTime, lap.endTime, ['2']);
      for (const name of ['speed', 'throttle']) {
        const values = Array.from(samples.channels[name]).filter(Number.isFinite);
        const { min, max, mean } = lap.aggregates![name];
        expect(min).toBe(Math.min(...values));
        expect(max).toBe(Math.max(...values));
        const sampleMean = values.reduce((a, b) => a + b, 0) / values.length;
        expect(Math.abs(mean! - sampleMean)).toBeLessThan(0.5);
      }
    }
    // The mean is the core's time-weighted one, from line to line.
    const lap = completed[1] as LapRow & { endTime: number };
    const around = reference.range(lap.startTime - 1000, lap.endTime + 1000, ['2']);
    const startIndex = Array.from(around.time).indexOf(lap.startTime);
    const endIndex = Array.from(around.time).indexOf(lap.endTime);
    const stats = channelStats(around.time, around.channels.speed, {
      startIndex,
      endIndex,
      startTime: lap.startTime,
      endTime: lap.endTime,
    });
    expect(lap.aggregates!.speed.mean).toBeCloseTo(stats.mean, 9);
  });

  it('refuses aggregates of an unknown channel', async () => {
    const { client } = await setUp();
    expect(await client.request({ type: 'laps', aggregates: ['speed', 'warp'] })).toMatchObject({
      code: 'unknown_channel',
      details: { unknown: ['warp'], available: [...FIXTURE_CHANNELS] },
    });
  });
});

describe('events and ping', () => {
  it('lists events by range, car and kind, never past the newest complete batch', async () => {
    const { client } = await setUp();
    const all = await client.expect('events', { type: 'events' });
    expect(all.events).toEqual(reference.events(FIXTURE_START, NOW));
    expect(all.events.length).toBeGreaterThan(15);

    const some = await client.expect('events', {
      type: 'events',
      cars: ['3'],
      kinds: ['lap'],
      from: FIXTURE_START + 20_000,
      to: FIXTURE_START + 1_000_000,
    });
    const expected = reference
      .events(FIXTURE_START + 20_000, NOW)
      .filter((event) => event.car === '3' && event.kind === 'lap');
    expect(some.events).toEqual(expected);
    expect(some.events.map((event) => event.lap)).toEqual([2, 3, 4, 5]);

    const flags = await client.expect('events', { type: 'events', cars: ['1'], kinds: ['flag'] });
    expect(flags.events.map((event) => event.flag)).toEqual(['yellow', 'green']);
    expect(await client.request({ type: 'events', from: 10, to: 5 })).toMatchObject({ code: 'bad_range' });
  });

  it('answers a ping with the server clock', async () => {
    const { client, clock } = await setUp();
    clock.advance(1234);
    expect(await client.expect('pong', { type: 'ping', id: 'p1' })).toEqual({
      type: 'pong',
      id: 'p1',
      time: NOW + 1234,
    });
  });
});
