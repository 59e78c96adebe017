/**
 * The binary encoding of data batches: two small JSON blocks, then each column's raw little-endian values,
 * 8-byte aligned, so a decoder makes typed-array views over the message without parsing numbers.
 *
 *   bytes 0–3    magic "ERCB"
 *   byte  4      format version (1)
 *   bytes 5–7    zero
 *   bytes 8–11   M, length of the meta block, uint32 little-endian
 *   bytes 12–15  L, length of the layout block, uint32 little-endian
 *   bytes 16…    meta: UTF-8 JSON (session, epoch, subscription, seq, query, decimated, rows)
 *   then         layout: UTF-8 JSON (cars, columns), padded with spaces so 16 + M + L is a multiple of 8
 *   then         the time column (float64 × rows), then each column of `layout.columns` in order,
 *                float32 or float64 × rows, each padded with zero bytes to a multiple of 8
 *
 * The layout repeats from one live batch to the next, so decoders parse it once and reuse it.
 */
import type { BatchHeader, CarRun, ChannelColumn, PackedLayout, TelemetryBatch } from '../protocol/batch';
import { batchHeader, checkRows, checkRuns, readBatchHeader } from './batch-check';
import { ProtocolError } from './protocol-error';
import type { ChannelType } from '../channels/known-channels';

const BINARY_MAGIC = 'ERCB';
const BINARY_FORMAT_VERSION = 1;
const PREAMBLE = 16;

export interface BinaryMeta extends BatchHeader {
  type: 'data';
  rows: number;
}

export interface BinaryLayout {
  cars: CarRun[];
  columns: Array<{ name: string; type: ChannelType }>;
}

const align8 = (n: number) => (n + 7) & ~7;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const columnType = (column: ChannelColumn): ChannelType => (column instanceof Float64Array ? 'f64' : 'f32');

export function encodeBinaryBatch(batch: TelemetryBatch): Uint8Array {
  const rows = batch.time.length;
  const names = Object.keys(batch.channels);
  const layout: BinaryLayout = {
    cars: batch.cars,
    columns: names.map((name) => ({ name, type: columnType(batch.channels[name]) })),
  };
  const metaJson = JSON.stringify({ type: 'data', ...batchHeader(batch), rows });
  // Padded so the layout starts 8-byte aligned, which lets a decoder compare it with a cached one word by word.
  const meta = encoder.encode(metaJson.padEnd(align8(PREAMBLE + metaJson.length) - PREAMBLE));
  const layoutJson = encoder.encode(JSON.stringify(layout));
  const bodyStart = align8(PREAMBLE + meta.length + layoutJson.length);
  let size = bodyStart + rows * 8;
  for (const name of names) size += align8(batch.channels[name].byteLength);

  const bytes = new Uint8Array(size);
  bytes.set(encoder.encode(BINARY_MAGIC), 0);
  bytes[4] = BINARY_FORMAT_VERSION;
  const view = new DataView(bytes.buffer);
  view.setUint32(8, meta.length, true);
  view.setUint32(12, bodyStart - PREAMBLE - meta.length, true);
  bytes.set(meta, PREAMBLE);
  bytes.set(layoutJson, PREAMBLE + meta.length);
  bytes.fill(0x20, PREAMBLE + meta.length + layoutJson.length, bodyStart);

  let offset = bodyStart;
  for (const column of [batch.time, ...names.map((name) => batch.channels[name])]) {
    writeColumn(bytes, offset, column);
    offset += align8(column.byteLength);
  }
  return bytes;
}

function writeColumn(bytes: Uint8Array, offset: number, column: ChannelColumn): void {
  if (littleEndian) {
    bytes.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), offset);
    return;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const f64 = column instanceof Float64Array;
  for (let i = 0; i < column.length; i++) {
    if (f64) view.setFloat64(offset + i * 8, column[i], true);
    else view.setFloat32(offset + i * 4, column[i], true);
  }
}

function isBinaryBatch(bytes: Uint8Array): boolean {
  return bytes.length >= PREAMBLE && bytes[0] === 0x45 && bytes[1] === 0x52 && bytes[2] === 0x43 && bytes[3] === 0x42;
}

