/**
 * One car's recent samples, column by column: a float64 time column and one typed array per channel, all views of
 * one block per buffer, one and a half times the capacity long. Rows are appended as whole runs; the window is
 * always the contiguous range [start, end), so frames hand Grafana subarrays without copying a value. When the end
 * of the buffer is reached, the rows still in the window move to the front of a second buffer ("compaction"),
 * amortised over half a capacity of appends. The buffer the last frame views is never written again, so a frame
 * Grafana still holds never changes under it.
 */
import { firstAtOrAfter } from '@eracing/telemetry-core/channels';
import type { ChannelType } from '@eracing/telemetry-core/channels';
import { type ChannelColumn } from '@eracing/telemetry-core/protocol';

import { BlockExtremes, type Extremes } from './block-extremes';
import type { TraceSource } from './trace-source';

export interface TraceView {
  time: Float64Array;
  columns: ChannelColumn[];
  /** Min and max of each column over the window. */
  extremes: Extremes[];
}

const FIRST_ROWS = 1024;

/** Where a reserved run of rows goes: rows [first, first + rows) of the batch, written at row `at` of `into`. */
export interface Slot {
  first: number;
  rows: number;
  at: number;
  /** Rows not newer than what the trace already held. */
  dropped: number;
  into: Buffers;
}

/**
 * A trace's columns live in one block, time first, each column 8-byte aligned in it. One block per car rather than
 * one array per column gives the copy a single target per car, and keeps a car's columns close in memory.
 */
export interface Buffers {
  time: Float64Array;
  columns: ChannelColumn[];
  /** The block as 32-bit words, as the copies write it. */
  words: Int32Array;
  /** Where each column starts in `words`, time first. */
  bases: Int32Array;
}

/** A block of `rows` rows for columns of `types`, after a float64 time column. */
function allocateBuffers(types: readonly ChannelType[], rows: number): Buffers {
  const evenRows = rows + (rows & 1);
  const bases = new Int32Array(types.length + 1);
  let size = 2 * rows;
  types.forEach((type, c) => {
    bases[c + 1] = size;
    size += type === 'f64' ? 2 * rows : evenRows;
  });
  const block = new ArrayBuffer(4 * size);
  return {
    time: new Float64Array(block, 0, rows),
    columns: types.map((type, c) =>
      type === 'f64'
        ? new Float64Array(block, 4 * bases[c + 1], rows)
        : new Float32Array(block, 4 * bases[c + 1], rows),
    ),
    words: new Int32Array(block),
    bases,
  };
}

/**
 * The slots of the batch being copied, as flat arrays: the copy's inner loop reads them once per column (the copy
 * alone measured 10–20% faster than reading the slot objects). Emptied after each copy, even one that throws, so no
 * trace's buffers are held here and the next copy starts from slot 0.
 */
const scratch = {
  first: new Int32Array(64),
  rows: new Int32Array(64),
  at: new Int32Array(64),
  targets: [] as Int32Array[],
  bases: [] as Int32Array[],
};

function flatten(slots: readonly Slot[]): typeof scratch {
  if (scratch.first.length < slots.length) {
    const size = 2 * slots.length;
    Object.assign(scratch, { first: new Int32Array(size), rows: new Int32Array(size), at: new Int32Array(size) });
  }
  for (let s = 0; s < slots.length; s++) {
    const { first, rows, at, into } = slots[s];
    scratch.first[s] = first;
    scratch.rows[s] = rows;
    scratch.at[s] = at;
    scratch.targets.push(into.words);
    scratch.bases.push(into.bases);
  }
  return scratch;
}

/**
 * Copies every column of a batch into reserved slots, column by column across the slots, so each column of the
 * message is read once, front to back (measured faster than slot by slot on fresh messages). `widths` holds the
 * words per value of each channel (1 for float32, 2 for float64); a channel the source lacks is filled with NaN.
 */
export function copyIntoSlots(source: TraceSource, slots: readonly Slot[], widths: readonly number[]): void {
  const flat = flatten(slots);
  try {
    copyColumns(source, slots, widths, flat);
  } finally {
    flat.targets.length = 0;
    flat.bases.length = 0;
  }
}

function copyColumns(
  source: TraceSource,
  slots: readonly Slot[],
  widths: readonly number[],
  { first, rows, at, targets, bases }: typeof scratch,
): void {
  const count = slots.length;
  for (let c = 0; c <= widths.length; c++) {
    const words = source.words[c];
    if (!words) {
      for (const slot of slots) slot.into.columns[c - 1].fill(NaN, slot.at, slot.at + slot.rows);
      continue;
    }
    const width = c === 0 ? 2 : widths[c - 1];
    const offset = source.offsets[c];
    for (let s = 0; s < count; s++) {
      const target = targets[s];
      const length = width * rows[s];
      let from = offset + width * first[s];
      let to = bases[s][c] + width * at[s];
      if (length > 64) {
        target.set(words.subarray(from, from + length), to);
        continue;
      }
      const end = from + length;
      while (from < end) target[to++] = words[from++];
    }
  }
}

