/**
 * The fixed parts of an iRacing `.ibt` file (the public irsdk disk layout):
 *
 *   0    irsdk_header (48 bytes + 4 varBuf entries of 16): ver, status, tickRate, sessionInfoUpdate, sessionInfoLen,
 *        sessionInfoOffset, numVars, varHeaderOffset, numBuf, bufLen, …, varBuf[0].bufOffset @52
 *   112  disk sub-header: sessionStartDate (int64 time_t), sessionStartTime, sessionEndTime (float64), lapCount,
 *        recordCount (int32)
 *   varHeaderOffset   numVars × 144 bytes: type, offset, count, countAsTime, name[32], desc[64], unit[32]
 */
import { cString, type BinaryFile } from './binary-file';

const HEADER_BYTES = 144;
const VAR_HEADER_BYTES = 144;
const TYPE_SIZES = [1, 1, 4, 4, 4, 8];
const TYPE_NAMES = ['char', 'bool', 'int', 'bitField', 'float', 'double'];

export interface IbtHeader {
  version: number;
  tickRate: number;
  sessionInfoLen: number;
  sessionInfoOffset: number;
  numVars: number;
  varHeaderOffset: number;
  numBuf: number;
  bufLen: number;
  bufOffset: number;
  startDate: number;
  startTime: number;
  endTime: number;
  lapCount: number;
  recordCount: number;
}

export interface IbtVar {
  name: string;
  unit: string;
  desc: string;
  type: number;
  offset: number;
  count: number;
}

/** True when the first bytes look like an irsdk disk header. */
export function looksLikeIbt(head: Buffer): boolean {
  if (head.length < HEADER_BYTES) return false;
  const version = head.readInt32LE(0);
  const tickRate = head.readInt32LE(8);
  const numVars = head.readInt32LE(24);
  const varHeaderOffset = head.readInt32LE(28);
  const bufLen = head.readInt32LE(36);
  return (
    (version === 1 || version === 2) &&
    tickRate > 0 &&
    tickRate <= 1000 &&
    numVars > 0 &&
    numVars < 100_000 &&
    varHeaderOffset >= HEADER_BYTES &&
    bufLen > 0
  );
}

export function readIbtHeader(file: BinaryFile): IbtHeader {
  const b = file.read(0, HEADER_BYTES, 'the irsdk header');
  const header: IbtHeader = {
    version: b.readInt32LE(0),
    tickRate: b.readInt32LE(8),
    sessionInfoLen: b.readInt32LE(16),
    sessionInfoOffset: b.readInt32LE(20),
    numVars: b.readInt32LE(24),
    varHeaderOffset: b.readInt32LE(28),
    numBuf: b.readInt32LE(32),
    bufLen: b.readInt32LE(36),
    bufOffset: b.readInt32LE(52),
    startDate: Number(b.readBigInt64LE(112)),
    startTime: b.readDoubleLE(120),
    endTime: b.readDoubleLE(128),
    lapCount: b.readInt32LE(136),
    recordCount: b.readInt32LE(140),
  };
  const check = (ok: boolean, byte: number, what: string) => {
    if (!ok) file.fail(byte, `not an iRacing .ibt file: ${what}`);
  };
  check(header.version === 1 || header.version === 2, 0, `expected header version 1 or 2, found ${header.version}`);
  check(
    header.tickRate > 0 && header.tickRate <= 1000,
    8,
    `expected a tick rate of 1–1000 Hz, found ${header.tickRate}`,
  );
  check(header.numVars > 0 && header.numVars < 100_000, 24, `expected 1–99999 variables, found ${header.numVars}`);
  check(
    header.bufLen > 0 && header.bufLen < 1 << 24,
    36,
    `expected a record length of 1 B–16 MB, found ${header.bufLen}`,
  );
  check(header.varHeaderOffset >= HEADER_BYTES, 28, `variable headers at byte ${header.varHeaderOffset}`);
  check(header.bufOffset >= HEADER_BYTES && header.bufOffset <= file.size, 52, `records at byte ${header.bufOffset}`);
  check(header.recordCount >= 0, 140, `record count ${header.recordCount}`);
  check(Number.isFinite(header.startTime), 120, 'session start time is not a number');
  return header;
}

export function readIbtVars(file: BinaryFile, header: IbtHeader): IbtVar[] {
  const b = file.read(header.varHeaderOffset, header.numVars * VAR_HEADER_BYTES, 'the variable headers');
  const vars: IbtVar[] = [];
  for (let k = 0; k < header.numVars; k++) {
    const at = k * VAR_HEADER_BYTES;
    const v: IbtVar = {
      type: b.readInt32LE(at),
      offset: b.readInt32LE(at + 4),
      count: b.readInt32LE(at + 8),
      name: cString(b, at + 16, 32),
      desc: cString(b, at + 48, 64),
      unit: cString(b, at + 112, 32),
    };
    const where = header.varHeaderOffset + at;
    if (!(v.type >= 0 && v.type < TYPE_SIZES.length))
      file.fail(where, `variable ${k} (${v.name}): unknown type ${v.type}`);
    if (!(v.count >= 1) || v.offset < 0 || v.offset + v.count * TYPE_SIZES[v.type] > header.bufLen)
      file.fail(
        where,
        `variable ${k} (${v.name}): ${v.count} × ${TYPE_NAMES[v.type]} at ${v.offset} lies outside the ${header.bufLen}-byte record`,
      );
    vars.push(v);
  }
  return vars;
}
