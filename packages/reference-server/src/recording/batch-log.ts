/**
 * The append-only batch file of a recorded session, `batches.ercb`: one record per batch, each a uint32 LE length
 * followed by that many bytes of a binary ERCB batch (the wire format; its header carries the seq). Records are in
 * increasing seq order; a seq without a record is a batch without samples.
 *
 * `batches.idx` holds (seq, offset) as float64 LE pairs so that opening a long recording reads only its tail. The data
 * file is the truth: on open the index is checked against it, records past the index are scanned, and a record cut
 * short by a crash (a torn tail) is cut off. Records are checked by decoding them, so the log knows nothing of the
 * batch format beyond the core's codec.
 */
import fs from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { decodeBinaryBatch } from '@eracing/telemetry-core/codec';
import { type TelemetryBatch } from '@eracing/telemetry-core/protocol';
import { readFully, readFullyAsync, writeAll, writeFileAtomic } from './files';
import { BATCHES_FILE, INDEX_FILE } from './layout';
import { RecordIndex } from './record-index';

const LENGTH_BYTES = 4;
const ENTRY_BYTES = 16;
/** Records are scanned in chunks of this size. */
const SCAN_CHUNK = 4 * 1024 * 1024;
/** Asynchronous scans (history) decode this much between turns of the event loop, so that live batches go out. */
const ASYNC_SCAN_CHUNK = 256 * 1024;
const MAX_RECORD = 1 << 30;
/** More unreadable bytes than this at the end is not a torn write but damage or another format: never cut it off. */
const MAX_TORN_TAIL = 64 * 1024 * 1024;

export interface RecordHeader {
  seq: number;
  /** Bytes of the ERCB batch. */
  size: number;
}

export interface OpenedLog {
  /** Bytes of the data file that hold whole records. */
  validSize: number;
  /** Bytes found on disk, including a torn tail. */
  diskSize: number;
  /** The index file disagreed with the data and was rebuilt in memory. */
  staleIndex: boolean;
}

/** Reads the records of one session directory. */
export class BatchLog {
  protected readonly index = new RecordIndex();
  protected size = 0;
  protected fd = -1;

  protected constructor(readonly dir: string) {}

  /**
   * Opens a log for reading. Nothing is written: a torn tail is ignored, not cut off, and a stale index is rebuilt in
   * memory only (a recorder may be appending to the files).
   */
  static openForRead(dir: string): BatchLog {
    const log = new BatchLog(dir);
    log.load(false);
    return log;
  }

  get dataFile(): string {
    return path.join(this.dir, BATCHES_FILE);
  }

  get indexFile(): string {
    return path.join(this.dir, INDEX_FILE);
  }

  get count(): number {
    return this.index.count;
  }

  get lastSeq(): number {
    return this.index.lastSeq;
  }

  get firstSeq(): number {
    return this.index.count ? this.index.seqAt(0) : -1;
  }

  /** Bytes of whole records. */
  get byteSize(): number {
    return this.size;
  }

  has(seq: number): boolean {
    return this.index.find(seq) >= 0;
  }

  /** The seq of the record at `position` (0 … count − 1). */
  seqAt(position: number): number {
    return this.index.seqAt(position);
  }

  /** Position of the first record with seq >= `seq`. */
  lowerBound(seq: number): number {
    return this.index.lowerBound(seq);
  }

  /** The recorded batch `seq`, or undefined when it has no record. */
  read(seq: number): TelemetryBatch | undefined {
    const position = this.index.find(seq);
    return position < 0 ? undefined : decodeBinaryBatch(this.readBytes(position));
  }

  /** The ERCB bytes of the record at `position`, in their own 8-byte aligned buffer. */
  readBytes(position: number): Uint8Array {
    const start = this.index.offsetAt(position) + LENGTH_BYTES;
    const end = this.recordEnd(position);
    const bytes = new Uint8Array(end - start);
    readFully(this.fd, bytes, start);
    return bytes;
  }

