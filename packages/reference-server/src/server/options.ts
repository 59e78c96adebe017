import type { ServerLimits } from '@eracing/telemetry-core/protocol';
import type { SessionSource } from '../source';
import { DEFAULT_HEARTBEAT_MS, DEFAULT_SLOW_CLIENT, resolveLimits } from './limits';

export interface SlowClientLimits {
  softBytes: number;
  hardBytes: number;
}

export interface ServerOptions {
  /** 0 picks any free port. Default 0. */
  port?: number;
  /** Default 127.0.0.1: only this machine can connect. */
  host?: string;
  /** When set, every client must send it in its hello. */
  token?: string;
  /** Browser origins allowed to connect; a request without an Origin header (not a browser) is always allowed. */
  allowedOrigins?: string[];
  sessions: SessionSource[];
  /** How far back a reconnecting client can resume without a gap. Default 10 minutes. */
  resumeWindowMs?: number;
  limits?: Partial<ServerLimits>;
  /** Wall clock in epoch ms; tests and benchmarks inject an accelerated one. */
  clock?: () => number;
  slowClient?: SlowClientLimits;
  /** WebSocket ping interval; a peer that has not answered the previous ping is dropped. Default 15 s. */
  heartbeatMs?: number;
  /** History queries running at once server-wide; the rest queue, taken round-robin over connections. Default 4. */
  queriesAtOnce?: number;
  log?: (line: string) => void;
}

export interface RunningServer {
  port: number;
  /** ws://host:port */
  url: string;
  addSession(source: SessionSource): void;
  removeSession(id: string): void;
  close(): Promise<void>;
}

/** Everything the connections, feeds and queries read, resolved once at start-up. */
export interface ServerConfig {
  limits: ServerLimits;
  clock: () => number;
  slowClient: SlowClientLimits;
  heartbeatMs: number;
  token?: string;
  allowedOrigins?: ReadonlySet<string>;
  log: (line: string) => void;
}

export function resolveConfig(options: ServerOptions): ServerConfig {
  const slowClient = options.slowClient ?? DEFAULT_SLOW_CLIENT;
  if (!(slowClient.softBytes > 0 && slowClient.hardBytes > slowClient.softBytes)) {
    throw new Error('slowClient.hardBytes must be greater than slowClient.softBytes > 0');
  }
  return {
    limits: resolveLimits(options.limits, options.resumeWindowMs),
    clock: options.clock ?? Date.now,
    slowClient,
    heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
    token: options.token || undefined,
    allowedOrigins: options.allowedOrigins ? new Set(options.allowedOrigins) : undefined,
    log: options.log ?? (() => {}),
  };
}