function readColumn(bytes: Uint8Array, offset: number, rows: number, type: ChannelType): ChannelColumn {
  if (littleEndian) {
    return type === 'f64'
      ? new Float64Array(bytes.buffer, bytes.byteOffset + offset, rows)
      : new Float32Array(bytes.buffer, bytes.byteOffset + offset, rows);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
  const out = type === 'f64' ? new Float64Array(rows) : new Float32Array(rows);
  for (let i = 0; i < rows; i++) out[i] = type === 'f64' ? view.getFloat64(i * 8, true) : view.getFloat32(i * 4, true);
  return out;
}

function parseJson<T>(bytes: Uint8Array, what: string): T {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    throw new ProtocolError('bad_message', `binary batch ${what} is not valid JSON`);
  }
}

interface CachedLayout {
  bytes: Uint8Array;
  /** `bytes` as 32-bit words, when its length allows. */
  words?: Int32Array;
  layout: BinaryLayout;
  packed: PackedLayout;
  /** Bytes of the body, every column and its padding. */
  bodyBytes: number;
}

/**
 * Layouts parsed recently, newest first. Live batches of a subscription repeat one layout, so it is parsed once; it
 * is recognised by comparing bytes, which costs far less than decoding and hashing a few kilobytes of text.
 */
const layouts: CachedLayout[] = [];
const MAX_CACHED_LAYOUTS = 8;

const wordsOf = (bytes: Uint8Array) =>
  (bytes.byteOffset | bytes.length) % 4 === 0
    ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2)
    : undefined;

function sameElements<T extends Uint8Array | Int32Array>(a: T, b: T): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isCached(cached: CachedLayout, bytes: Uint8Array): boolean {
  if (cached.bytes.length !== bytes.length) return false;
  // Layouts written by our encoder start 8-byte aligned: a quarter of the comparisons.
  const words = cached.words && wordsOf(bytes);
  return words ? sameElements(cached.words!, words) : sameElements(cached.bytes, bytes);
}

function parseLayout(bytes: Uint8Array, rows: number): CachedLayout {
  for (let i = 0; i < layouts.length; i++) {
    const cached = layouts[i];
    if (isCached(cached, bytes)) {
      checkRuns(cached.layout.cars, rows);
      return cached;
    }
  }
  let layout: BinaryLayout;
  try {
    layout = JSON.parse(decoder.decode(bytes));
  } catch {
    throw new ProtocolError('bad_message', 'binary batch layout is not valid JSON');
  }
  if (typeof layout !== 'object' || layout === null || !Array.isArray(layout.columns)) {
    throw new ProtocolError('bad_message', 'binary batch layout needs cars and columns');
  }
  checkRuns(layout.cars, rows);
  for (const column of layout.columns) {
    if (typeof column?.name !== 'string' || (column.type !== 'f32' && column.type !== 'f64')) {
      throw new ProtocolError('bad_message', 'binary batch columns must be {name, type: "f32" | "f64"}');
    }
  }
  const sizes = new Int32Array(1 + layout.columns.length);
  layout.columns.forEach((column, c) => (sizes[c + 1] = column.type === 'f64' ? 8 : 4));
  sizes[0] = 8;
  const copy = bytes.slice();
  const packed = packedLayout(layout, sizes, rows);
  const last = sizes.length - 1;
  const bodyBytes = 4 * packed.offsets[last] + align8(rows * sizes[last]);
  const cached = { bytes: copy, words: wordsOf(copy), layout, packed, bodyBytes };
  layouts.unshift(cached);
  if (layouts.length > MAX_CACHED_LAYOUTS) layouts.pop();
  return cached;
}

/** The layout's columns and their word offsets; `checkRuns` fixed `rows` for every batch with this layout. */
function packedLayout(layout: BinaryLayout, sizes: Int32Array, rows: number): PackedLayout {
  const offsets = new Int32Array(sizes.length);
  for (let c = 1; c < sizes.length; c++) offsets[c] = offsets[c - 1] + (align8(rows * sizes[c - 1]) >> 2);
  const names = layout.columns.map((column) => column.name);
  return {
    names,
    types: layout.columns.map((column) => column.type),
    offsets,
    column: new Map(names.map((name, c) => [name, c + 1])),
  };
}

/** The name of the column that holds byte `at` of a message whose body starts at byte `bodyStart`. */
function columnAt({ names, offsets }: PackedLayout, bodyStart: number, at: number): string {
  let c = offsets.length - 1;
  while (c > 0 && bodyStart + 4 * offsets[c] > at) c--;
  return c === 0 ? 'time' : names[c - 1];
}

