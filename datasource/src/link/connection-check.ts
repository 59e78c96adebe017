/**
 * "Save & test": connects with the settings being edited, says hello, and reports the server and its sessions,
 * or exactly why it cannot be used. A default session that names a session id is checked too.
 */
import { decodeServerMessage } from '@eracing/telemetry-core/codec';

import { serverUrlProblem } from '../url';
import {
  DEFAULT_HANDSHAKE_TIMEOUTS,
  LinkFailure,
  openHandshake,
  type HandshakeSettings,
  type HandshakeTimeouts,
  type LinkFailureKind,
} from './handshake';

export interface ConnectionCheck {
  status: 'success' | 'error';
  message: string;
  /** Why it failed: `url` for settings that cannot work, otherwise the failure's kind. */
  failure?: LinkFailureKind | 'url' | 'default_session';
}

const ALIASES = new Set(['', 'live', 'latest']);

/** Asks the catalog for `session` on an open socket; resolves with the server's error message, or undefined. */
function sessionProblem(socket: WebSocket, session: string, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(`The server did not describe session "${session}" in time.`), timeoutMs);
    socket.onmessage = (event: MessageEvent) => {
      try {
        const decoded = decodeServerMessage(event.data);
        if (decoded.kind !== 'control' || !('id' in decoded.message) || decoded.message.id !== 'check') return;
        clearTimeout(timer);
        const answer = decoded.message;
        resolve(answer.type === 'error' ? `The default session does not work: ${answer.message}` : undefined);
      } catch {
        // Not the answer; keep waiting.
      }
    };
    socket.send(JSON.stringify({ type: 'catalog', id: 'check', session }));
  });
}

export async function checkConnection(
  settings: HandshakeSettings & { defaultSession?: string },
  timeouts: HandshakeTimeouts = DEFAULT_HANDSHAKE_TIMEOUTS,
): Promise<ConnectionCheck> {
  const problem = serverUrlProblem(settings.url);
  if (problem) return { status: 'error', message: problem, failure: 'url' };
  const url = settings.url.trim();
  let open;
  try {
    open = await openHandshake({ ...settings, url }, timeouts);
  } catch (error) {
    const failure = error instanceof LinkFailure ? error : new LinkFailure('unreachable', String(error));
    return { status: 'error', message: failure.message, failure: failure.kind };
  }
  const { socket, hello } = open;
  try {
    const session = settings.defaultSession?.trim() ?? '';
    if (!ALIASES.has(session)) {
      const wrong = await sessionProblem(socket, session, timeouts.helloTimeoutMs);
      if (wrong) return { status: 'error', message: wrong, failure: 'default_session' };
    }
  } finally {
    socket.close(1000, 'test done');
  }
  const sessions = `${hello.sessions} session${hello.sessions === 1 ? '' : 's'}`;
  const live = hello.liveSession ? `, live: ${hello.liveSession}` : ', none live';
  return {
    status: 'success',
    message: `Connected to eRacing telemetry server ${hello.serverVersion} (protocol ${hello.protocol}): ${sessions}${live}.`,
  };
}
