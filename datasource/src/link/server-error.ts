import type { ErrorMessage } from '@eracing/telemetry-core/protocol';

/** An `error` answer from the server, kept whole: its code, its message and the details that name what exists. */
export class ServerError extends Error {
  readonly code: ErrorMessage['code'];
  readonly details?: Record<string, unknown>;

  constructor(answer: Pick<ErrorMessage, 'code' | 'message' | 'details'>) {
    super(answer.message);
    this.name = 'ServerError';
    this.code = answer.code;
    this.details = answer.details;
  }
}

/** The text a panel shows for a failed query: the server's own message and its code. */
export function describeFailure(error: unknown): { message: string; code?: string } {
  if (error instanceof ServerError) return { message: `${error.message} (${error.code})`, code: error.code };
  if (error instanceof Error) return { message: error.message };
  return { message: String(error) };
}
