/**
 * Turning batches into the rows of the sample tables: batches are grouped into one-second blocks per car, and each
 * block becomes a row of times, a row of values per channel and its summaries, written with one COPY per table.
 */
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from 'pg';
import type { ChannelColumn, ChannelInfo, ChannelType, SampleBatch } from '@eracing/telemetry-core';
import { extremes, slotBounds, SLOTS_PER_BLOCK, type BlockGeometry } from '../blocks';
import { CopyWriter } from './copy-binary';

/** A car's rows of one block: pieces of batches, joined when the block is written. */
interface CarRows {
  pieces: Array<{ batch: SampleBatch; start: number; length: number }>;
  length: number;
}

/** The rows of one block, per car index. */
export interface PendingBlock {
  block: number;
  cars: Map<number, CarRows>;
  lastSeq: number;
  /** Batches with samples in it. */
  batches: number;
}

/** Collects batches into blocks; a block is complete once a batch of a later block arrives, or its last seq. */
export class BlockCollector {
  private current?: PendingBlock;
  private readonly carIndex: Map<string, number>;

  /** With `cars` empty, cars are numbered as they first appear. */
  constructor(
    readonly geometry: BlockGeometry,
    cars: readonly string[],
    private readonly channels: readonly ChannelInfo[],
  ) {
    this.carIndex = new Map(cars.map((id, k) => [id, k]));
    this.open = cars.length === 0;
  }

  private readonly open: boolean;

  get cars(): string[] {
    return [...this.carIndex.keys()];
  }

  private get g(): BlockGeometry {
    return this.geometry;
  }

  /** Adds a batch; returns the blocks it completed. */
  add(seq: number, batch: SampleBatch): PendingBlock[] {
    const done: PendingBlock[] = [];
    const block = Math.floor(seq / this.g.seqsPerBlock);
    if (this.current && this.current.block !== block) done.push(this.current);
    if (!this.current || this.current.block !== block)
      this.current = { block, cars: new Map(), lastSeq: seq, batches: 0 };
    const current = this.current;
    current.lastSeq = seq;
    if (batch.time.length) current.batches++;
    for (const run of batch.cars) {
      if (this.open && !this.carIndex.has(run.car)) this.carIndex.set(run.car, this.carIndex.size);
      const car = this.carIndex.get(run.car);
      if (car === undefined) throw new Error(`batch ${seq} has car ${run.car}, which the session does not list`);
      if (!run.length) continue;
      let rows = current.cars.get(car);
      if (!rows) current.cars.set(car, (rows = { pieces: [], length: 0 }));
      rows.pieces.push({ batch, start: run.start, length: run.length });
      rows.length += run.length;
    }
    if ((seq + 1) % this.g.seqsPerBlock === 0) {
      done.push(current);
      this.current = undefined;
    }
    return done;
  }

  /** The block still collecting, if any, taken out. */
  takePartial(): PendingBlock | undefined {
    const partial = this.current;
    this.current = undefined;
    return partial;
  }

  get partial(): PendingBlock | undefined {
    return this.current;
  }
}

/** The four COPY streams of a set of blocks. */
export class BlockCopy {
  private readonly blocks = new CopyWriter();
  private readonly samples = new CopyWriter();
  private readonly blockSummaries = new CopyWriter();
  private readonly slotSummaries = new CopyWriter();
  /** Rows of sample values added. */
  values = 0;

  constructor(
    private readonly sessionKey: number,
    private readonly g: BlockGeometry,
    private readonly channels: readonly ChannelInfo[],
  ) {}

  add(pending: PendingBlock): void {
    const { block } = pending;
    for (const [car, rows] of pending.cars) {
      const n = rows.length;
      if (!n) continue;
      if (n > 32767) throw new Error(`car ${car} has ${n} rows in one block; at most 32767 fit`);
      const time = join(rows, (batch) => batch.time, 'f64') as Float64Array;
      this.blocks.row(5).int4(this.sessionKey).int2(car).int4(block).int4(n).float8Array(time);
      const bounds = slotBounds(this.g, block, time);
      const slotMin = new Float64Array(SLOTS_PER_BLOCK);
      const slotMinAt = new Int16Array(SLOTS_PER_BLOCK);
      const slotMax = new Float64Array(SLOTS_PER_BLOCK);
      const slotMaxAt = new Int16Array(SLOTS_PER_BLOCK);
      this.channels.forEach((c, k) => {
        // As stored: an f32 channel's values are float32, whatever the batch held.
        const stored = join(rows, (batch) => batch.channels[c.name], c.type);
        this.samples.row(6).int4(this.sessionKey).int2(car).int2(k).int4(block);
        if (c.type === 'f64') this.samples.null().float8Array(stored);
        else this.samples.float4Array(stored).null();
        // The block's extremes from its slots': slots are in row order, so the earliest on ties stays earliest.
        const e = { min: Infinity, minAt: -1, max: -Infinity, maxAt: -1 };
        for (let s = 0; s < SLOTS_PER_BLOCK; s++) {
          const x = extremes(stored, bounds[s], bounds[s + 1]);
          slotMin[s] = x.minAt < 0 ? NaN : x.min;
          slotMinAt[s] = x.minAt;
          slotMax[s] = x.minAt < 0 ? NaN : x.max;
          slotMaxAt[s] = x.maxAt;
          if (x.minAt >= 0 && x.min < e.min) [e.min, e.minAt] = [x.min, x.minAt];
          if (x.maxAt >= 0 && x.max > e.max) [e.max, e.maxAt] = [x.max, x.maxAt];
        }
        const w = this.blockSummaries.row(8).int4(this.sessionKey).int2(car).int2(k).int4(block);
        if (e.minAt < 0) w.null().null().null().null();
        else w.float8(e.min).int2(e.minAt).float8(e.max).int2(e.maxAt);
        const none = (i: number) => slotMinAt[i] < 0;
        this.slotSummaries
          .row(8)
          .int4(this.sessionKey)
          .int2(car)
          .int2(k)
          .int4(block)
          .float8Array(slotMin, none)
          .int2Array(slotMinAt, none)
          .float8Array(slotMax, none)
          .int2Array(slotMaxAt, none);
        this.values += n;
      });
    }
  }

  get empty(): boolean {
    return !this.blocks.rows;
  }

  /** Sends the rows on `client` (inside the caller's transaction). */
  async send(client: PoolClient): Promise<void> {
    if (this.empty) return;
    await copy(client, 'sample_blocks (session_key, car, block, n, times)', this.blocks.finish());
    await copy(client, 'samples (session_key, car, channel, block, v4, v8)', this.samples.finish());
    await copy(
      client,
      'block_summaries (session_key, car, channel, block, min, min_at, max, max_at)',
      this.blockSummaries.finish(),
    );
    await copy(
      client,
      'slot_summaries (session_key, car, channel, block, mins, min_at, maxs, max_at)',
      this.slotSummaries.finish(),
    );
  }
}

function copy(client: PoolClient, table: string, data: Buffer): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const stream = client.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT binary)`));
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(data);
  });
}

/** One column of a car's rows in a block, NaN where a batch lacks the channel. */
function join(
  rows: CarRows,
  column: (batch: SampleBatch) => ChannelColumn | undefined,
  type: ChannelType,
): ChannelColumn {
  const out = type === 'f64' ? new Float64Array(rows.length) : new Float32Array(rows.length);
  let at = 0;
  for (const piece of rows.pieces) {
    const source = column(piece.batch);
    if (source) out.set(source.subarray(piece.start, piece.start + piece.length), at);
    else out.fill(NaN, at, at + piece.length);
    at += piece.length;
  }
  return out;
}