/**
 * Decodes a binary batch without copying a value. `time` and, on first read, `channels` are views over `bytes` when
 * it is 8-byte aligned (a browser's ArrayBuffer message always is); otherwise the message is copied once to an
 * aligned buffer. `packed` gives the message as words and where each column starts, for consumers that copy words.
 * The returned `cars` runs and `packed.layout` may be shared with other batches of the same layout: treat them as
 * read-only.
 */
export function decodeBinaryBatch(input: Uint8Array | ArrayBuffer): TelemetryBatch {
  let bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (!isBinaryBatch(bytes)) throw new ProtocolError('bad_message', 'binary message does not start with "ERCB"');
  if (bytes[4] !== BINARY_FORMAT_VERSION) {
    throw new ProtocolError(
      'bad_message',
      `binary batch format ${bytes[4]} is not supported (expected ${BINARY_FORMAT_VERSION})`,
    );
  }
  // A copy, not `slice()`: on a Node Buffer `slice` returns a view at the same unaligned offset.
  if (bytes.byteOffset % 8 !== 0) bytes = new Uint8Array(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const metaLength = view.getUint32(8, true);
  const layoutLength = view.getUint32(12, true);
  const bodyStart = PREAMBLE + metaLength + layoutLength;
  if (bodyStart > bytes.length || bodyStart % 8 !== 0) {
    throw new ProtocolError('bad_message', 'binary batch meta and layout lengths do not fit the message');
  }
  const meta = parseJson<BinaryMeta>(bytes.subarray(PREAMBLE, PREAMBLE + metaLength), 'meta');
  if (typeof meta !== 'object' || meta === null || meta.type !== 'data') {
    throw new ProtocolError('bad_message', 'binary batch meta must be a data header');
  }
  const header = readBatchHeader(meta as unknown as Record<string, unknown>);
  const rows = checkRows(meta.rows);
  const { layout, packed, bodyBytes } = parseLayout(bytes.subarray(PREAMBLE + metaLength, bodyStart), rows);

  const end = bodyStart + bodyBytes;
  if (end > bytes.length) {
    throw new ProtocolError(
      'bad_message',
      `binary batch ends inside column ${columnAt(packed, bodyStart, bytes.length)}`,
    );
  }
  if (end < bytes.length) {
    throw new ProtocolError('bad_message', `binary batch has ${bytes.length - end} bytes after its last column`);
  }
  const time = readColumn(bytes, bodyStart, rows, 'f64') as Float64Array;
  if (!littleEndian)
    return { ...header, time, cars: layout.cars, channels: readChannels(bytes, bodyStart, rows, packed) };
  const batch = header as TelemetryBatch;
  batch.time = time;
  batch.cars = layout.cars;
  batch.packed = {
    words: new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2),
    body: bodyStart >> 2,
    layout: packed,
  };
  Object.defineProperty(batch, 'channels', channelsOnFirstRead);
  return batch;
}

/**
 * A decoded batch's `channels`, made on first read: a consumer that copies the `packed` words (the datasource's live
 * path) never pays for a view per channel. Enumerable, so spreading or serialising a batch still sees its channels.
 */
const channelsOnFirstRead: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: TelemetryBatch) {
    const { words, body, layout } = this.packed!;
    const bytes = new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
    return settleChannels(this, readChannels(bytes, 4 * body, this.time.length, layout));
  },
  set(this: TelemetryBatch, channels: Record<string, ChannelColumn>) {
    settleChannels(this, channels);
  },
};

function settleChannels(batch: TelemetryBatch, channels: Record<string, ChannelColumn>) {
  Object.defineProperty(batch, 'channels', { value: channels, enumerable: true, writable: true, configurable: true });
  return channels;
}

/** The channels of a batch whose body (the time column) starts at byte `bodyStart` of `bytes`. */
function readChannels(
  bytes: Uint8Array,
  bodyStart: number,
  rows: number,
  layout: PackedLayout,
): Record<string, ChannelColumn> {
  const channels: Record<string, ChannelColumn> = {};
  layout.names.forEach((name, c) => {
    channels[name] = readColumn(bytes, bodyStart + 4 * layout.offsets[c + 1], rows, layout.types[c]);
  });
  return channels;
}
