/** Positioned reads of a binary logger file, never the whole file; a read past the end names the offset and the part. */
import fs from 'node:fs';
import { ImportFormatError } from './session-writer';

export class BinaryFile {
  readonly size: number;
  private constructor(
    readonly file: string,
    private readonly fd: number,
  ) {
    this.size = fs.fstatSync(fd).size;
  }

  static open(file: string): BinaryFile {
    return new BinaryFile(file, fs.openSync(file, 'r'));
  }

  fail(byte: number, reason: string): never {
    throw new ImportFormatError(this.file, { byte }, reason);
  }

  /** `length` bytes at `position`, into `into` when given; `what` names the part for the message. */
  read(position: number, length: number, what: string, into?: Buffer): Buffer {
    if (!Number.isInteger(position) || !Number.isInteger(length) || position < 0 || length < 0) {
      this.fail(Math.max(0, position | 0), `${what}: impossible position ${position} or length ${length}`);
    }
    if (position + length > this.size) {
      this.fail(
        position,
        `${what}: expected ${length} bytes from byte ${position}, but the file ends at byte ${this.size}`,
      );
    }
    const buffer = into && into.length >= length ? into.subarray(0, length) : Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = fs.readSync(this.fd, buffer, done, length - done, position + done);
      if (n === 0) this.fail(position + done, `${what}: the file ends at byte ${position + done}`);
      done += n;
    }
    return buffer;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

/** A NUL-terminated Latin-1 string from a fixed-size field. */
export function cString(buffer: Buffer, offset: number, length: number): string {
  const end = Math.min(buffer.length, offset + length);
  let stop = offset;
  while (stop < end && buffer[stop] !== 0) stop++;
  return buffer.toString('latin1', offset, stop).trim();
}
