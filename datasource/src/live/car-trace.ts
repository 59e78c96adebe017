/**
 * One car's recent samples, column by column: a float64 time column and one typed array per channel, in linear
 * buffers of one and a half times the capacity. Rows are appended as whole runs with `TypedArray.set`; the window is
 * always the contiguous range [start, end), so frames hand Grafana subarrays without copying a value. When the end
 * of the buffer is reached, the rows still in the window move to the front of a second buffer ("compaction"),
 * amortised over half a capacity of appends. The buffer the last frame views is never written again, so a frame
 * Grafana still holds never changes under it.
 */
import { type ChannelColumn, firstAtOrAfter } from '@eracing/telemetry-core';

import { BlockExtremes, type Extremes } from './block-extremes';

export type ColumnType = 'f32' | 'f64';

export interface TraceView {
  time: Float64Array;
  columns: ChannelColumn[];
  /** Min and max of each column over the window. */
  extremes: Extremes[];
}

const FIRST_ROWS = 1024;

/** Where a reserved run of rows goes: rows [first, first + rows) of the batch, written at row `at`. */
export interface Slot {
  first: number;
  rows: number;
  at: number;
  /** Rows not newer than what the trace already held. */
  dropped: number;
}

interface Buffers {
  time: Float64Array;
  columns: ChannelColumn[];
}

/** Word views of a buffer set, as the copies write them. */
interface BufferWords {
  time: Int32Array;
  columns: Int32Array[];
}

const bufferWords = (buffers: Buffers): BufferWords => ({
  time: wordsOf(buffers.time),
  columns: buffers.columns.map(wordsOf),
});

function allocate(type: ColumnType, rows: number): ChannelColumn {
  return type === 'f64' ? new Float64Array(rows) : new Float32Array(rows);
}

/**
 * A batch's columns prepared for copying, as 32-bit words. Live batches hold about ten rows per car, so ingest is
 * hundreds of short copies; moving words through Int32Array views keeps one monomorphic loop for float32 and float64
 * columns alike and skips the float conversions (measured 1.7× faster than copying floats). The columns of a binary
 * batch share the message's buffer, so one view of it serves them all: a view per column per batch made the garbage
 * collector the bottleneck. Built once per batch, shared by every car's run.
 */
export interface TraceSource {
  time: Float64Array;
  /** Word views of the columns' buffers, and where each column starts in its view, time first. */
  words: ReadonlyArray<Int32Array | undefined>;
  offsets: readonly number[];
}

const wordsOf = (column: ChannelColumn) => new Int32Array(column.buffer, column.byteOffset, column.byteLength / 4);

export function traceSource(time: Float64Array, columns: ReadonlyArray<ChannelColumn | undefined>): TraceSource {
  const views = new Map<ArrayBufferLike, Int32Array>();
  const words: Array<Int32Array | undefined> = [];
  const offsets: number[] = [];
  for (const column of [time, ...columns]) {
    if (!column) {
      words.push(undefined);
      offsets.push(0);
      continue;
    }
    let view = views.get(column.buffer);
    if (!view) views.set(column.buffer, (view = new Int32Array(column.buffer, 0, column.buffer.byteLength >> 2)));
    words.push(view);
    offsets.push(column.byteOffset >> 2);
  }
  return { time, words, offsets };
}

/** Copies `count` words from `source` at `from` to `target` at `at`. */
function copyWords(source: Int32Array, target: Int32Array, from: number, count: number, at: number): void {
  if (count > 64) {
    target.set(source.subarray(from, from + count), at);
    return;
  }
  for (let i = 0; i < count; i++) target[at + i] = source[from + i];
}

export class CarTrace {
  private time: Float64Array;
  private columns: ChannelColumn[];
  /** The other buffer, written by the next compaction while frames may still view this one. */
  private spare?: Buffers;
  private start = 0;
  private end = 0;
  /** The number, counted from the first row ever appended, of the buffer's row 0. */
  private origin = 0;
  private readonly extremes: BlockExtremes[];
  private newest = -Infinity;
  private readonly maxRows: number;
  /** The time buffer of the last view handed out. */
  private viewed?: Float64Array;
  /** Words per value of each column: 1 for float32, 2 for float64. */
  private readonly widths: number[];
  private words: BufferWords;

