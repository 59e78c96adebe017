/** The handshake: the first message must be a hello in this protocol version, with the token when one is set. */
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  CLOSE_CODES,
  ENCODINGS,
  ERROR_CODES,
  PROTOCOL_VERSION,
  SERVER_KIND,
  type ClientMessage,
  type ErrorCode,
  type HelloRequest,
  type HelloResponse,
} from '@eracing/telemetry-core/protocol';
import { CAPABILITIES } from './limits';
import type { ServerConfig } from './options';
import type { SessionRegistry } from './sessions';

export interface HelloRefusal {
  code: ErrorCode;
  message: string;
  closeCode: number;
  details?: Record<string, unknown>;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Compares digests, so the time taken says nothing about the token. */
function tokenMatches(given: string | undefined, expected: string): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}

/**
 * The hello in a first message, or why the message is refused. `message` is undefined when the first message could
 * not be read at all; `why` then says what was wrong with it.
 */
export function admitHello(
  message: ClientMessage | undefined,
  why: string,
  token: string | undefined,
): HelloRequest | HelloRefusal {
  if (message?.type !== 'hello') {
    return {
      code: 'hello_required',
      message: `${ERROR_CODES.hello_required} Instead ${why}.`,
      closeCode: CLOSE_CODES.hello_required,
    };
  }
  if (message.protocol !== PROTOCOL_VERSION) {
    return {
      code: 'protocol_mismatch',
      message: `This server speaks protocol ${PROTOCOL_VERSION}; the client speaks ${message.protocol}`,
      closeCode: CLOSE_CODES.protocol_mismatch,
      details: { server: PROTOCOL_VERSION, client: message.protocol },
    };
  }
  if (token !== undefined && !tokenMatches(message.token, token)) {
    const reason = message.token === undefined ? 'A token is required' : 'The token is wrong';
    return { code: 'unauthorized', message: reason, closeCode: CLOSE_CODES.unauthorized };
  }
  return message;
}

export function helloAnswer(
  request: HelloRequest,
  sessions: SessionRegistry,
  config: ServerConfig,
  serverVersion: string,
): HelloResponse {
  const live = sessions.live();
  const response: HelloResponse = {
    type: 'hello',
    server: SERVER_KIND,
    serverVersion,
    protocol: PROTOCOL_VERSION,
    epoch: sessions.epoch(),
    capabilities: [...CAPABILITIES],
    encodings: [...ENCODINGS],
    encoding: request.encoding ?? 'json',
    sessions: sessions.size,
    limits: { ...config.limits, batchMs: live?.batchMs ?? config.limits.batchMs },
  };
  if (live) response.liveSession = live.id;
  return response;
}
