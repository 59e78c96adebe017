/**
 * Blocks, cells and min/max decimation, shared by every store so that they answer a decimated query with exactly the
 * same rows.
 *
 * A block is about one second of one car: the rows of `seqsPerBlock` consecutive batches. A block is cut into 10
 * slots (about 100 ms). A cell is what decimation picks extremes from: a whole block, a slot, or one row, whichever
 * is the coarsest not wider than the bucket. For each cell and channel the store knows the minimum and maximum
 * (NaN skipped; the earliest row on ties) and where they are (block, index in block). A cell belongs to the bucket
 * holding its start; each bucket keeps, per channel, the row of the smallest minimum and of the largest maximum.
 */
import type { ChannelColumn } from '@eracing/telemetry-core/protocol';

export const SLOTS_PER_BLOCK = 10;
/** A row's position in its car's rows: block * 2^20 + index in block. */
const BLOCK_FACTOR = 1 << 20;

export interface BlockGeometry {
  startTime: number;
  batchMs: number;
  seqsPerBlock: number;
  blockMs: number;
  slotMs: number;
}

export function blockGeometry(startTime: number, batchMs: number): BlockGeometry {
  const seqsPerBlock = Math.max(1, Math.round(1000 / batchMs));
  const blockMs = seqsPerBlock * batchMs;
  return { startTime, batchMs, seqsPerBlock, blockMs, slotMs: blockMs / SLOTS_PER_BLOCK };
}

export function blockStart(g: BlockGeometry, block: number): number {
  return g.startTime + block * g.blockMs;
}

export function slotStart(g: BlockGeometry, block: number, slot: number): number {
  return g.startTime + block * g.blockMs + slot * g.slotMs;
}

/** The blocks holding the seqs whose slots overlap [from, to). */
export function blockSpan(g: BlockGeometry, from: number, to: number): [lo: number, hi: number] {
  const first = Math.floor((from - g.startTime) / g.batchMs);
  const last = Math.ceil((to - g.startTime) / g.batchMs) - 1;
  return [Math.floor(first / g.seqsPerBlock), Math.floor(last / g.seqsPerBlock)];
}

export function position(block: number, index: number): number {
  if (index >= BLOCK_FACTOR) throw new RangeError(`a block holds more than ${BLOCK_FACTOR} rows of one car`);
  return block * BLOCK_FACTOR + index;
}

export function splitPosition(pos: number): [block: number, index: number] {
  const block = Math.floor(pos / BLOCK_FACTOR);
  return [block, pos - block * BLOCK_FACTOR];
}

/** One car's rows of one block, with the columns asked for. */
export interface CarBlock {
  block: number;
  time: Float64Array;
  columns: ChannelColumn[];
}

export interface Extremes {
  min: number;
  minAt: number;
  max: number;
  maxAt: number;
}

/** Min and max of column[from, to), NaN skipped, earliest on ties; minAt −1 when every value is NaN. */
export function extremes(column: ArrayLike<number>, from: number, to: number): Extremes {
  let min = Infinity;
  let max = -Infinity;
  let minAt = -1;
  let maxAt = -1;
  for (let i = from; i < to; i++) {
    const v = column[i];
    if (v < min) {
      min = v;
      minAt = i;
    }
    if (v > max) {
      max = v;
      maxAt = i;
    }
  }
  return { min, minAt, max, maxAt };
}

/** The first row of each slot of a block and the end: slot k holds rows with slotStart(k) <= time < slotStart(k+1). */
export function slotBounds(g: BlockGeometry, block: number, time: Float64Array): Uint32Array {
  const bounds = new Uint32Array(SLOTS_PER_BLOCK + 1);
  let i = 0;
  for (let k = 1; k <= SLOTS_PER_BLOCK; k++) {
    const end = k === SLOTS_PER_BLOCK ? Infinity : slotStart(g, block, k);
    while (i < time.length && time[i] < end) i++;
    bounds[k] = i;
  }
  return bounds;
}

export type Level = 'block' | 'slot' | 'row';

/** The coarsest cell not wider than a bucket. */
export function levelFor(g: BlockGeometry, bucketMs: number): Level {
  if (bucketMs >= g.blockMs) return 'block';
  if (bucketMs >= g.slotMs) return 'slot';
  return 'row';
}

interface Pick {
  v: number;
  pos: number;
  start: number;
}

/** Keeps, per bucket and channel, the row of the smallest minimum and of the largest maximum. */
export class BucketPicker {
  private readonly mins: (Pick | undefined)[];
  private readonly maxs: (Pick | undefined)[];

