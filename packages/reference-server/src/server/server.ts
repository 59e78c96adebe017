import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLOSE_CODES } from '@eracing/telemetry-core/protocol';
import { WebSocketServer } from 'ws';
import packageJson from '../../package.json';
import type { SessionSource } from '../source';
import { Connection, type ServerContext } from './connection';
import { httpHandler, originAllowed, refuseUpgrade } from './http';
import { CLOSE_GRACE_MS, HARD_MAX_PAYLOAD, QUERIES_AT_ONCE, QUERIES_PER_CONNECTION } from './limits';
import { QueryScheduler } from './query-scheduler';
import { resolveConfig, type RunningServer, type ServerOptions } from './options';
import { SessionRegistry } from './sessions';

export const SERVER_VERSION: string = packageJson.version;

function wsUrl(host: string, port: number): string {
  return `ws://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Starts the telemetry server: WebSocket protocol v1 plus `/` and `/health` over HTTP on one port. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const config = resolveConfig(options);
  const host = options.host ?? '127.0.0.1';
  const sessions = new SessionRegistry(config);
  const queries = new QueryScheduler(options.queriesAtOnce ?? QUERIES_AT_ONCE, QUERIES_PER_CONNECTION);
  const context: ServerContext = { config, sessions, serverVersion: SERVER_VERSION, queries };
  const connections = new Set<Connection>();

  const load = () => ({
    connections: connections.size,
    subscriptions: [...connections].reduce((sum, connection) => sum + connection.subscriptionCount, 0),
  });
  const http = createServer(httpHandler({ version: SERVER_VERSION, sessions: () => sessions.size, load }));
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_MAX_PAYLOAD, perMessageDeflate: false });
  http.on('clientError', (_error, socket) => socket.destroy());
  http.on('upgrade', (request, socket, head) => {
    socket.on('error', () => {});
    if (!originAllowed(request, config.allowedOrigins)) {
      config.log(`refused a WebSocket from origin ${request.headers.origin}`);
      refuseUpgrade(socket, 403, 'Forbidden');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const peer = `${request.socket.remoteAddress}:${request.socket.remotePort}`;
      connections.add(new Connection(ws, context, peer, (closed) => connections.delete(closed)));
    });
  });

  for (const source of options.sessions) sessions.add(source);
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 0, host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    sessions.close();
    throw error;
  }
  const port = (http.address() as AddressInfo).port;
  const heartbeat = setInterval(() => connections.forEach((connection) => connection.heartbeat()), config.heartbeatMs);
  config.log(`listening on ${wsUrl(host, port)} with ${sessions.size} session(s)`);

  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      clearInterval(heartbeat);
      // Connections first: closing the sessions first would tell every subscriber its session is gone.
      const gone = [...connections].map((connection) => connection.closed);
      for (const connection of connections) connection.shut(CLOSE_CODES.shutdown, 'server shutting down');
      sessions.close();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS + 100)));
      await Promise.race([Promise.all(gone), late]);
      clearTimeout(timer);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await httpClosed;
      config.log('closed');
    })());

  return {
    port,
    url: wsUrl(host, port),
    addSession: (source: SessionSource) => void sessions.add(source),
    removeSession: (id: string) => void sessions.remove(id),
    close,
  };
}
