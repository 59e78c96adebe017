import { originMatches } from '../src/server/http';
import { LOCAL_ORIGINS } from '../src/cli/serve';
import { request as httpRequest } from 'node:http';
import { CAPABILITIES } from '../src';
import { DEFAULT_LIMITS, PROTOCOL_VERSION, SERVER_KIND } from '@eracing/telemetry-core/protocol';
import WebSocket from 'ws';
import { FixtureSource } from './fixtures/fixture-source';
import { TestClient } from './helpers/client';
import { liveFixture, serve, stopAll } from './helpers/server';
import packageJson from '../package.json';

afterEach(stopAll);

function httpGet(url: string): Promise<{ status: number; body: string; type?: string }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body, type: response.headers['content-type'] }));
    })
      .on('error', reject)
      .end();
  });
}

/** Sends raw first messages on a bare socket and returns what came back before the close. */
async function firstMessage(url: string, message: string | Buffer) {
  const client = await TestClient.open(url, { hello: false });
  client.send(message);
  const closed = await client.closed;
  return { closed, errors: client.errors(), violations: client.violations };
}

describe('hello', () => {
  it('answers a hello with the server, its version, the live session and the limits', async () => {
    const { clock, source } = liveFixture();
    const recorded = new FixtureSource({ id: 'old', startTime: 1_600_000_000_000, durationMs: 30_000 });
    const server = await serve({ sessions: [recorded, source], clock: clock.read, resumeWindowMs: 120_000 });
    expect(server.url).toBe(`ws://127.0.0.1:${server.port}`);
    const client = await TestClient.open(server.url, { hello: { encoding: 'binary' } });
    expect(client.hello).toEqual({
      type: 'hello',
      server: SERVER_KIND,
      serverVersion: packageJson.version,
      protocol: PROTOCOL_VERSION,
      epoch: source.epoch,
      capabilities: [...CAPABILITIES],
      encodings: ['json', 'binary'],
      encoding: 'binary',
      sessions: 2,
      liveSession: 'fixture',
      limits: { ...DEFAULT_LIMITS, resumeWindowMs: 120_000, batchMs: 100 },
    });
    expect(client.violations).toEqual([]);
  });

  it('defaults to json and, with no live session, gives a stable epoch hashed from the sessions', async () => {
    const sessions = () => [
      new FixtureSource({ id: 'a', durationMs: 10_000 }),
      new FixtureSource({ id: 'b', durationMs: 10_000 }),
    ];
    const first = await serve({ sessions: sessions() });
    const a = await TestClient.open(first.url);
    await first.close();
    const second = await serve({ sessions: sessions().reverse() });
    const b = await TestClient.open(second.url);
    expect(a.hello!.encoding).toBe('json');
    expect(a.hello!.liveSession).toBeUndefined();
    expect(a.hello!.epoch).toMatch(/^s-[0-9a-f]{8}$/);
    expect(b.hello!.epoch).toBe(a.hello!.epoch);
  });

  it('accepts the right token and refuses a wrong or missing one with unauthorized and close 4001', async () => {
    const server = await serve({ token: 's3cret' });
    const ok = await TestClient.open(server.url, { hello: { token: 's3cret' } });
    expect(ok.hello?.type).toBe('hello');

    for (const hello of [{ token: 'wrong' }, {}]) {
      const client = await TestClient.open(server.url, { hello: false });
      client.send({ type: 'hello', protocol: PROTOCOL_VERSION, ...hello });
      const closed = await client.closed;
      expect(closed.code).toBe(4001);
      expect(client.errors().map((e) => e.code)).toEqual(['unauthorized']);
      expect(client.controls('hello')).toEqual([]);
    }
  });

  it('refuses another protocol version with protocol_mismatch and close 4002', async () => {
    const server = await serve();
    const { closed, errors } = await firstMessage(server.url, JSON.stringify({ type: 'hello', protocol: 2 }));
    expect(closed.code).toBe(4002);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'protocol_mismatch', details: { server: 1, client: 2 } });
  });

  it.each([
    ['a ping', JSON.stringify({ type: 'ping', id: 'p' })],
    ['malformed JSON', '{"type": "hello"'],
    ['a hello that breaks the schema', JSON.stringify({ type: 'hello', protocol: 'one' })],
    ['a binary frame', Buffer.from([1, 2, 3])],
  ])('refuses %s as first message with hello_required and close 4003', async (_name, message) => {
    const server = await serve();
    const { closed, errors } = await firstMessage(server.url, message);
    expect(closed.code).toBe(4003);
    expect(errors.map((e) => e.code)).toEqual(['hello_required']);
  });

  it('refuses a second hello on the same connection without closing it', async () => {
    const server = await serve();
    const client = await TestClient.open(server.url);
    const answer = await client.request({ type: 'hello', protocol: 1 });
    expect(answer).toMatchObject({ type: 'error', code: 'bad_message' });
    expect(await client.expect('pong', { type: 'ping' })).toMatchObject({ type: 'pong' });
  });
});