  /**
   * Calls `visit` with each record from position `from` to `to` (exclusive), reading them in large chunks.
   * The batch's columns are views that are only valid during the call.
   */
  scan(from: number, to: number, visit: (batch: TelemetryBatch, position: number) => void): void {
    let position = Math.max(0, from);
    const last = Math.min(to, this.index.count);
    // A plain Uint8Array, not a Buffer: the decoder copies unaligned records with slice(), which on a Buffer is a view.
    let buffer = new Uint8Array(0);
    while (position < last) {
      const chunkStart = this.index.offsetAt(position);
      let end = position;
      while (end < last && (end === position || this.recordEnd(end) - chunkStart <= SCAN_CHUNK)) end++;
      const chunkEnd = this.recordEnd(end - 1);
      if (buffer.length < chunkEnd - chunkStart) buffer = new Uint8Array(Math.max(chunkEnd - chunkStart, SCAN_CHUNK));
      readFully(this.fd, buffer.subarray(0, chunkEnd - chunkStart), chunkStart);
      for (let p = position; p < end; p++) {
        const start = this.index.offsetAt(p) + LENGTH_BYTES - chunkStart;
        visit(decodeBinaryBatch(buffer.subarray(start, this.recordEnd(p) - chunkStart)), p);
      }
      position = end;
    }
  }

  /** `scan` with asynchronous reads, so that a long scan never holds the event loop for more than one chunk. */
  async scanAsync(from: number, to: number, visit: (batch: TelemetryBatch, position: number) => void): Promise<void> {
    let position = Math.max(0, from);
    const last = Math.min(to, this.index.count);
    while (position < last) {
      const chunkStart = this.index.offsetAt(position);
      let end = position;
      while (end < last && (end === position || this.recordEnd(end) - chunkStart <= ASYNC_SCAN_CHUNK)) end++;
      const chunkEnd = this.recordEnd(end - 1);
      const buffer = new Uint8Array(chunkEnd - chunkStart);
      await readFullyAsync(this.fd, buffer, chunkStart);
      await nextTurn();
      for (let p = position; p < end; p++) {
        const start = this.index.offsetAt(p) + LENGTH_BYTES - chunkStart;
        visit(decodeBinaryBatch(buffer.subarray(start, this.recordEnd(p) - chunkStart)), p);
      }
      position = end;
    }
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }

  protected recordEnd(position: number): number {
    return position + 1 < this.index.count ? this.index.offsetAt(position + 1) : this.size;
  }

  /** Builds the index from the index file and the data file; records past the last whole one are left out. */
  protected load(create: boolean): OpenedLog {
    this.fd = openOrCreate(this.dataFile, create);
    const diskSize = this.fd >= 0 ? fs.fstatSync(this.fd).size : 0;
    const entries = readIndexFile(this.indexFile);
    const count = entries.length / 2;
    // Index entries are written after their records: trust them up to the last one whose record is whole.
    let trusted = 0;
    let offset = 0;
    for (let p = increasingPrefix(entries) - 1; p >= 0; p--) {
      const header = this.recordAt(entries[2 * p + 1], diskSize);
      if (header?.seq === entries[2 * p]) {
        trusted = p + 1;
        offset = entries[2 * p + 1] + LENGTH_BYTES + header.size;
        break;
      }
    }
    for (let p = 0; p < trusted; p++) this.index.push(entries[2 * p], entries[2 * p + 1]);
    offset = this.scanTail(offset, diskSize);
    this.size = offset;
    return { validSize: offset, diskSize, staleIndex: trusted !== count || this.index.count !== trusted };
  }

