// "Save & test" against real peers on 127.0.0.1: the reference server, and small servers that are not one.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';

import { PROTOCOL_VERSION } from '@eracing/telemetry-core/protocol';
import { WebSocketServer } from 'ws';

import { SIM_CARS, serveTelemetry, stopAllServers, installNodeWebSocket } from '../testing/telemetry-server';
import { checkConnection } from './connection-check';

const FAST = { connectTimeoutMs: 1500, helloTimeoutMs: 800 };

beforeAll(installNodeWebSocket);
afterAll(stopAllServers);

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function listen(server: Server | TcpServer | WebSocketServer): Promise<string> {
  return new Promise((resolve) => {
    const ready = () => resolve(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    if (server instanceof WebSocketServer) server.once('listening', ready);
    else server.listen(0, '127.0.0.1', ready);
  });
}

/** A WebSocket server on a free port that answers every message with `reply(message)`. */
async function wsPeer(reply: (message: string) => string | undefined): Promise<string> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  wss.on('connection', (socket) =>
    socket.on('message', (data) => {
      const answer = reply(data.toString());
      if (answer !== undefined) socket.send(answer);
    }),
  );
  closers.push(() => {
    for (const client of wss.clients) client.terminate();
    return new Promise((resolve) => wss.close(() => resolve()));
  });
  return listen(wss);
}

function foreignHello(overrides: Record<string, unknown>): string {
  return JSON.stringify({
    type: 'hello',
    server: 'eracing-telemetry',
    serverVersion: '9.0.0',
    protocol: PROTOCOL_VERSION,
    epoch: 'x',
    capabilities: [],
    encodings: ['json'],
    encoding: 'json',
    sessions: 0,
    limits: {},
    ...overrides,
  });
}

describe('checkConnection', () => {
  it('reports the server version, the protocol and the session count', async () => {
    const { server, session } = await serveTelemetry();
    const result = await checkConnection({ url: server.url }, FAST);
    expect(result).toEqual({
      status: 'success',
      message: `Connected to eRacing telemetry server 0.1.0 (protocol 1): 1 session, live: ${session.source.summary.id}.`,
    });
    expect(SIM_CARS).toBe(4);
  });

  it('checks a default session that names an id', async () => {
    const { server } = await serveTelemetry();
    const good = await checkConnection({ url: server.url, defaultSession: 'live' }, FAST);
    expect(good.status).toBe('success');
    const bad = await checkConnection({ url: server.url, defaultSession: 'fp3' }, FAST);
    expect(bad.failure).toBe('default_session');
    expect(bad.message).toMatch(/^The default session does not work: No session "fp3"; known: live/);
  });

  it('says when nothing listens on the port', async () => {
    const probe = createTcpServer();
    const url = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    const result = await checkConnection({ url }, FAST);
    expect(result.failure).toBe('unreachable');
    expect(result.message).toContain(`Cannot reach ${url}: nothing answered`);
    expect(result.message).toContain('not a Docker-internal host name');
  });

  it('says when the connection does not open in time', async () => {
    const sockets: Socket[] = [];
    const silent = createTcpServer((socket) => sockets.push(socket));
    const url = await listen(silent);
    closers.push(async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    });
    const result = await checkConnection({ url }, { connectTimeoutMs: 300, helloTimeoutMs: 300 });
    expect(result).toEqual({ status: 'error', failure: 'timeout', message: `No answer from ${url} within 0.3 s.` });
  });

  it('says when the token is refused', async () => {
    const { server } = await serveTelemetry({ token: 'pit-wall' });
    const wrong = await checkConnection({ url: server.url, token: 'guess' }, FAST);
    expect(wrong).toEqual({
      status: 'error',
      failure: 'unauthorized',
      message: 'The server refused the token: The token is wrong. Check the token setting.',
    });
    const missing = await checkConnection({ url: server.url }, FAST);
    expect(missing.message).toBe('The server refused the token: A token is required. Check the token setting.');
    expect((await checkConnection({ url: server.url, token: 'pit-wall' }, FAST)).status).toBe('success');
  });

  it('says when the server speaks another protocol version', async () => {
    const answersV2 = await wsPeer(() => foreignHello({ protocol: 2 }));
    expect(await checkConnection({ url: answersV2 }, FAST)).toEqual({
      status: 'error',
      failure: 'protocol_mismatch',
      message:
        'The server speaks telemetry protocol 2; this datasource speaks protocol 1. Update the datasource plugin or the server so that they match.',
    });
    const refusesV1 = await wsPeer(() =>
      JSON.stringify({ type: 'error', code: 'protocol_mismatch', message: 'no', details: { server: 3, client: 1 } }),
    );
    expect((await checkConnection({ url: refusesV1 }, FAST)).message).toMatch(
      /^The server speaks telemetry protocol 3;/,
    );
  });

  it('says when a WebSocket server is not a telemetry server', async () => {
    const cases: Array<[(message: string) => string | undefined, string]> = [
      [() => 'pong!', 'it answered the hello with something that is not JSON ("pong!")'],
      [() => foreignHello({ server: 'grafana-live' }), 'it calls itself "grafana-live", not "eracing-telemetry"'],
      [() => JSON.stringify({ type: 'welcome' }), 'it answered the hello with a "welcome"'],
      [() => undefined, 'it accepted the WebSocket but did not answer the hello within 0.8 s'],
    ];
    for (const [reply, why] of cases) {
      const url = await wsPeer(reply);
      expect(await checkConnection({ url }, FAST)).toEqual({
        status: 'error',
        failure: 'not_telemetry',
        message: `${url} is not an eRacing telemetry server: ${why}.`,
      });
    }
  });

  it('says when a web server answers but refuses the WebSocket', async () => {
    const web = createHttpServer((_request, response) => response.end('<html>Grafana</html>'));
    const url = await listen(web);
    closers.push(() => {
      web.closeAllConnections();
      return new Promise((resolve) => web.close(() => resolve()));
    });
    const result = await checkConnection({ url }, FAST);
    expect(result.failure).toBe('upgrade_refused');
    expect(result.message).toContain(
      `A web server answers at ${url.replace('ws:', 'http:')} but refused the WebSocket`,
    );
    expect(result.message).toContain("add it to the server's allowed origins");
  });

  it('names a URL that cannot work before connecting', async () => {
    expect(await checkConnection({ url: 'http://localhost:8765' }, FAST)).toEqual({
      status: 'error',
      failure: 'url',
      message: 'The server URL must start with ws:// or wss://, not http://.',
    });
  });
});
