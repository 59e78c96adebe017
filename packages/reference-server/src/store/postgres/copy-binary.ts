/**
 * Rows in PostgreSQL's binary COPY format: no text formatting of hundreds of thousands of floats a second. Raw
 * values go in as bytea of little-endian floats (a copy of the column's bytes), summaries as the server's arrays.
 */
import os from 'node:os';
import type { ChannelColumn } from '@eracing/telemetry-core/protocol';

const LITTLE_ENDIAN = os.endianness() === 'LE';

/** A column's values as little-endian bytes: its own memory on a little-endian machine. */
export function littleEndianBytes(column: ChannelColumn): Uint8Array {
  const bytes = new Uint8Array(column.buffer, column.byteOffset, column.byteLength);
  if (LITTLE_ENDIAN) return bytes;
  const copy = Buffer.from(bytes);
  return column.BYTES_PER_ELEMENT === 8 ? copy.swap64() : copy.swap32();
}

/** Little-endian float bytes (as stored) as a column of its own (aligned, whatever the bytes' offset). */
export function columnFromBytes(bytes: Uint8Array, type: 'f32' | 'f64'): ChannelColumn {
  const out = type === 'f64' ? new Float64Array(bytes.byteLength >> 3) : new Float32Array(bytes.byteLength >> 2);
  const target = Buffer.from(out.buffer, 0, out.byteLength);
  target.set(bytes.subarray(0, out.byteLength));
  if (!LITTLE_ENDIAN) {
    if (type === 'f64') target.swap64();
    else target.swap32();
  }
  return out;
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

const OID = { int2: 21, float8: 701 } as const;

export class CopyWriter {
  private buffer = Buffer.allocUnsafe(1 << 16);
  private view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
  private at = 0;

  constructor() {
    this.reserve(SIGNATURE.length + 8);
    SIGNATURE.copy(this.buffer, 0);
    this.at = SIGNATURE.length;
    this.int32(0);
    this.int32(0);
  }

  private reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.at + bytes) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buffer.copy(next, 0, 0, this.at);
    this.buffer = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }

  private int32(v: number): void {
    this.view.setInt32(this.at, v);
    this.at += 4;
  }

  row(fields: number): this {
    this.reserve(2);
    this.view.setInt16(this.at, fields);
    this.at += 2;
    return this;
  }

  null(): this {
    this.reserve(4);
    this.int32(-1);
    return this;
  }

  int2(v: number): this {
    this.reserve(6);
    this.int32(2);
    this.view.setInt16(this.at, v);
    this.at += 2;
    return this;
  }

  int4(v: number): this {
    this.reserve(8);
    this.int32(4);
    this.int32(v);
    return this;
  }

  bytea(bytes: Uint8Array): this {
    this.reserve(4 + bytes.byteLength);
    this.int32(bytes.byteLength);
    this.buffer.set(bytes, this.at);
    this.at += bytes.byteLength;
    return this;
  }

  /** A float8, NULL when NaN or undefined. */
  float8(v: number | undefined): this {
    if (v === undefined || Number.isNaN(v)) return this.null();
    this.reserve(12);
    this.int32(8);
    this.view.setFloat64(this.at, v);
    this.at += 8;
    return this;
  }

  /** The header of a 1-D array of n elements; returns where its length goes. */
  private arrayHeader(oid: number, n: number, width: number, nulls: boolean): number {
    this.reserve(4 + 20 + n * (4 + width));
    const start = this.at;
    this.at += 4;
    this.int32(1);
    this.int32(nulls ? 1 : 0);
    this.int32(oid);
    this.int32(n);
    this.int32(1);
    return start;
  }

  private arrayEnd(start: number): this {
    this.view.setInt32(start, this.at - start - 4);
    return this;
  }

  /** Element i is NULL when `isNull(i)`. */
  float8Array(values: ArrayLike<number>, isNull?: (i: number) => boolean): this {
    return this.array(OID.float8, 8, values, isNull);
  }

  int2Array(values: ArrayLike<number>, isNull?: (i: number) => boolean): this {
    return this.array(OID.int2, 2, values, isNull);
  }

  private array(oid: number, width: 2 | 8, values: ArrayLike<number>, isNull?: (i: number) => boolean): this {
    const start = this.arrayHeader(oid, values.length, width, isNull !== undefined);
    const view = this.view;
    let at = this.at;
    for (let i = 0; i < values.length; i++) {
      if (isNull?.(i)) {
        view.setInt32(at, -1);
        at += 4;
        continue;
      }
      view.setInt32(at, width);
      if (width === 8) view.setFloat64(at + 4, values[i]);
      else view.setInt16(at + 4, values[i]);
      at += 4 + width;
    }
    this.at = at;
    return this.arrayEnd(start);
  }

  get rows(): boolean {
    return this.at > SIGNATURE.length + 8;
  }

  /** The whole COPY stream, with its trailer. */
  finish(): Buffer {
    this.reserve(2);
    this.view.setInt16(this.at, -1);
    this.at += 2;
    return this.buffer.subarray(0, this.at);
  }
}