  /** The seq and size of the whole, decodable record at `offset`, or undefined when there is none. */
  private recordAt(offset: number, diskSize: number): RecordHeader | undefined {
    if (this.fd < 0 || offset + LENGTH_BYTES > diskSize) return undefined;
    const head = new Uint8Array(LENGTH_BYTES);
    readFully(this.fd, head, offset);
    const length = new DataView(head.buffer).getUint32(0, true);
    if (length > MAX_RECORD || offset + LENGTH_BYTES + length > diskSize) return undefined;
    const bytes = new Uint8Array(length);
    readFully(this.fd, bytes, offset + LENGTH_BYTES);
    try {
      const { seq } = decodeBinaryBatch(bytes);
      return Number.isSafeInteger(seq) && seq! >= 0 ? { seq: seq!, size: length } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Indexes the whole records from `offset` on; returns the end of the last one. */
  private scanTail(offset: number, diskSize: number): number {
    while (true) {
      const header = this.recordAt(offset, diskSize);
      if (!header || header.seq <= this.index.lastSeq) return offset;
      this.index.push(header.seq, offset);
      offset += LENGTH_BYTES + header.size;
    }
  }
}

/** A batch log the recorder appends to. Writes are asynchronous so that fsync never stalls the event loop. */
export class AppendableBatchLog extends BatchLog {
  private data?: FileHandle;
  private indexHandle?: FileHandle;
  /** Set when open found a torn tail and cut it off; the bytes are kept in `savedTo`. */
  repaired?: { from: number; to: number; savedTo: string };

  static async openForAppend(dir: string): Promise<AppendableBatchLog> {
    await fs.promises.mkdir(dir, { recursive: true });
    const log = new AppendableBatchLog(dir);
    const opened = log.load(true);
    if (opened.validSize < opened.diskSize) {
      const torn = opened.diskSize - opened.validSize;
      if (torn > MAX_TORN_TAIL) {
        log.close();
        throw new Error(
          `${log.dataFile}: the last ${torn} bytes are not readable batches (damaged, or written by another version); ` +
            'not appending to it',
        );
      }
      // Kept aside rather than lost: a torn write is a fraction of one chunk.
      const savedTo = `${log.dataFile}.torn-${opened.validSize}`;
      const bytes = new Uint8Array(torn);
      readFully(log.fd, bytes, opened.validSize);
      fs.writeFileSync(savedTo, bytes);
      fs.truncateSync(log.dataFile, opened.validSize);
      log.repaired = { from: opened.validSize, to: opened.diskSize, savedTo };
    }
    if (opened.staleIndex) writeFileAtomic(log.indexFile, log.index.encode());
    log.data = await fs.promises.open(log.dataFile, 'r+');
    log.indexHandle = await fs.promises.open(log.indexFile, fs.existsSync(log.indexFile) ? 'r+' : 'w+');
    await log.indexHandle.truncate(log.count * ENTRY_BYTES);
    return log;
  }

  /** Appends records in seq order after everything recorded. On failure nothing of them stays on disk. */
  async append(records: ReadonlyArray<{ seq: number; bytes: Uint8Array }>): Promise<void> {
    if (!records.length) return;
    if (!this.data || !this.indexHandle) throw new Error('the batch log is closed');
    let total = 0;
    for (const r of records) total += LENGTH_BYTES + r.bytes.length;
    const buffer = Buffer.allocUnsafe(total);
    const firstPosition = this.index.count;
    const startSize = this.size;
    let at = 0;
    try {
      for (const r of records) {
        this.index.push(r.seq, startSize + at);
        buffer.writeUInt32LE(r.bytes.length, at);
        buffer.set(r.bytes, at + LENGTH_BYTES);
        at += LENGTH_BYTES + r.bytes.length;
      }
      await writeAll(this.data, buffer, startSize);
      await writeAll(this.indexHandle, this.index.encode(firstPosition), firstPosition * ENTRY_BYTES);
      this.size = startSize + total;
    } catch (error) {
      this.index.truncate(firstPosition);
      await this.data.truncate(startSize).catch(() => undefined);
      await this.indexHandle.truncate(firstPosition * ENTRY_BYTES).catch(() => undefined);
      throw error;
    }
  }

  /** Flushes what was appended to the disk. */
  async sync(): Promise<void> {
    await this.data?.datasync();
    await this.indexHandle?.datasync();
  }

  async closeAsync(): Promise<void> {
    await this.sync();
    await this.data?.close();
    await this.indexHandle?.close();
    this.data = undefined;
    this.indexHandle = undefined;
    this.close();
  }
}

function openOrCreate(file: string, create: boolean): number {
  try {
    return fs.openSync(file, create ? fs.constants.O_RDONLY | fs.constants.O_CREAT : 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return -1;
    throw error;
  }
}

function readIndexFile(file: string): Float64Array {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return new Float64Array(0);
  }
  const count = Math.floor(bytes.length / ENTRY_BYTES);
  const entries = new Float64Array(count * 2);
  for (let i = 0; i < count * 2; i++) entries[i] = bytes.readDoubleLE(i * 8);
  return entries;
}

/** How many leading entries start at offset 0 and increase in both seq and offset. */
function increasingPrefix(entries: Float64Array): number {
  const count = entries.length / 2;
  if (count === 0 || entries[1] !== 0) return 0;
  for (let p = 1; p < count; p++) {
    if (!(entries[2 * p] > entries[2 * p - 2]) || !(entries[2 * p + 1] > entries[2 * p - 1])) return p;
  }
  return count;
}
