/** Reading blocks back from the sample tables: the two queries (times, values) and the blocks built from their rows. */
import type pg from 'pg';
import type { ChannelType } from '@eracing/telemetry-core/channels';
import type { SampleBatch } from '@eracing/telemetry-core/protocol';
import type { CarBlock } from '../blocks';
import type { BlockReader } from '../history';
import { columnFromBytes } from './copy-binary';

export type Row = Record<string, unknown>;

export const TIMES_SQL = (where: string) =>
  `SELECT car, block, times FROM sample_blocks WHERE session_key = $1 AND ${where} ORDER BY car, block`;
export const VALUES_SQL = (where: string) =>
  `SELECT car, block, channel, vals FROM samples WHERE session_key = $1 AND ${where} ORDER BY car, block, channel`;

/** What the history reads of a stored session (its decimation, its rows by position) ask of it. */
export interface PgSessionReads extends BlockReader {
  readonly pool: pg.Pool;
  /** The session's key in the sessions table. */
  readonly key: number;
  hasCar(car: string): boolean;
  carNumber(car: string): number;
  channelNumbers(channels: readonly string[]): number[];
  /** One car's blocks matching `where` (parameters from $3: `extra`), with the given channels. */
  fetch(car: string, where: string, extra: unknown[], channels: readonly string[]): Promise<CarBlock[]>;
  rows(car: string, from: number, to: number, channels: readonly string[]): Promise<SampleBatch>;
}

function bytes(value: unknown): Uint8Array {
  return value as Uint8Array;
}

/** Blocks from the rows of the two queries, keyed by car index then block, columns in `channels` order. */
export function assembleBlocks(
  timeRows: Row[],
  valueRows: Row[],
  channels: readonly number[],
  types: readonly ChannelType[],
): Map<number, CarBlock[]> {
  const out = new Map<number, CarBlock[]>();
  const index = new Map<string, CarBlock>();
  for (const r of timeRows) {
    const car = Number(r.car);
    const time = columnFromBytes(bytes(r.times), 'f64') as Float64Array;
    const block: CarBlock = {
      block: Number(r.block),
      time,
      columns: channels.map((_, k) =>
        types[k] === 'f64' ? new Float64Array(time.length).fill(NaN) : new Float32Array(time.length).fill(NaN),
      ),
    };
    let list = out.get(car);
    if (!list) out.set(car, (list = []));
    list.push(block);
    index.set(`${car}:${block.block}`, block);
  }
  const slot = new Map(channels.map((c, k) => [c, k]));
  for (const r of valueRows) {
    const block = index.get(`${Number(r.car)}:${Number(r.block)}`);
    const k = slot.get(Number(r.channel));
    if (!block || k === undefined) continue;
    const values = columnFromBytes(bytes(r.vals), types[k]);
    if (values.length === block.time.length) block.columns[k] = values;
    else block.columns[k].set(values.subarray(0, block.time.length));
  }
  return out;
}
