/** Wire protocol version. A server answers a hello with another version with `protocol_mismatch`. */
export const PROTOCOL_VERSION = 1;

/** What a server built on this package calls itself in its hello. */
export const SERVER_KIND = 'eracing-telemetry';

/** Encodings of data batches. `json` for simple backends, `binary` for speed (see docs/protocol.md). */
export const ENCODINGS = ['json', 'binary'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Default caps; a server announces its own in the hello `limits`. */
export const DEFAULT_LIMITS = {
  /** Largest text message a server accepts from a client. */
  maxMessageBytes: 64 * 1024,
  maxSubscriptions: 64,
  /** Rows per car a lap query returns at full resolution. */
  maxLapRows: 200_000,
  /** Upper bound on `maxPoints` of a time-range query. */
  maxPoints: 100_000,
  resumeWindowMs: 10 * 60 * 1000,
  batchMs: 100,
};
export type ServerLimits = typeof DEFAULT_LIMITS;
