/**
 * History reads of one car: every row of a time range, or the range decimated by min/max. Every source answers them
 * asynchronously, so that a long read never holds the event loop: recorded files are read with asynchronous reads in
 * pieces, PostgreSQL answers from its summaries, and a computed source (the simulator, a replay) yields between
 * pieces.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ChannelType } from '@eracing/telemetry-core/channels';
import type { ChannelColumn, SampleBatch } from '@eracing/telemetry-core/protocol';
import { emptyBatch } from '../recording/batch-build';
import { concatRows, sliceRuns } from '../server/rows';
import type { SessionSource } from '../source';
import {
  blockGeometry,
  blockSpan,
  blockStart,
  BucketPicker,
  initialBuckets,
  levelFor,
  position,
  splitPosition,
  type BlockGeometry,
  type CarBlock,
} from './blocks';

export interface DecimatedRows {
  batch: SampleBatch;
  /** False when every row fit in maxPoints and all were returned. */
  decimated: boolean;
}

export interface HistoryReader {
  /** Every row of `car` with from <= time < to, the given channels, in time order. */
  rows(car: string, from: number, to: number, channels: readonly string[]): Promise<SampleBatch>;
  /** The same rows, decimated by min/max to at most maxPoints (all of them when they fit). */
  decimated(
    car: string,
    from: number,
    to: number,
    channels: readonly string[],
    maxPoints: number,
  ): Promise<DecimatedRows>;
}

/** What a store reads blocks with; the decimation itself is shared. */
export interface BlockReader {
  readonly geometry: BlockGeometry;
  channelType(name: string): ChannelType;
  /** The car's blocks lo … hi (those with rows), in order, with the given channels. */
  blocks(car: string, lo: number, hi: number, channels: readonly string[]): AsyncIterable<CarBlock>;
  /** The car's given blocks (ascending), with the given channels. */
  someBlocks(car: string, blocks: readonly number[], channels: readonly string[]): AsyncIterable<CarBlock>;
}

/** Rows [a, b) of a block that lie in [from, to). */
export function rowsInRange(block: CarBlock, from: number, to: number): [a: number, b: number] {
  const t = block.time;
  let a = 0;
  while (a < t.length && t[a] < from) a++;
  let b = a;
  while (b < t.length && t[b] < to) b++;
  return [a, b];
}

function column(type: ChannelType, length: number): ChannelColumn {
  return type === 'f64' ? new Float64Array(length) : new Float32Array(length);
}

/** One car's batch from positions picked out of blocks. */
export async function rowsAt(
  reader: BlockReader,
  car: string,
  positions: readonly number[],
  channels: readonly string[],
): Promise<SampleBatch> {
  const time = new Float64Array(positions.length);
  const columns = channels.map((name) => column(reader.channelType(name), positions.length));
  const wanted = [...new Set(positions.map((p) => splitPosition(p)[0]))];
  let k = 0;
  for await (const block of reader.someBlocks(car, wanted, channels)) {
    while (k < positions.length) {
      const [b, i] = splitPosition(positions[k]);
      if (b !== block.block) break;
      time[k] = block.time[i];
      block.columns.forEach((c, j) => (columns[j][k] = c[i]));
      k++;
    }
  }
  if (k !== positions.length) throw new Error(`rows of car ${car} vanished while being read`);
  const out: SampleBatch['channels'] = {};
  channels.forEach((name, j) => (out[name] = columns[j]));
  return { time, cars: positions.length ? [{ car, start: 0, length: positions.length }] : [], channels: out };
}

/**
 * Decimation over blocks: one pass picks the extremes of every cell, a second reads the picked rows. Used as is by
 * the file store and computed sources; PostgreSQL replaces the first pass over whole blocks by its summaries.
 */
export async function decimateBlocks(
  reader: BlockReader,
  car: string,
  from: number,
  to: number,
  channels: readonly string[],
  maxPoints: number,
  allRows: () => Promise<SampleBatch>,
): Promise<DecimatedRows> {
  const g = reader.geometry;
  const buckets = initialBuckets(maxPoints);
  const level = levelFor(g, (to - from) / buckets);
  const picker = new BucketPicker(buckets, from, to, channels.length);
  const [lo, hi] = blockSpan(g, from, to);
  let rows = 0;
  let first = -1;
  let last = -1;
  let seen = 0;
  for await (const block of reader.blocks(car, lo, hi, channels)) {
    // Let live batches out between pieces of work.
    if (++seen % 8 === 0) await nextTurn();
    const [a, b] = rowsInRange(block, from, to);
    if (a >= b) continue;
    rows += b - a;
    if (first < 0) first = position(block.block, a);
    last = position(block.block, b - 1);
    picker.offerBlock(g, level, block, a, b);
  }
  if (rows <= maxPoints) return { batch: await allRows(), decimated: false };
  return { batch: await rowsAt(reader, car, picker.finish(maxPoints, first, last), channels), decimated: true };
}

