/**
 * Opening a socket to a telemetry server and saying hello, with a distinct diagnosis for every way it can fail.
 * "Save & test" and the shared link both go through here.
 */
import { decodeServerMessage } from '@eracing/telemetry-core/codec';
import {
  CLOSE_CODES,
  PROTOCOL_VERSION,
  SERVER_KIND,
  type HelloRequest,
  type HelloResponse,
} from '@eracing/telemetry-core/protocol';

export type LinkFailureKind =
  'unreachable' | 'timeout' | 'upgrade_refused' | 'not_telemetry' | 'unauthorized' | 'protocol_mismatch' | 'closed';

/** Why there is no working connection. Terminal failures need a settings or server change; retrying cannot help. */
export class LinkFailure extends Error {
  constructor(
    readonly kind: LinkFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'LinkFailure';
  }

  get terminal(): boolean {
    return this.kind === 'unauthorized' || this.kind === 'protocol_mismatch' || this.kind === 'not_telemetry';
  }
}

export interface HandshakeSettings {
  url: string;
  token?: string;
  /** Name sent in the hello, for the server's log. */
  client?: string;
}

export interface HandshakeTimeouts {
  /** Longest wait for the socket to open. */
  connectTimeoutMs: number;
  /** Longest wait for the answer to the hello. */
  helloTimeoutMs: number;
}

export const DEFAULT_HANDSHAKE_TIMEOUTS: HandshakeTimeouts = { connectTimeoutMs: 5000, helloTimeoutMs: 5000 };

export function helloRequest(settings: HandshakeSettings): HelloRequest {
  const hello: HelloRequest = { type: 'hello', protocol: PROTOCOL_VERSION, encoding: 'binary' };
  if (settings.token) hello.token = settings.token;
  if (settings.client) hello.client = settings.client;
  return hello;
}

const notTelemetry = (url: string, what: string) =>
  new LinkFailure('not_telemetry', `${url} is not an eRacing telemetry server: ${what}.`);

function mismatch(serverProtocol: unknown): LinkFailure {
  return new LinkFailure(
    'protocol_mismatch',
    `The server speaks telemetry protocol ${String(serverProtocol)}; this datasource speaks protocol ${PROTOCOL_VERSION}. ` +
      'Update the datasource plugin or the server so that they match.',
  );
}

/** The first message after a hello: the server's hello, or a LinkFailure saying why this server cannot be used. */
export function readHelloAnswer(url: string, data: unknown): HelloResponse {
  if (typeof data !== 'string') throw notTelemetry(url, 'it answered the hello with binary data');
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    throw notTelemetry(
      url,
      `it answered the hello with something that is not JSON (${JSON.stringify(data.slice(0, 40))})`,
    );
  }
  if (typeof value !== 'object' || value === null) throw notTelemetry(url, 'its answer to the hello is not an object');
  const answer = value as Record<string, unknown>;
  if (answer.type === 'error') {
    const message = typeof answer.message === 'string' ? answer.message : 'no reason given';
    if (answer.code === 'unauthorized') {
      throw new LinkFailure('unauthorized', `The server refused the token: ${message}. Check the token setting.`);
    }
    if (answer.code === 'protocol_mismatch') {
      const details = answer.details as { server?: unknown } | undefined;
      throw mismatch(details?.server ?? 'another version');
    }
    throw notTelemetry(url, `it refused the hello (${String(answer.code)}: ${message})`);
  }
  if (answer.type !== 'hello') throw notTelemetry(url, `it answered the hello with a ${JSON.stringify(answer.type)}`);
  if (answer.server !== SERVER_KIND) {
    throw notTelemetry(url, `it calls itself ${JSON.stringify(answer.server)}, not ${JSON.stringify(SERVER_KIND)}`);
  }
  if (answer.protocol !== PROTOCOL_VERSION) throw mismatch(answer.protocol);
  let decoded: ReturnType<typeof decodeServerMessage>;
  try {
    decoded = decodeServerMessage(data);
  } catch (error) {
    throw new LinkFailure(
      'protocol_mismatch',
      `The server's hello does not follow protocol ${PROTOCOL_VERSION}: ${(error as Error).message}`,
    );
  }
  if (decoded.kind !== 'control' || decoded.message.type !== 'hello')
    throw notTelemetry(url, 'its hello is not a hello');
  return decoded.message;
}

