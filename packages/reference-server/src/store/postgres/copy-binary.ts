/**
 * Rows in PostgreSQL's binary COPY format: no text formatting of hundreds of thousands of floats a second, and
 * arrays go in as the server's own array representation.
 */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

const OID = { int2: 21, float4: 700, float8: 701 } as const;

export class CopyWriter {
  private buffer = Buffer.allocUnsafe(1 << 16);
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
  }

  private int32(v: number): void {
    this.buffer.writeInt32BE(v, this.at);
    this.at += 4;
  }

  row(fields: number): this {
    this.reserve(2);
    this.buffer.writeInt16BE(fields, this.at);
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
    this.buffer.writeInt16BE(v, this.at);
    this.at += 2;
    return this;
  }

  int4(v: number): this {
    this.reserve(8);
    this.int32(4);
    this.int32(v);
    return this;
  }

  /** A float8, NULL when NaN or undefined. */
  float8(v: number | undefined): this {
    if (v === undefined || Number.isNaN(v)) return this.null();
    this.reserve(12);
    this.int32(8);
    this.buffer.writeDoubleBE(v, this.at);
    this.at += 8;
    return this;
  }

  /** A 1-D array; `isNull(i)` makes element i NULL. */
  private array(
    oid: number,
    width: number,
    values: ArrayLike<number>,
    write: (v: number, at: number) => void,
    isNull?: (i: number) => boolean,
  ): this {
    const n = values.length;
    this.reserve(4 + 20 + n * (4 + width));
    const start = this.at;
    this.at += 4;
    this.int32(1);
    this.int32(isNull ? 1 : 0);
    this.int32(oid);
    this.int32(n);
    this.int32(1);
    for (let i = 0; i < n; i++) {
      if (isNull?.(i)) {
        this.int32(-1);
        continue;
      }
      this.int32(width);
      write(values[i], this.at);
      this.at += width;
    }
    this.buffer.writeInt32BE(this.at - start - 4, start);
    return this;
  }

  float4Array(values: ArrayLike<number>): this {
    return this.array(OID.float4, 4, values, (v, at) => this.buffer.writeFloatBE(v, at));
  }

  float8Array(values: ArrayLike<number>, nullWhen?: (i: number) => boolean): this {
    return this.array(OID.float8, 8, values, (v, at) => this.buffer.writeDoubleBE(v, at), nullWhen);
  }

  int2Array(values: ArrayLike<number>, nullWhen?: (i: number) => boolean): this {
    return this.array(OID.int2, 2, values, (v, at) => this.buffer.writeInt16BE(v, at), nullWhen);
  }

  get rows(): boolean {
    return this.at > SIGNATURE.length + 8;
  }

  /** The whole COPY stream, with its trailer. */
  finish(): Buffer {
    this.reserve(2);
    this.buffer.writeInt16BE(-1, this.at);
    this.at += 2;
    return this.buffer.subarray(0, this.at);
  }
}

/** An array sent with array_send() (the binary array format) as numbers; NULL elements as NaN. */
export function readArray(bytes: Buffer): Float64Array | Float32Array {
  if (bytes.length < 12 || bytes.readInt32BE(0) === 0) return new Float64Array(0);
  const oid = bytes.readInt32BE(8);
  const n = bytes.readInt32BE(12);
  let at = 20;
  const out = oid === OID.float4 ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const length = bytes.readInt32BE(at);
    at += 4;
    if (length < 0) {
      out[i] = NaN;
      continue;
    }
    out[i] =
      oid === OID.float4 ? bytes.readFloatBE(at) : oid === OID.float8 ? bytes.readDoubleBE(at) : bytes.readInt16BE(at);
    at += length;
  }
  return out;
}
