import { expectUnbroken, liveFixture, serve, stopAll } from './helpers/server';
import { FixtureSource } from './fixtures/fixture-source';
import { TestClient } from './helpers/client';

afterEach(stopAll);

/** A session whose lap table is broken: requests that read it fail inside the server. */
class BrokenLaps extends FixtureSource {
  override laps(): never {
    throw new Error('lap table unreadable');
  }
}

describe('bad input', () => {
  it('answers every bad message with its coded error while another client streams undisturbed', async () => {
    const { clock, source } = liveFixture(60);
    const server = await serve({
      sessions: [source, new BrokenLaps({ id: 'broken', durationMs: 20_000 })],
      clock: clock.read,
    });
    const watcher = await TestClient.open(server.url, { hello: { encoding: 'binary' } });
    await watcher.expect('subscribed', { type: 'subscribe', subscription: 'w', session: 'fixture' });
    const stop = clock.drive(100, 20);
    const client = await TestClient.open(server.url);

    const cases: Array<[string, unknown, Record<string, unknown>]> = [
      ['malformed JSON', '{"type": "ping", "id": ', { code: 'bad_json' }],
      ['an array', '[1, 2]', { code: 'bad_message' }],
      ['a string', '"ping"', { code: 'bad_message' }],
      ['null', 'null', { code: 'bad_message' }],
      ['no type', { id: 'n1' }, { code: 'unknown_type', id: 'n1' }],
      ['an unknown type', { type: 'teleport', id: 't1' }, { code: 'unknown_type', id: 't1' }],
      ['a schema violation', { type: 'subscribe', id: 's1', subscription: '' }, { code: 'bad_message', id: 's1' }],
      ['a wrong field type', { type: 'query', id: 'q1', from: 'yesterday' }, { code: 'bad_message', id: 'q1' }],
      ['an unknown field', { type: 'ping', id: 'p1', extra: true }, { code: 'bad_message', id: 'p1' }],
      ['a binary frame', Buffer.from('{"type":"ping","id":"b"}'), { code: 'bad_message' }],
      ['an oversize message', { type: 'ping', id: 'big', pad: 'x'.repeat(70_000) }, { code: 'message_too_large' }],
      ['an unknown session', { type: 'query', id: 'u1', session: 'nope' }, { code: 'unknown_session', id: 'u1' }],
      ['an unknown car', { type: 'laps', id: 'u2', cars: ['42'] }, { code: 'unknown_car', id: 'u2' }],
      ['an unknown channel', { type: 'query', id: 'u3', channels: ['flux'] }, { code: 'unknown_channel', id: 'u3' }],
      ['a reversed range', { type: 'query', id: 'r1', from: 5, to: 1 }, { code: 'bad_range', id: 'r1' }],
      [
        'an unknown subscription',
        { type: 'unsubscribe', id: 'x1', subscription: 'zz' },
        { code: 'unknown_subscription', id: 'x1' },
      ],
      ['a failing handler', { type: 'laps', id: 'i1', session: 'broken' }, { code: 'internal', id: 'i1' }],
    ];
    for (const [what, message, expected] of cases) {
      const from = client.received.length;
      client.send(message);
      const answer = await client.waitFor((m) => m.kind === 'control', from);
      expect({ what, answer: answer.kind === 'control' && answer.message }).toMatchObject({
        what,
        answer: { type: 'error', ...expected },
      });
      // The connection still works after each one.
      expect(await client.expect('pong', { type: 'ping' })).toMatchObject({ type: 'pong' });
    }
    const schema = client.errors().find((e) => e.id === 's1')!;
    expect(schema.message).toMatch(/subscription/);
    const large = client.errors().find((e) => e.code === 'message_too_large')!;
    expect(large.details).toMatchObject({ limit: 64 * 1024 });
    expect(client.violations).toEqual([]);

    // Past the hard frame cap ws drops the connection itself (1009), before the app reads a byte.
    const flooder = await TestClient.open(server.url);
    flooder.send(JSON.stringify({ type: 'ping', id: 'huge', pad: 'x'.repeat(1_100_000) }));
    expect((await flooder.closed).code).toBe(1009);

    const seen = watcher.batches('w').length;
    await watcher.waitForSeq('w', 600 + seen + 5);
    stop();
    expectUnbroken(watcher.batches('w'), 600);
    expect(watcher.errors()).toEqual([]);
    expect(watcher.isOpen).toBe(true);
  });
});

