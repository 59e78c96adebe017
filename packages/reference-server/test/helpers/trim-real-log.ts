/**
 * Trims a real logger file to a shorter valid one, keeping its bytes as logged: an .ibt to its first records, an .ld
 * to its first seconds of every channel. This is how the fixtures in `test/fixtures/real/` were made:
 *
 *   node --import tsx packages/reference-server/test/helpers/trim-real-log.ts <in> <out> <records | seconds>
 */
import fs from 'node:fs';

/** Header, variable headers and session info as they are, then the first `records` records; the disk header says so. */
export function trimIbt(source: string, target: string, records: number): void {
  const file = fs.readFileSync(source);
  const bufLen = file.readInt32LE(36);
  const bufOffset = file.readInt32LE(52);
  const count = Math.min(records, file.readInt32LE(140));
  const out = Buffer.from(file.subarray(0, bufOffset + count * bufLen));
  const numVars = file.readInt32LE(24);
  const varHeaderOffset = file.readInt32LE(28);
  let sessionTimeOffset = -1;
  for (let k = 0; k < numVars; k++) {
    const at = varHeaderOffset + k * 144;
    const name = file.toString('latin1', at + 16, at + 48).replace(/\0.*$/s, '');
    if (name === 'SessionTime') sessionTimeOffset = file.readInt32LE(at + 4);
  }
  if (sessionTimeOffset < 0) throw new Error(`${source}: no SessionTime variable`);
  out.writeDoubleLE(out.readDoubleLE(bufOffset + (count - 1) * bufLen + sessionTimeOffset), 128); // sessionEndTime
  out.writeInt32LE(count, 140); // recordCount
  fs.writeFileSync(target, out);
}

/**
 * Everything before the first data block as it is (header, event, venue, vehicle, channel headers), then each
 * channel's first `seconds` of samples, its header pointing at them.
 */
export function trimLd(source: string, target: string, seconds: number): void {
  const file = fs.readFileSync(source);
  const channels: { at: number; dataPtr: number; count: number; size: number; rate: number }[] = [];
  for (let at = file.readUInt32LE(8); at !== 0; at = file.readUInt32LE(at + 4)) {
    channels.push({
      at,
      dataPtr: file.readUInt32LE(at + 8),
      count: file.readUInt32LE(at + 12),
      size: file.readUInt16LE(at + 20),
      rate: file.readUInt16LE(at + 22),
    });
  }
  const firstData = Math.min(...channels.map((c) => c.dataPtr));
  if (channels.some((c) => c.at + 124 > firstData)) throw new Error(`${source}: channel headers after the data`);
  const head = Buffer.from(file.subarray(0, firstData));
  const blocks: Buffer[] = [];
  let next = firstData;
  for (const c of channels) {
    const count = Math.min(c.count, Math.round(seconds * c.rate));
    head.writeUInt32LE(next, c.at + 8);
    head.writeUInt32LE(count, c.at + 12);
    blocks.push(file.subarray(c.dataPtr, c.dataPtr + count * c.size));
    next += count * c.size;
  }
  fs.writeFileSync(target, Buffer.concat([head, ...blocks]));
}

if (require.main === module) {
  const [source, target, amount] = process.argv.slice(2);
  if (source.endsWith('.ibt')) trimIbt(source, target, Number(amount));
  else trimLd(source, target, Number(amount));
}