/** A long range is read in pieces of this span. */
export const READ_PIECE_MS = 60_000;

/** History of any source through `range` (synchronous, or asynchronous like the file store's), in pieces. */
export class RangeHistory implements HistoryReader, BlockReader {
  readonly geometry: BlockGeometry;

  constructor(
    private readonly source: SessionSource,
    private readonly read: (from: number, to: number, car: string) => Promise<SampleBatch> | SampleBatch,
  ) {
    this.geometry = blockGeometry(source.summary.startTime, source.batchMs);
  }

  channelType(name: string): ChannelType {
    return this.source.channels.find((c) => c.name === name)?.type ?? 'f32';
  }

  private async piece(from: number, to: number, car: string, channels: readonly string[]): Promise<SampleBatch> {
    const batch = await this.read(from, to, car);
    await nextTurn();
    return sliceRuns(
      batch,
      batch.cars.filter((run) => run.car === car),
      channels,
    );
  }

  async rows(car: string, from: number, to: number, channels: readonly string[]): Promise<SampleBatch> {
    if (!(to > from)) return emptyBatch(channels.map((name) => ({ name, type: this.channelType(name) })));
    const pieces: SampleBatch[] = [];
    for (let at = from; at < to; at += READ_PIECE_MS)
      pieces.push(await this.piece(at, Math.min(to, at + READ_PIECE_MS), car, channels));
    return pieces.length === 1 ? pieces[0] : concatRows(pieces, channels);
  }

  decimated(car: string, from: number, to: number, channels: readonly string[], maxPoints: number) {
    return decimateBlocks(this, car, from, to, channels, maxPoints, () => this.rows(car, from, to, channels));
  }

  async *blocks(car: string, lo: number, hi: number, channels: readonly string[]): AsyncIterable<CarBlock> {
    const piece = Math.max(1, Math.floor(READ_PIECE_MS / this.geometry.blockMs));
    for (let b = lo; b <= hi; b += piece) {
      const end = Math.min(hi + 1, b + piece);
      yield* this.split(
        await this.piece(blockStart(this.geometry, b), blockStart(this.geometry, end), car, channels),
        channels,
      );
    }
  }

  async *someBlocks(car: string, blocks: readonly number[], channels: readonly string[]): AsyncIterable<CarBlock> {
    let k = 0;
    while (k < blocks.length) {
      // Neighbouring blocks are read together.
      let end = k + 1;
      while (end < blocks.length && blocks[end] - blocks[k] < 64) end++;
      const batch = await this.piece(
        blockStart(this.geometry, blocks[k]),
        blockStart(this.geometry, blocks[end - 1] + 1),
        car,
        channels,
      );
      const wanted = new Set(blocks.slice(k, end));
      for (const block of this.split(batch, channels)) if (wanted.has(block.block)) yield block;
      k = end;
    }
  }

  /** A one-car batch cut into its blocks by time. */
  private *split(batch: SampleBatch, channels: readonly string[]): Iterable<CarBlock> {
    const g = this.geometry;
    const t = batch.time;
    let i = 0;
    while (i < t.length) {
      const block = Math.floor((t[i] - g.startTime) / g.blockMs);
      const end = blockStart(g, block + 1);
      let j = i;
      while (j < t.length && t[j] < end) j++;
      yield { block, time: t.subarray(i, j), columns: channels.map((name) => batch.channels[name].subarray(i, j)) };
      i = j;
    }
  }
}

const readers = new WeakMap<SessionSource, HistoryReader>();

/** The source's own history reader, or one over its `range`. */
export function historyOf(source: SessionSource): HistoryReader {
  if (source.history) return source.history;
  let reader = readers.get(source);
  if (!reader)
    readers.set(source, (reader = new RangeHistory(source, (from, to, car) => source.range(from, to, [car]))));
  return reader;
}
