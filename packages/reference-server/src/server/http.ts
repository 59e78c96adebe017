import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROTOCOL_VERSION, SERVER_KIND } from '@eracing/telemetry-core/protocol';

export interface HttpInfo {
  version: string;
  sessions(): number;
  /** Open client connections and their live subscriptions, for fan-out measurements. */
  load?(): { connections: number; subscriptions: number };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Plain HTTP on the WebSocket port: `/` says what this is, `/health` is for container health checks. */
export function httpHandler(info: HttpInfo) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
    } else if (path === '/health') {
      json(response, 200, { ok: true, version: info.version, sessions: info.sessions(), ...info.load?.() });
    } else if (path === '/') {
      json(response, 200, {
        server: SERVER_KIND,
        version: info.version,
        protocol: PROTOCOL_VERSION,
        sessions: info.sessions(),
        usage: 'Connect with a WebSocket to this address and send a hello; see docs/protocol.md',
      });
    } else {
      json(response, 404, { ok: false, error: `No ${path} here; try / or /health` });
    }
  };
}

/**
 * Whether an origin is on the allow-list. Entries are exact origins (`http://localhost:3000`), `*` for any, or an
 * origin with `*` as its port (`http://localhost:*`), which also matches the origin without a port: a browser leaves
 * the scheme's default port out (`http://localhost` for port 80).
 */
export function originMatches(origin: string, allowed: Iterable<string>): boolean {
  for (const entry of allowed) {
    if (entry === '*' || entry === origin) return true;
    if (!entry.endsWith(':*')) continue;
    if (origin === entry.slice(0, -2)) return true;
    if (origin.startsWith(entry.slice(0, -1)) && /^\d+$/.test(origin.slice(entry.length - 1))) return true;
  }
  return false;
}

/** A browser always sends Origin; a request without one is from a non-browser client and is allowed. */
export function originAllowed(request: IncomingMessage, allowed: ReadonlySet<string> | undefined): boolean {
  const origin = request.headers.origin;
  return allowed === undefined || origin === undefined || originMatches(origin, allowed);
}

export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.on('error', () => {});
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
