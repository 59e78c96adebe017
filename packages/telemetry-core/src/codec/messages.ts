/** Both ends of the wire: parse and validate what arrives, encode what leaves. */
import type { z } from 'zod';
import type { TelemetryBatch } from '../protocol/batch';
import { clientMessage, CLIENT_MESSAGE_TYPES, type ClientMessage } from '../protocol/requests';
import { controlMessage, type ControlMessage, type ErrorMessage } from '../protocol/responses';
import type { Encoding } from '../protocol/version';
import { ERROR_CODES, type ErrorCode } from '../protocol/errors';
import { decodeBinaryBatch, encodeBinaryBatch } from './binary-batch';
import { decodeJsonBatch, encodeJsonBatch } from './json-batch';
import { ProtocolError } from './protocol-error';

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'message'}: ${issue.message}`)
    .join('; ');
}

const textDecoder = new TextDecoder();
const textEncoder = new TextEncoder();

/** UTF-8 length; a string longer than the cap in UTF-16 units is over it in bytes too, so skip the encode. */
function utf8Length(text: string, cap: number): number {
  return text.length > cap ? text.length : textEncoder.encode(text).length;
}

function parseJson(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ProtocolError('bad_json', `The message is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProtocolError('bad_message', 'A message must be a JSON object with a "type"');
  }
  return value as Record<string, unknown>;
}

/** Server side: a client's text message, size-capped and validated. Throws ProtocolError. */
export function decodeClientMessage(data: string | Uint8Array, maxBytes: number): ClientMessage {
  const bytes = typeof data === 'string' ? utf8Length(data, maxBytes) : data.byteLength;
  if (bytes > maxBytes) {
    throw new ProtocolError('message_too_large', `The message is ${bytes} bytes; the limit is ${maxBytes}`, {
      bytes,
      limit: maxBytes,
    });
  }
  const value = parseJson(typeof data === 'string' ? data : textDecoder.decode(data));
  if (typeof value.type !== 'string' || !(CLIENT_MESSAGE_TYPES as readonly string[]).includes(value.type)) {
    throw new ProtocolError(
      'unknown_type',
      `Unknown message type ${JSON.stringify(value.type)}; expected one of ${CLIENT_MESSAGE_TYPES.join(', ')}`,
      { id: typeof value.id === 'string' ? value.id : undefined },
    );
  }
  const parsed = clientMessage.safeParse(value);
  if (!parsed.success) {
    throw new ProtocolError('bad_message', `Bad ${value.type} message: ${describeIssues(parsed.error)}`, {
      id: typeof value.id === 'string' ? value.id : undefined,
    });
  }
  return parsed.data;
}

export type ServerMessage = { kind: 'batch'; batch: TelemetryBatch } | { kind: 'control'; message: ControlMessage };

/** Client side: a server message, text or binary, validated. Throws ProtocolError. */
export function decodeServerMessage(data: string | ArrayBuffer | Uint8Array): ServerMessage {
  if (typeof data !== 'string') return { kind: 'batch', batch: decodeBinaryBatch(data) };
  const value = parseJson(data);
  if (value.type === 'data') return { kind: 'batch', batch: decodeJsonBatch(value) };
  const parsed = controlMessage.safeParse(value);
  if (!parsed.success) {
    throw new ProtocolError(
      'bad_message',
      `Bad ${String(value.type)} message from server: ${describeIssues(parsed.error)}`,
    );
  }
  return { kind: 'control', message: parsed.data };
}

export function encodeBatch(batch: TelemetryBatch, encoding: Encoding): string | Uint8Array {
  return encoding === 'binary' ? encodeBinaryBatch(batch) : encodeJsonBatch(batch);
}

export function errorMessage(
  code: ErrorCode,
  message: string = ERROR_CODES[code],
  extra: Pick<ErrorMessage, 'id' | 'subscription' | 'details'> = {},
): ErrorMessage {
  const out: ErrorMessage = { type: 'error', code, message };
  if (extra.id !== undefined) out.id = extra.id;
  if (extra.subscription !== undefined) out.subscription = extra.subscription;
  if (extra.details !== undefined) out.details = extra.details;
  return out;
}
