import type { BatchHeader, CarRun } from '../protocol/batch';
import { ProtocolError } from './protocol-error';

/** Largest number of rows a decoder accepts in one batch. */
const MAX_BATCH_ROWS = 2_000_000;

/** Checks that car runs tile rows [0, rows) in order, so every row belongs to exactly one car. */
export function checkRuns(cars: unknown, rows: number): CarRun[] {
  if (!Array.isArray(cars)) throw new ProtocolError('bad_message', 'data.cars must be an array of car runs');
  let next = 0;
  for (const run of cars as CarRun[]) {
    if (
      typeof run !== 'object' ||
      run === null ||
      typeof run.car !== 'string' ||
      run.start !== next ||
      !Number.isInteger(run.length) ||
      run.length < 0
    ) {
      throw new ProtocolError(
        'bad_message',
        `data.cars: run for car ${JSON.stringify(run?.car)} must start at row ${next}`,
      );
    }
    next += run.length;
  }
  if (next !== rows) throw new ProtocolError('bad_message', `data.cars covers ${next} rows but the batch has ${rows}`);
  return cars as CarRun[];
}

export function checkRows(rows: unknown): number {
  if (!Number.isInteger(rows) || (rows as number) < 0 || (rows as number) > MAX_BATCH_ROWS) {
    throw new ProtocolError('bad_message', `data.rows must be an integer from 0 to ${MAX_BATCH_ROWS}`);
  }
  return rows as number;
}

/** The header fields of a batch, without its columns: what both encodings put on the wire. */
export function batchHeader(batch: BatchHeader): BatchHeader {
  const header: BatchHeader = { session: batch.session, epoch: batch.epoch };
  if (batch.subscription !== undefined) header.subscription = batch.subscription;
  if (batch.seq !== undefined) header.seq = batch.seq;
  if (batch.query !== undefined) header.query = batch.query;
  if (batch.decimated === true) header.decimated = true;
  return header;
}

const optional = (value: unknown, type: 'string' | 'number') => value === undefined || typeof value === type;

/** Reads and checks the header fields of a received batch, in either encoding. */
export function readBatchHeader(value: Record<string, unknown>): BatchHeader {
  if (typeof value.session !== 'string' || typeof value.epoch !== 'string') {
    throw new ProtocolError('bad_message', 'data.session and data.epoch must be strings');
  }
  if (!optional(value.subscription, 'string') || !optional(value.query, 'string')) {
    throw new ProtocolError('bad_message', 'data.subscription and data.query must be strings when present');
  }
  if (value.seq !== undefined && !Number.isInteger(value.seq)) {
    throw new ProtocolError('bad_message', 'data.seq must be an integer when present');
  }
  return batchHeader(value as unknown as BatchHeader);
}
