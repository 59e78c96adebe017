import type { SubscribedResponse, TelemetryBatch } from '@eracing/telemetry-core/protocol';
import { BatchRing, RECENT_MS, ResumeWindow } from '../src/server/resume-window';
import { FIXTURE_START, FixtureSource } from './fixtures/fixture-source';
import { range, seqsOf, TestClient } from './helpers/client';
import { expectUnbroken, liveFixture, serve, stopAll } from './helpers/server';

afterEach(stopAll);

const noDuplicates = (batches: TelemetryBatch[]) => new Set(seqsOf(batches)).size === batches.length;

describe('resume', () => {
  it('after a dropped connection, sends exactly the missed batches and goes on live', async () => {
    const { clock, source } = liveFixture(60);
    const server = await serve({ sessions: [source], clock: clock.read });
    const first = await TestClient.open(server.url, { hello: { encoding: 'binary' } });
    await first.expect('subscribed', { type: 'subscribe', subscription: 'car', cars: ['2'] });
    clock.advance(1000);
    await first.waitForSeq('car', 609);
    await first.cut();
    const before = first.batches('car');
    const last = before[before.length - 1].seq!;

    clock.advance(3000); // missed while away
    const second = await TestClient.open(server.url, { hello: { encoding: 'binary' } });
    const subscribed = await second.expect('subscribed', {
      type: 'subscribe',
      subscription: 'car',
      cars: ['2'],
      resume: { epoch: source.epoch, seq: last },
    });
    expect(subscribed.nextSeq).toBe(last + 1);
    await second.waitForSeq('car', 639);
    clock.advance(500);
    await second.waitForSeq('car', 644);

    const all = [...before, ...second.batches('car')];
    expect(noDuplicates(all)).toBe(true);
    expect(seqsOf(all)).toEqual(range(600, 644));
    expectUnbroken(all, 600);
    expect(second.errors()).toEqual([]);
  });

  it('resumes without a gap from a restarted server that rebuilt its window from the source', async () => {
    const { clock, source } = liveFixture(60);
    const server = await serve({ sessions: [source], clock: clock.read });
    const port = server.port;
    const client = await TestClient.open(server.url);
    await client.expect('subscribed', { type: 'subscribe', subscription: 'live', channels: ['speed', 'lap'] });
    clock.advance(1500);
    await client.waitForSeq('live', 614);
    await server.close();
    expect((await client.closed).code).toBe(1001);
    const before = client.batches('live');
    const last = before[before.length - 1].seq!;

    clock.advance(5000); // down for 5 s
    const restarted = await serve({ port, sessions: [new FixtureSource()], clock: clock.read });
    expect(restarted.port).toBe(port);
    const again = await TestClient.open(restarted.url);
    const subscribed = await again.expect('subscribed', {
      type: 'subscribe',
      subscription: 'live',
      channels: ['speed', 'lap'],
      resume: { epoch: before[0].epoch, seq: last },
    });
    expect(subscribed.nextSeq).toBe(last + 1);
    await again.waitForSeq('live', 664);
    const all = [...before, ...again.batches('live')];
    expect(noDuplicates(all)).toBe(true);
    expectUnbroken(all, 600);
    // The batches rebuilt after the restart carry the same samples the first server would have sent.
    const reference = new FixtureSource();
    for (const batch of again.batches('live')) {
      expect(Array.from(batch.channels.speed)).toEqual(Array.from(reference.batch(batch.seq!).channels.speed));
    }
    expect(again.errors()).toEqual([]);
  });

  it('resumes from minutes back, beyond the batches held in memory, without a gap', async () => {
    const { clock, source } = liveFixture(60);
    const server = await serve({ sessions: [source], clock: clock.read });
    const first = await TestClient.open(server.url, { hello: { encoding: 'binary' } });
    await first.expect('subscribed', { type: 'subscribe', subscription: 's', channels: ['speed'] });
    clock.advance(300);
    await first.waitForSeq('s', 602);
    await first.cut();
    const before = first.batches('s');

    clock.advance(120_000);
    const second = await TestClient.open(server.url, { hello: { encoding: 'binary' } });
    await second.expect('subscribed', {
      type: 'subscribe',
      subscription: 's',
      channels: ['speed'],
      resume: { epoch: source.epoch, seq: before[before.length - 1].seq },
    });
    await second.waitForSeq('s', 1802, 10_000);
    const all = [...before, ...second.batches('s')];
    expect(noDuplicates(all)).toBe(true);
    expectUnbroken(all, 600);
    expect(all).toHaveLength(1203);
  });

  it('reports a resume_gap with the lost span when the batches are older than the window, then continues', async () => {
    const { clock, source } = liveFixture(60);
    const server = await serve({ sessions: [source], clock: clock.read, resumeWindowMs: 2000 });
    const first = await TestClient.open(server.url);
    await first.expect('subscribed', { type: 'subscribe', subscription: 's' });
    clock.advance(600);
    await first.waitForSeq('s', 605);
    await first.cut();

    clock.now = FIXTURE_START + 70_000; // 9.4 s later; the window holds the last 2 s: seqs 680–699
    const second = await TestClient.open(server.url);
    const from = second.received.length;
    const subscribed = (await second.expect('subscribed', {
      type: 'subscribe',
      subscription: 's',
      resume: { epoch: source.epoch, seq: 605 },
    })) as SubscribedResponse;
    expect(subscribed.nextSeq).toBe(680);
    const gap = await second.waitFor((m) => m.kind === 'control' && m.message.type === 'error', from);
    expect(gap.kind === 'control' && gap.message).toMatchObject({
      type: 'error',
      code: 'resume_gap',
      subscription: 's',
      details: {
        lostFromSeq: 606,
        lostToSeq: 679,
        lostFromTime: FIXTURE_START + 60_600,
        lostToTime: FIXTURE_START + 68_000,
        resumedFromSeq: 680,
      },
    });
    await second.waitForSeq('s', 699);
    clock.advance(300);
    await second.waitForSeq('s', 702);
    expect(seqsOf(second.batches('s'))).toEqual(range(680, 702));
    expectUnbroken(second.batches('s'), 680);
  });

  it('refuses to resume across an epoch change; a fresh subscription works', async () => {
    const { clock, source } = liveFixture(60);
    const first = await serve({ sessions: [source], clock: clock.read });
    const port = first.port;
    await first.close();
    const replaced = new FixtureSource({ epoch: 'fixture-2' });
    const server = await serve({ port, sessions: [replaced], clock: clock.read });
    const client = await TestClient.open(server.url);
    expect(client.hello!.epoch).toBe('fixture-2');
    const refused = await client.request({
      type: 'subscribe',
      subscription: 's',
      resume: { epoch: source.epoch, seq: 590 },
    });
    expect(refused).toMatchObject({
      type: 'error',
      code: 'epoch_changed',
      subscription: 's',
      details: { epoch: 'fixture-2' },
    });
    expect(await client.expect('subscribed', { type: 'subscribe', subscription: 's' })).toMatchObject({
      epoch: 'fixture-2',
      nextSeq: 600,
    });
  });

  it('refuses a resume from a batch the session has not produced with resume_ahead, live or recorded', async () => {
    const { clock, source } = liveFixture(60);
    const recorded = new FixtureSource({ id: 'recorded', durationMs: 20_000 });
    const server = await serve({ sessions: [source, recorded], clock: clock.read });
    const client = await TestClient.open(server.url);
    for (const [session, feed, newestSeq] of [
      ['fixture', source, 599],
      ['recorded', recorded, 199],
    ] as const) {
      const refused = await client.request({
        type: 'subscribe',
        subscription: session,
        session,
        resume: { epoch: feed.epoch, seq: newestSeq + 50 },
      });
      expect(refused).toMatchObject({
        type: 'error',
        code: 'resume_ahead',
        subscription: session,
        details: { seq: newestSeq + 50, newestSeq, epoch: feed.epoch },
      });
      // Not subscribed: the name is free, and a resume from the newest batch goes on from the next.
      const subscribed = await client.expect('subscribed', {
        type: 'subscribe',
        subscription: session,
        session,
        resume: { epoch: feed.epoch, seq: newestSeq },
      });
      expect(subscribed.nextSeq).toBe(newestSeq + 1);
    }
    clock.advance(100);
    await client.waitForSeq('fixture', 600);
  });

  it('ends live subscriptions with epoch_changed when a source replaces its data', async () => {
    const { clock } = liveFixture(60);
    let current = new FixtureSource();
    // A session whose data is replaced in place: the same id, a new epoch.
    const resettable = new Proxy({} as FixtureSource, {
      get: (_target, key) => {
        const value = Reflect.get(current, key, current);
        return typeof value === 'function' ? value.bind(current) : value;
      },
    });
    const server = await serve({ sessions: [resettable], clock: clock.read });
    const client = await TestClient.open(server.url);
    await client.expect('subscribed', { type: 'subscribe', subscription: 's' });
    clock.advance(200);
    await client.waitForSeq('s', 601);
    current = new FixtureSource({ epoch: 'fixture-2' });
    const ended = await client.waitFor((m) => m.kind === 'control' && m.message.type === 'error');
    expect(ended.kind === 'control' && ended.message).toMatchObject({ code: 'epoch_changed', subscription: 's' });
    expect(await client.expect('subscribed', { type: 'subscribe', subscription: 's' })).toMatchObject({
      epoch: 'fixture-2',
    });
  });
});

