import type { ErrorCode } from '../protocol/errors';

/** A message that broke the protocol, with the code to report it under. */
export class ProtocolError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}
