/**
 * Turning batches into the rows of the sample tables: batches are grouped into one-second blocks per car, and each
 * block becomes a row of times and a row per channel with its values and summaries, written with one COPY per table.
 */
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from 'pg';
import type { ChannelInfo, ChannelType } from '@eracing/telemetry-core/channels';
import type { ChannelColumn, SampleBatch } from '@eracing/telemetry-core/protocol';
import { extremes, slotBounds, SLOTS_PER_BLOCK, type BlockGeometry } from '../blocks';
import { CopyWriter, littleEndianBytes } from './copy-binary';

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

/** The two COPY streams of a set of blocks: the cars' times, and each channel's values with their summaries. */
export class BlockCopy {
  private readonly blocks = new CopyWriter();
  private readonly samples = new CopyWriter();
  /** Rows of sample values added. */
  values = 0;

  constructor(
    private readonly sessionKey: number,
    private readonly g: BlockGeometry,
    private readonly channels: readonly ChannelInfo[],
  ) {}

  add(pending: PendingBlock): void {
    const { block } = pending;
    const slotMin = new Float64Array(SLOTS_PER_BLOCK);
    const slotMinAt = new Int16Array(SLOTS_PER_BLOCK);
    const slotMax = new Float64Array(SLOTS_PER_BLOCK);
    const slotMaxAt = new Int16Array(SLOTS_PER_BLOCK);
    const none = (i: number) => slotMinAt[i] < 0;
    for (const [car, rows] of pending.cars) {
      const n = rows.length;
      if (!n) continue;
      if (n > 32767) throw new Error(`car ${car} has ${n} rows in one block; at most 32767 fit`);
      const time = join(rows, (batch) => batch.time, 'f64') as Float64Array;
      this.blocks.row(5).int4(this.sessionKey).int2(car).int4(block).int4(n).bytea(littleEndianBytes(time));
      const bounds = slotBounds(this.g, block, time);
      this.channels.forEach((c, k) => {
        // As stored: an f32 channel's values are float32, whatever the batch held.
        const stored = join(rows, (batch) => batch.channels[c.name], c.type);
        // The block's extremes from its slots': slots are in row order, so the earliest on ties stays earliest.
        let min = Infinity;
        let minAt = -1;
        let max = -Infinity;
        let maxAt = -1;
        for (let s = 0; s < SLOTS_PER_BLOCK; s++) {
          const x = extremes(stored, bounds[s], bounds[s + 1]);
          slotMin[s] = x.minAt < 0 ? NaN : x.min;
          slotMinAt[s] = x.minAt;
          slotMax[s] = x.minAt < 0 ? NaN : x.max;
          slotMaxAt[s] = x.maxAt;
          if (x.minAt >= 0 && x.min < min) [min, minAt] = [x.min, x.minAt];
          if (x.maxAt >= 0 && x.max > max) [max, maxAt] = [x.max, x.maxAt];
        }
        const w = this.samples.row(13).int4(this.sessionKey).int2(car).int2(k).int4(block);
        w.bytea(littleEndianBytes(stored));
        if (minAt < 0) w.null().null().null().null();
        else w.float8(min).int2(minAt).float8(max).int2(maxAt);
        w.float8Array(slotMin, none).int2Array(slotMinAt, none).float8Array(slotMax, none).int2Array(slotMaxAt, none);
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
    await copy(
      client,
      `samples (session_key, car, channel, block, vals, min, min_at, max, max_at,
        slot_min, slot_min_at, slot_max, slot_max_at)`,
      this.samples.finish(),
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
  if (rows.pieces.length === 1) {
    // One batch's rows: its own column, when it has the stored type.
    const { batch, start, length } = rows.pieces[0];
    const source = column(batch);
    if (source && (type === 'f64' ? source instanceof Float64Array : source instanceof Float32Array))
      return source.subarray(start, start + length);
  }
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
