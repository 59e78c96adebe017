/** File helpers for the recording: whole reads and writes, and replacing a file atomically. */
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

export function readFully(fd: number, into: Uint8Array, position: number): void {
  let done = 0;
  while (done < into.length) {
    const n = fs.readSync(fd, into, done, into.length - done, position + done);
    if (n === 0) throw new Error(`unexpected end of recording at byte ${position + done}`);
    done += n;
  }
}

export async function readFullyAsync(fd: number, into: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < into.length) {
    const n = await new Promise<number>((resolve, reject) =>
      fs.read(fd, into, done, into.length - done, position + done, (error, bytes) =>
        error ? reject(error) : resolve(bytes),
      ),
    );
    if (n === 0) throw new Error(`unexpected end of recording at byte ${position + done}`);
    done += n;
  }
}

export async function writeAll(handle: FileHandle, buffer: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, done, buffer.length - done, position + done);
    done += bytesWritten;
  }
}

/** Replaces `file` so that a crash leaves either the old content or the new one, never half of one. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w');
  try {
    if (typeof data === 'string') fs.writeSync(fd, data);
    else fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}
