/** The JSON encoding of data batches: readable, easy for simple backends, and slow. */
import type { BatchHeader, ChannelColumn, TelemetryBatch } from '../protocol/batch';
import { batchHeader, checkRows, checkRuns, readBatchHeader } from './batch-check';
import { ProtocolError } from './protocol-error';

export interface JsonDataMessage extends BatchHeader {
  type: 'data';
  cars: TelemetryBatch['cars'];
  time: number[];
  /** Missing values are null (JSON has no NaN). */
  channels: Record<string, Array<number | null>>;
}

function toJsonColumn(column: ArrayLike<number>): Array<number | null> {
  const out = new Array<number | null>(column.length);
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    out[i] = Number.isFinite(v) ? v : null;
  }
  return out;
}

export function encodeJsonBatch(batch: TelemetryBatch): string {
  const channels: Record<string, Array<number | null>> = {};
  for (const [name, column] of Object.entries(batch.channels)) channels[name] = toJsonColumn(column);
  const message: JsonDataMessage = {
    type: 'data',
    ...batchHeader(batch),
    cars: batch.cars,
    time: Array.from(batch.time),
    channels,
  };
  return JSON.stringify(message);
}

function fromJsonColumn(name: string, values: unknown, rows: number): Float64Array {
  if (!Array.isArray(values) || values.length !== rows) {
    throw new ProtocolError('bad_message', `data.channels.${name} must be an array of ${rows} numbers or nulls`);
  }
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = values[i];
    if (typeof v === 'number') out[i] = v;
    else if (v === null) out[i] = NaN;
    else throw new ProtocolError('bad_message', `data.channels.${name}[${i}] is not a number or null`);
  }
  return out;
}

/** Validates a parsed JSON `data` message and turns it into a columnar batch. */
export function decodeJsonBatch(message: Record<string, unknown>): TelemetryBatch {
  const header = readBatchHeader(message);
  if (!Array.isArray(message.time)) throw new ProtocolError('bad_message', 'data.time must be an array');
  const rows = checkRows(message.time.length);
  const cars = checkRuns(message.cars, rows);
  const time = fromJsonColumn('time', message.time, rows);
  const channels: Record<string, ChannelColumn> = {};
  const source = message.channels;
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    throw new ProtocolError('bad_message', 'data.channels must be an object of columns');
  }
  for (const [name, values] of Object.entries(source)) channels[name] = fromJsonColumn(name, values, rows);
  return { ...header, time, cars, channels };
}