describe('BatchRing', () => {
  const batch = new FixtureSource().batch(0);
  const entry = (seq: number) => ({ seq, endTime: (seq + 1) * 100, batch, events: [] });

  it('holds consecutive batches and drops them by age', () => {
    const ring = new BatchRing();
    for (let seq = 0; seq < 5000; seq++) {
      ring.push(entry(seq));
      ring.evictEndedBefore((seq + 1) * 100 - 1000);
    }
    expect(ring.size).toBe(10);
    expect([ring.oldest, ring.newest]).toEqual([4990, 4999]);
    expect(ring.get(4995)?.seq).toBe(4995);
    expect(ring.get(4989)).toBeUndefined();
    expect(ring.rows()).toBe(300);
  });

  it('starts over when a batch does not follow the newest', () => {
    const ring = new BatchRing();
    ring.push(entry(1));
    ring.push(entry(2));
    ring.push(entry(7));
    expect([ring.oldest, ring.newest, ring.size]).toEqual([7, 7, 1]);
  });
});

describe('ResumeWindow', () => {
  it('spans the whole window but holds only the recent batches and a bounded cache of re-read ones', () => {
    const source = new FixtureSource();
    const loads: number[] = [];
    const load = (seq: number) => {
      loads.push(seq);
      return { seq, endTime: FIXTURE_START + (seq + 1) * 100, batch: source.batch(seq), events: [] };
    };
    const window = new ResumeWindow({ startTime: FIXTURE_START, batchMs: 100, spanMs: 600_000 }, load);
    let produced = -1;
    for (let minute = 1; minute <= 20; minute++) {
      const now = FIXTURE_START + minute * 60_000;
      const last = source.lastSeq(now);
      window.advance(produced + 1, last, now);
      produced = last;
      // Every batch of the last 10 minutes is there, at most 30 s of them in memory.
      expect(window.oldest).toBe(Math.max(0, (minute - 10) * 600));
      expect(window.rows()).toBeLessThanOrEqual((RECENT_MS / 100) * 30 * 2);
    }
    loads.length = 0;
    const old = window.get(window.oldest + 5);
    expect(old.seq).toBe(window.oldest + 5);
    expect(Array.from(old.batch.time)).toEqual(Array.from(source.batch(window.oldest + 5).time));
    window.get(window.oldest + 5); // cached: read once
    window.get(produced); // recent: never read again
    expect(loads).toEqual([window.oldest + 5]);
  });
});
