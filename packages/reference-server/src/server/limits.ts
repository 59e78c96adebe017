import { DEFAULT_LIMITS, type ServerLimits } from '@eracing/telemetry-core/protocol';

/** ws drops any frame larger than this before the application sees it; the app enforces `maxMessageBytes` below it. */
export const HARD_MAX_PAYLOAD = 1024 * 1024;

/** Send-buffer thresholds: above `softBytes` live batches are thinned, above `hardBytes` the client is dropped. */
export const DEFAULT_SLOW_CLIENT = { softBytes: 4 * 1024 * 1024, hardBytes: 16 * 1024 * 1024 };

export const DEFAULT_HEARTBEAT_MS = 15_000;
export const HELLO_TIMEOUT_MS = 10_000;
/** Grace given to a closing connection to flush its close frame before the socket is destroyed. */
export const CLOSE_GRACE_MS = 2_000;
/** A slow client gets longer: it must read what is already queued before it sees why it was dropped. */
export const SLOW_CLIENT_GRACE_MS = 5_000;

/** History queries running at once, server-wide and per connection; the rest wait their turn. */
export const QUERIES_AT_ONCE = 4;
export const QUERIES_PER_CONNECTION = 2;

export const CAPABILITIES = ['live', 'resume', 'history', 'laps', 'aggregates', 'events', 'binary'] as const;

export function resolveLimits(limits: Partial<ServerLimits> = {}, resumeWindowMs?: number): ServerLimits {
  const resolved = { ...DEFAULT_LIMITS, ...limits };
  if (resumeWindowMs !== undefined) resolved.resumeWindowMs = resumeWindowMs;
  if (resolved.maxMessageBytes > HARD_MAX_PAYLOAD) resolved.maxMessageBytes = HARD_MAX_PAYLOAD;
  return resolved;
}