  constructor(
    readonly buckets: number,
    readonly from: number,
    readonly to: number,
    readonly channels: number,
  ) {
    this.mins = new Array(buckets * channels);
    this.maxs = new Array(buckets * channels);
  }

  bucketOf(start: number): number {
    const b = Math.floor(((start - this.from) * this.buckets) / (this.to - this.from));
    return Math.min(Math.max(b, 0), this.buckets - 1);
  }

  offerMin(channel: number, start: number, v: number, pos: number): void {
    const k = this.bucketOf(start) * this.channels + channel;
    const held = this.mins[k];
    if (!held || v < held.v || (v === held.v && pos < held.pos)) this.mins[k] = { v, pos, start };
  }

  offerMax(channel: number, start: number, v: number, pos: number): void {
    const k = this.bucketOf(start) * this.channels + channel;
    const held = this.maxs[k];
    if (!held || v > held.v || (v === held.v && pos < held.pos)) this.maxs[k] = { v, pos, start };
  }

  /** Offers the cells of one block's rows [a, b) (already cut to the query's range) at `level`. */
  offerBlock(g: BlockGeometry, level: Level, block: CarBlock, a: number, b: number): void {
    if (a >= b) return;
    block.columns.forEach((column, c) => {
      if (level === 'row') {
        for (let i = a; i < b; i++) {
          const v = column[i];
          if (Number.isNaN(v)) continue;
          this.offerMin(c, block.time[i], v, position(block.block, i));
          this.offerMax(c, block.time[i], v, position(block.block, i));
        }
        return;
      }
      const cells: Array<[start: number, from: number, to: number]> = [];
      if (level === 'block') cells.push([blockStart(g, block.block), a, b]);
      else {
        const bounds = slotBounds(g, block.block, block.time);
        for (let k = 0; k < SLOTS_PER_BLOCK; k++) {
          const from = Math.max(a, bounds[k]);
          const to = Math.min(b, bounds[k + 1]);
          if (from < to) cells.push([slotStart(g, block.block, k), from, to]);
        }
      }
      for (const [start, from, to] of cells) {
        const e = extremes(column, from, to);
        if (e.minAt < 0) continue;
        this.offerMin(c, start, e.min, position(block.block, e.minAt));
        this.offerMax(c, start, e.max, position(block.block, e.maxAt));
      }
    });
  }

  private picks(): Array<{ channel: number; kind: 0 | 1; pick: Pick }> {
    const out: Array<{ channel: number; kind: 0 | 1; pick: Pick }> = [];
    for (let k = 0; k < this.mins.length; k++) {
      const channel = k % this.channels;
      if (this.mins[k]) out.push({ channel, kind: 0, pick: this.mins[k]! });
      if (this.maxs[k]) out.push({ channel, kind: 1, pick: this.maxs[k]! });
    }
    return out;
  }

  /**
   * The positions to keep, ascending, at most `maxPoints`: the first and last row and every pick. When the picks are
   * too many, the bucket count shrinks and the picks are picked again, as cells of the coarser buckets.
   */
  finish(maxPoints: number, first: number, last: number): number[] {
    let picks = this.picks();
    let buckets = this.buckets;
    for (;;) {
      const kept = new Set<number>([first, last]);
      for (const p of picks) kept.add(p.pick.pos);
      if (kept.size <= maxPoints) return [...kept].sort((a, b) => a - b);
      if (buckets === 1) break;
      buckets = Math.max(1, Math.min(buckets - 1, Math.floor((buckets * maxPoints) / kept.size)));
      const coarser = new BucketPicker(buckets, this.from, this.to, this.channels);
      for (const p of picks) {
        if (p.kind === 0) coarser.offerMin(p.channel, p.pick.start, p.pick.v, p.pick.pos);
        else coarser.offerMax(p.channel, p.pick.start, p.pick.v, p.pick.pos);
      }
      picks = coarser.picks();
    }
    // One bucket still holds more extremes than maxPoints allows: the ends, then the picks in channel order.
    const chosen = new Set<number>([first, last]);
    picks.sort((a, b) => a.channel - b.channel || a.kind - b.kind);
    for (const p of picks) {
      if (chosen.size >= maxPoints) break;
      chosen.add(p.pick.pos);
    }
    return [...chosen].sort((a, b) => a - b).slice(0, Math.max(1, maxPoints));
  }
}

/** The first bucket count to try: half of maxPoints, as the decimation has always started. */
export function initialBuckets(maxPoints: number): number {
  return Math.max(1, Math.floor(maxPoints / 2));
}