  constructor(
    private readonly types: readonly ColumnType[],
    /** Most rows the window holds. */
    readonly capacity: number,
  ) {
    this.maxRows = capacity + Math.max(Math.ceil(capacity / 2), 256);
    this.widths = types.map((type) => (type === 'f64' ? 2 : 1));
    const buffers = this.allocate(Math.min(this.maxRows, FIRST_ROWS));
    this.time = buffers.time;
    this.columns = buffers.columns;
    this.words = bufferWords(buffers);
    this.extremes = types.map(() => new BlockExtremes(capacity));
  }

  get length(): number {
    return this.end - this.start;
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
      for (let c = -1; c < this.columns.length; c++) this.copyColumn(c, source, slot);
      this.commit(slot);
    }
    return slot.dropped;
  }

  /**
   * The first step of an append done column by column across many cars (which reads each message column once, in
   * order): finds the rows to keep and makes room for them. Then `copyColumn` for the time (-1) and every channel,
   * then `commit`.
   */
  reserve(time: Float64Array, from: number, count: number): Slot {
    let first = from;
    const last = from + count;
    while (first < last && !(time[first] > this.newest)) first++;
    const dropped = first - from;
    if (last - first > this.capacity) first = last - this.capacity;
    const rows = last - first;
    if (rows > 0) this.makeRoom(rows);
    return { first, rows, at: this.end, dropped };
  }

  /** Copies one column of a reserved slot; `c` is -1 for the time column. */
  copyColumn(c: number, source: TraceSource, slot: Slot): void {
    const words = source.words[c + 1];
    if (c < 0) {
      copyWords(words!, this.words.time, source.offsets[0] + 2 * slot.first, 2 * slot.rows, 2 * slot.at);
      return;
    }
    const width = this.widths[c];
    const from = source.offsets[c + 1] + width * slot.first;
    if (words) copyWords(words, this.words.columns[c], from, width * slot.rows, width * slot.at);
    else this.columns[c].fill(NaN, slot.at, slot.at + slot.rows);
  }

  commit(slot: Slot): void {
    this.end = slot.at + slot.rows;
    this.newest = this.time[this.end - 1];
    if (this.end - this.start > this.capacity) this.start = this.end - this.capacity;
  }

  /** Drops the rows older than `cutoff`. */
  dropBefore(cutoff: number): void {
    this.start = firstAtOrAfter(this.time, cutoff, this.start, this.end);
  }

  /** The window as subarrays of the buffers: no copy. */
  view(): TraceView {
    this.viewed = this.time;
    return {
      time: this.time.subarray(this.start, this.end),
      columns: this.columns.map((column) => column.subarray(this.start, this.end)),
      extremes: this.columns.map((column, c) => this.extremes[c].window(column, this.origin, this.start, this.end)),
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
    const size = this.time.length;
    if (this.end + rows <= size) return;
    const keepFrom = Math.max(this.start, this.end + rows - this.capacity);
    const keep = this.end - keepFrom;
    if (size === this.maxRows && this.viewed !== this.time) {
      // No frame shows this buffer: move the window to its front.
      this.time.copyWithin(0, keepFrom, this.end);
      for (const column of this.columns) column.copyWithin(0, keepFrom, this.end);
    } else {
      const growing = size < this.maxRows;
      const next = growing ? Math.min(this.maxRows, Math.max(2 * size, 2 * (keep + rows))) : size;
      const target = !growing && this.spare ? this.spare : this.allocate(next);
      target.time.set(this.time.subarray(keepFrom, this.end));
      target.columns.forEach((column, c) => column.set(this.columns[c].subarray(keepFrom, this.end)));
      this.spare = growing ? undefined : { time: this.time, columns: this.columns };
      this.time = target.time;
      this.columns = target.columns;
      this.words = bufferWords(target);
    }
    this.origin += keepFrom;
    this.start = 0;
    this.end = keep;
  }

  private allocate(rows: number): Buffers {
    return { time: new Float64Array(rows), columns: this.types.map((type) => allocate(type, rows)) };
  }
}