export class CarTrace {
  private buffers: Buffers;
  /** The other buffers, written by the next compaction while frames may still view these. */
  private spare?: Buffers;
  private start = 0;
  private end = 0;
  /** The number, counted from the first row ever appended, of the buffer's row 0. */
  private origin = 0;
  private readonly extremes: BlockExtremes[];
  private newest = -Infinity;
  private readonly maxRows: number;
  /** The buffers of the last view handed out. */
  private viewed?: Buffers;
  /** Words per value of each column: 1 for float32, 2 for float64. */
  readonly widths: readonly number[];

  constructor(
    private readonly types: readonly ChannelType[],
    /** Most rows the window holds. */
    readonly capacity: number,
  ) {
    this.maxRows = capacity + Math.max(Math.ceil(capacity / 2), 256);
    this.widths = types.map((type) => (type === 'f64' ? 2 : 1));
    this.buffers = allocateBuffers(types, Math.min(this.maxRows, FIRST_ROWS));
    this.extremes = types.map(() => new BlockExtremes(capacity));
  }

  /** Time of the newest sample ever appended, -Infinity before the first. */
  get newestTime(): number {
    return this.newest;
  }

  /**
   * Appends rows [from, from + count) of a batch's columns; `source.words[i + 1]` feeds channel i, undefined fills
   * NaN. Rows not newer than the newest sample already held are dropped (an overlap between history and live data).
   * Returns the number of rows dropped that way.
   */
  append(source: TraceSource, from: number, count: number): number {
    const slot = this.reserve(source.time, from, count);
    if (slot.rows > 0) {
      copyIntoSlots(source, [slot], this.widths);
      this.commit(slot);
    }
    return slot.dropped;
  }

  /**
   * The first step of an append done for many cars at once: finds the rows to keep and makes room for them. Then
   * `copyIntoSlots`, then `commit`.
   */
  reserve(time: Float64Array, from: number, count: number): Slot {
    let first = from;
    const last = from + count;
    while (first < last && !(time[first] > this.newest)) first++;
    const dropped = first - from;
    if (last - first > this.capacity) first = last - this.capacity;
    const rows = last - first;
    if (rows > 0) this.makeRoom(rows);
    return { first, rows, at: this.end, dropped, into: this.buffers };
  }

  commit(slot: Slot): void {
    this.end = slot.at + slot.rows;
    this.newest = this.buffers.time[this.end - 1];
    if (this.end - this.start > this.capacity) this.start = this.end - this.capacity;
  }

  /** Drops the rows older than `cutoff`. */
  dropBefore(cutoff: number): void {
    this.start = firstAtOrAfter(this.buffers.time, cutoff, this.start, this.end);
  }

  /** The window as subarrays of the buffers: no copy. */
  view(): TraceView {
    const { time, columns } = (this.viewed = this.buffers);
    return {
      time: time.subarray(this.start, this.end),
      columns: columns.map((column) => column.subarray(this.start, this.end)),
      extremes: columns.map((column, c) => this.extremes[c].window(column, this.origin, this.start, this.end)),
    };
  }

  clear(): void {
    this.start = this.end = this.origin = 0;
    for (const extremes of this.extremes) extremes.reset();
    this.newest = -Infinity;
    this.viewed = undefined;
  }

  /** Ensures `rows` more fit after `end`, keeping the rows that stay in the window. */
  private makeRoom(rows: number): void {
    const current = this.buffers;
    const size = current.time.length;
    if (this.end + rows <= size) return;
    const keepFrom = Math.max(this.start, this.end + rows - this.capacity);
    const keep = this.end - keepFrom;
    if (size === this.maxRows && this.viewed !== current) {
      // No frame shows this buffer: move the window to its front.
      current.time.copyWithin(0, keepFrom, this.end);
      for (const column of current.columns) column.copyWithin(0, keepFrom, this.end);
    } else {
      const growing = size < this.maxRows;
      const next = growing ? Math.min(this.maxRows, Math.max(2 * size, 2 * (keep + rows))) : size;
      const target = !growing && this.spare ? this.spare : allocateBuffers(this.types, next);
      target.time.set(current.time.subarray(keepFrom, this.end));
      target.columns.forEach((column, c) => column.set(current.columns[c].subarray(keepFrom, this.end)));
      this.spare = growing ? undefined : current;
      this.buffers = target;
    }
    this.origin += keepFrom;
    this.start = 0;
    this.end = keep;
  }
}