describe('slow client', () => {
  it('thins batches above the soft limit and drops the client above the hard limit; others are unaffected', async () => {
    const { clock, source } = liveFixture(60);
    const log: string[] = [];
    const server = await serve({
      sessions: [source],
      clock: clock.read,
      slowClient: { softBytes: 32 * 1024, hardBytes: 256 * 1024 },
      log: (line) => log.push(line),
    });
    const reader = await TestClient.open(server.url, { hello: { encoding: 'binary' } });
    const stalled = await TestClient.open(server.url);
    await reader.expect('subscribed', { type: 'subscribe', subscription: 'r', cars: ['1'] });
    // Several full streams, so the stalled client's queue fills fast.
    for (const subscription of ['s', 's2', 's3', 's4'])
      await stalled.expect('subscribed', { type: 'subscribe', subscription });
    stalled.pauseReading();

    const stop = clock.drive(5_000, 25); // 200× real time
    const deadline = Date.now() + 15_000;
    while (!log.some((line) => line.includes('slow client')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    stop();
    expect(log.find((line) => line.includes('slow client'))).toMatch(/closing with 4008/);

    stalled.resumeReading();
    expect((await stalled.closed).code).toBe(4008);
    expect(stalled.errors().map((e) => e.code)).toEqual(['slow_client']);
    const got = stalled.batches('s');
    // What it got before it was dropped is numbered without a gap, so it can resume after the last.
    expect(got.map((batch) => batch.seq)).toEqual(got.map((_, k) => 600 + k));

    // The reader kept up with every full batch.
    const last = reader.batches('r').length;
    clock.advance(200);
    await reader.waitForSeq('r', 600 + last + 1);
    const full = reader.batches('r');
    expect(full.every((batch) => !batch.decimated)).toBe(true);
    expectUnbroken(full, 600);
    expect(reader.isOpen).toBe(true);
  });
});

describe('slow client, behind for a moment', () => {
  it('gets its live batches thinned, numbered without a gap, while it is behind', async () => {
    const { clock, source } = liveFixture(60);
    const server = await serve({
      sessions: [source],
      clock: clock.read,
      slowClient: { softBytes: 32 * 1024, hardBytes: 256 * 1024 * 1024 },
    });
    const behind = await TestClient.open(server.url, { timeoutMs: 15_000 });
    for (const subscription of ['s', 's2', 's3', 's4'])
      await behind.expect('subscribed', { type: 'subscribe', subscription });
    behind.pauseReading();
    const stop = clock.drive(5_000, 25);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    stop();
    behind.resumeReading();
    const last = source.lastSeq(clock.read());
    await behind.waitForSeq('s', last);
    const got = behind.batches('s');
    expect(got.map((batch) => batch.seq)).toEqual(got.map((_, k) => 600 + k));
    const thin = got.filter((batch) => batch.decimated);
    expect(thin.length).toBeGreaterThan(0);
    expect(Math.max(...thin.map((batch) => batch.time.length))).toBeLessThanOrEqual(3);
    expect(behind.errors()).toEqual([]);
  });
});

describe('slow client, stalled for a while', () => {
  it('gets slow_client and close 4008 without reading its backlog first', async () => {
    const { clock, source } = liveFixture(60);
    const log: string[] = [];
    const hardBytes = 12 * 1024 * 1024;
    const server = await serve({
      sessions: [source],
      clock: clock.read,
      slowClient: { softBytes: 1024 * 1024, hardBytes },
      // Late enough that the stalled reader is dropped as slow, not for its unanswered pings.
      heartbeatMs: 20_000,
      log: (line) => log.push(line),
    });
    const slow = await TestClient.open(server.url, { timeoutMs: 20_000 });
    for (const subscription of ['s', 's2', 's3', 's4'])
      await slow.expect('subscribed', { type: 'subscribe', subscription });
    let bytes = 0;
    let bytesBeforeNotice = -1;
    slow.ws.on('message', (data: Buffer) => {
      bytes += data.length;
      if (bytesBeforeNotice < 0 && data.includes('"slow_client"')) bytesBeforeNotice = bytes;
    });
    slow.pauseReading();
    const stop = clock.drive(5_000, 25);
    const started = Date.now();
    const deadline = started + 12_000;
    while (!log.some((line) => line.includes('slow client')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    stop();
    expect(log.find((line) => line.includes('slow client'))).toMatch(/closing with 4008/);

    // Stalled for most of the grace a closing slow client has.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    slow.resumeReading();
    expect((await slow.closed).code).toBe(4008);
    expect(slow.errors().map((e) => e.code)).toEqual(['slow_client']);
    expect(slow.errors()[0].details).toMatchObject({ limit: hardBytes });
    // What came before the notice is what the network held and the write-ahead, not the 12 MiB queued.
    expect(bytesBeforeNotice).toBeGreaterThan(0);
    expect(bytesBeforeNotice).toBeLessThan((hardBytes * 2) / 3);
  }, 30_000);
});