/** Why the server closed the socket during the hello, from the close code alone. */
function closedDuringHello(url: string, code: number): LinkFailure {
  if (code === CLOSE_CODES.unauthorized) return new LinkFailure('unauthorized', 'The server refused the token.');
  if (code === CLOSE_CODES.protocol_mismatch) return mismatch('another version');
  return notTelemetry(url, `it closed the connection during the hello (close code ${code})`);
}

/** The http(s) address of a ws(s) URL, for the reachability probe. */
export function httpAddress(url: string): string {
  return url.replace(/^ws(s?):/i, 'http$1:');
}

/**
 * A browser hides why a WebSocket failed to open. An opaque HTTP request to the same address tells "nothing
 * listens there" (the request fails) from "something answers HTTP but refused the WebSocket" (it succeeds).
 * Undefined when the environment has no fetch.
 */
export async function answersHttp(url: string, timeoutMs: number): Promise<boolean | undefined> {
  if (typeof fetch !== 'function') return undefined;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    await fetch(httpAddress(url), { mode: 'no-cors', cache: 'no-store', signal: abort.signal });
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

function browserOrigin(): string | undefined {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  return origin && origin !== 'null' ? origin : undefined;
}

async function openFailure(url: string, timeouts: HandshakeTimeouts): Promise<LinkFailure> {
  const http = await answersHttp(url, timeouts.connectTimeoutMs);
  if (http) {
    const origin = browserOrigin();
    return new LinkFailure(
      'upgrade_refused',
      `A web server answers at ${httpAddress(url)} but refused the WebSocket. Either it is not an eRacing telemetry ` +
        `server, or the server does not allow this Grafana's origin${origin ? ` (${origin})` : ''}: add it to the ` +
        "server's allowed origins.",
    );
  }
  return new LinkFailure(
    'unreachable',
    `Cannot reach ${url}: nothing answered (connection refused, unknown host or blocked). The viewer's browser ` +
      'connects itself, so the address must be reachable from the browser, not a Docker-internal host name.',
  );
}

export interface OpenSocket {
  socket: WebSocket;
  hello: HelloResponse;
  /** Messages that arrived after the hello, before the caller took over the socket. */
  early: unknown[];
}

/** Opens a WebSocket with the global `WebSocket` and completes the hello. Rejects with a LinkFailure. */
export function openHandshake(
  settings: HandshakeSettings,
  timeouts: HandshakeTimeouts = DEFAULT_HANDSHAKE_TIMEOUTS,
): Promise<OpenSocket> {
  const { url } = settings;
  return new Promise((resolve, reject) => {
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch (error) {
      reject(new LinkFailure('unreachable', `Cannot open a WebSocket to ${url}: ${(error as Error).message}`));
      return;
    }
    socket.binaryType = 'arraybuffer';
    let opened = false;
    let settled = false;
    const settle = (failure: LinkFailure | Promise<LinkFailure>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.onopen = socket.onmessage = socket.onclose = null;
      if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) socket.close();
      Promise.resolve(failure).then(reject);
    };
    let timer = setTimeout(
      () => settle(new LinkFailure('timeout', `No answer from ${url} within ${timeouts.connectTimeoutMs / 1000} s.`)),
      timeouts.connectTimeoutMs,
    );
    socket.onopen = () => {
      opened = true;
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          settle(
            notTelemetry(
              url,
              `it accepted the WebSocket but did not answer the hello within ${timeouts.helloTimeoutMs / 1000} s`,
            ),
          ),
        timeouts.helloTimeoutMs,
      );
      socket.send(JSON.stringify(helloRequest(settings)));
    };
    socket.onmessage = (event: MessageEvent) => {
      let hello: HelloResponse;
      try {
        hello = readHelloAnswer(url, event.data);
      } catch (error) {
        settle(error as LinkFailure);
        return;
      }
      settled = true;
      clearTimeout(timer);
      const early: unknown[] = [];
      socket.onmessage = (later: MessageEvent) => early.push(later.data);
      socket.onopen = socket.onclose = null;
      resolve({ socket, hello, early });
    };
    // Errors are reported by the close that follows them; the handler stays so that none goes unhandled.
    socket.onerror = () => {};
    socket.onclose = (event: CloseEvent) =>
      settle(opened ? closedDuringHello(url, event.code) : openFailure(url, timeouts));
  });
}