describe('HTTP and origins', () => {
  it('serves / and /health as JSON on the WebSocket port', async () => {
    const server = await serve();
    const base = `http://127.0.0.1:${server.port}`;
    const health = await httpGet(`${base}/health`);
    expect(health.status).toBe(200);
    expect(health.type).toMatch(/application\/json/);
    const load = { connections: 0, subscriptions: 0 };
    expect(JSON.parse(health.body)).toEqual({ ok: true, version: packageJson.version, sessions: 1, ...load });
    const root = await httpGet(`${base}/`);
    expect(JSON.parse(root.body)).toMatchObject({ server: SERVER_KIND, protocol: 1 });
    expect((await httpGet(`${base}/nope`)).status).toBe(404);
  });

  it('lets allowed origins and non-browser clients in and refuses other origins with 403', async () => {
    const server = await serve({ allowedOrigins: ['http://localhost:3000'] });
    await expect(TestClient.open(server.url, { origin: 'http://localhost:3000' })).resolves.toBeInstanceOf(TestClient);
    await expect(TestClient.open(server.url)).resolves.toBeInstanceOf(TestClient);
    await expect(TestClient.open(server.url, { origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
    const local = await serve({ allowedOrigins: LOCAL_ORIGINS });
    await expect(TestClient.open(local.url, { origin: 'http://localhost' })).resolves.toBeInstanceOf(TestClient);
  });

  it('matches origins exactly, by port wildcard, or any with *', () => {
    expect(originMatches('http://localhost:13001', LOCAL_ORIGINS)).toBe(true);
    expect(originMatches('http://127.0.0.1:3000', LOCAL_ORIGINS)).toBe(true);
    // A page on the default port: browsers send the origin without one.
    expect(originMatches('http://localhost', LOCAL_ORIGINS)).toBe(true);
    expect(originMatches('http://[::1]', LOCAL_ORIGINS)).toBe(true);
    expect(originMatches('http://localhost.evil.example', LOCAL_ORIGINS)).toBe(false);
    expect(originMatches('http://localhost:', LOCAL_ORIGINS)).toBe(false);
    expect(originMatches('http://localhost.evil.example:80', LOCAL_ORIGINS)).toBe(false);
    expect(originMatches('https://evil.example', LOCAL_ORIGINS)).toBe(false);
    expect(originMatches('http://localhost:3000x', LOCAL_ORIGINS)).toBe(false);
    expect(originMatches('https://grafana.team', ['*'])).toBe(true);
  });

  it('binds to 127.0.0.1 unless told otherwise', async () => {
    const server = await serve();
    const ws = new WebSocket(server.url);
    await new Promise((resolve) => ws.once('open', resolve));
    expect((ws as unknown as { _socket: { remoteAddress: string } })._socket.remoteAddress).toBe('127.0.0.1');
    ws.close();
  });
});

describe('heartbeat', () => {
  it('pings every heartbeat and drops a peer that stops answering; answering peers stay', async () => {
    const server = await serve({ heartbeatMs: 100 });
    const healthy = await TestClient.open(server.url);
    const silent = new WebSocket(server.url, { autoPong: false });
    const closed = new Promise<number>((resolve) => silent.on('close', (code) => resolve(code)));
    let pings = 0;
    silent.on('ping', () => pings++);
    await new Promise((resolve) => silent.once('open', resolve));
    silent.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION }));
    expect(await closed).toBe(1006);
    expect(pings).toBeGreaterThanOrEqual(1);
    expect(healthy.isOpen).toBe(true);
    expect(await healthy.expect('pong', { type: 'ping' })).toMatchObject({ type: 'pong' });
  });
});
