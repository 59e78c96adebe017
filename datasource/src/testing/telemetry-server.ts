/**
 * Integration-test support: the real reference server in-process on 127.0.0.1, a simulator session that has been
 * running for a few minutes, and the `ws` package's WebSocket as the global one the datasource uses in a browser.
 */
import { startServer, type RunningServer, type ServerOptions } from '../../../packages/reference-server/src';
import { createSimulatorSource, type SimulatorSource } from '../../../packages/reference-server/src/simulator';
import { WebSocket as NodeWebSocket } from 'ws';

/** Installs the `ws` client as `globalThis.WebSocket`: a real socket, browser API. */
export function installNodeWebSocket(): void {
  (globalThis as { WebSocket?: unknown }).WebSocket = NodeWebSocket;
}

export const SIM_CARS = 4;
export const SIM_SEED = 7;

export interface SimSession {
  source: SimulatorSource;
  startTime: number;
}

/** A live simulator session that started `minutes` ago; the same start time gives the same session (and epoch). */
export function simSession(startTime = Date.now() - 6 * 60_000): SimSession {
  return { source: createSimulatorSource({ seed: SIM_SEED, startTime, cars: SIM_CARS, now: Date.now() }), startTime };
}

const running = new Set<RunningServer>();

export async function serveTelemetry(options: Partial<ServerOptions> & { session?: SimSession } = {}) {
  const session = options.session ?? simSession();
  const server = await startServer({
    resumeWindowMs: 60_000,
    ...options,
    sessions: options.sessions ?? [session.source],
  });
  running.add(server);
  return { server, session };
}

export async function stopServer(server: RunningServer): Promise<void> {
  running.delete(server);
  await server.close();
}

export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => stopServer(server)));
}
