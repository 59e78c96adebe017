/**
 * A small iRacing `.ibt` writer following the irsdk disk layout (header, disk sub-header, 144-byte variable headers,
 * session-info YAML, records), for tests and benchmarks. It writes the samples of a {@link RealLog} with the quirks of
 * real files: a zero frame first, `LapDistPct` and `Throttle` as fractions under the unit "%", `LapLastLapTime`
 * updating 40 samples after the wrap (-1 after an untimed lap), a per-car array, and channels the catalog lacks.
 */
import fs from 'node:fs';
import type { RealLog } from './real-log';

type VarType = 1 | 2 | 4 | 5; // bool, int, float, double
const SIZES: Record<VarType, number> = { 1: 1, 2: 4, 4: 4, 5: 8 };

export interface IbtVarSpec {
  name: string;
  unit: string;
  type: VarType;
  count?: number;
  desc?: string;
  /** Value of sample i (and array element k). */
  value: (i: number, k: number) => number;
}

export interface IbtWriteOptions {
  /** Whole repeats of the log's samples, times moved on (for large files). Default 1. */
  repeat?: number;
  /** Byte count to cut the file to (a truncated file). */
  truncateTo?: number;
  /** Record count to state in the disk header; default the true count. */
  statedRecords?: number;
  /** The first record is an all-zero frame (as real files have). Default true. */
  zeroFirst?: boolean;
  /** Session-info YAML; default one naming track, car and driver. */
  sessionInfo?: string;
  /** Samples after a lap change at which LapLastLapTime updates. Default 40. */
  lastLapDelay?: number;
  extraVars?: IbtVarSpec[];
}

export const IBT_SESSION_INFO = `---
WeekendInfo:
 TrackName: testring
 TrackDisplayName: Test Ring
 TrackConfigName: Club
 TrackLength: 1.20 km
 TrackCity: Testville
DriverInfo:
 DriverCarIdx: 1
 Drivers:
 - CarIdx: 0
   UserName: Pace Car
   CarNumber: "0"
   CarScreenName: safety car
   CarIsPaceCar: 1
 - CarIdx: 1
   UserName: A. Tester
   TeamName: A. Tester
   CarNumber: "42"
   CarScreenName: Mercedes-AMG GT4
SplitTimeInfo:
 Sectors:
 - SectorNum: 0
   SectorStartPct: 0.000000
 - SectorNum: 1
   SectorStartPct: 0.333333
 - SectorNum: 2
   SectorStartPct: 0.750000
...
`;

/** The logged lap time (s) each sample's LapLastLapTime shows: updated `delay` samples after each lap change. */
function lastLapTimes(log: RealLog, delay: number): Float64Array {
  const out = new Float64Array(log.time.length);
  const times = new Map(log.truth.map((t) => [t.lap, t.lapTime]));
  let value = 131.644; // a lap before the recording
  let pendingAt = -1;
  let pendingValue = 0;
  for (let i = 0; i < out.length; i++) {
    if (i > 0 && log.lap[i] !== log.lap[i - 1]) {
      pendingAt = i + delay;
      pendingValue = times.get(log.lap[i - 1]) ?? -1;
    }
    if (i === pendingAt) value = pendingValue;
    out[i] = value;
  }
  return out;
}

export function ibtVars(log: RealLog, options: IbtWriteOptions = {}): IbtVarSpec[] {
  const zeroFirst = options.zeroFirst ?? true;
  const z = (i: number, v: number) => (zeroFirst && i === 0 ? 0 : v);
  const last = lastLapTimes(log, options.lastLapDelay ?? 40);
  const tempF = (i: number, side: number) => 80 + side * 5 + Math.sin(i / 100);
  return [
    { name: 'SessionTime', unit: 's', type: 5, value: (i) => 2252.3 + log.sessionTime[i] },
    { name: 'SessionTick', unit: '', type: 2, value: (i) => 135138 + i },
    { name: 'Lap', unit: '', type: 2, value: (i) => z(i, log.lap[i]) },
    { name: 'LapDist', unit: 'm', type: 4, value: (i) => z(i, log.lapDistance[i]) },
    { name: 'LapDistPct', unit: '%', type: 4, value: (i) => z(i, log.lapDistance[i] / log.lapLength) },
    { name: 'Lat', unit: 'deg', type: 5, value: (i) => log.lat[i] },
    { name: 'Lon', unit: 'deg', type: 5, value: (i) => log.lon[i] },
    { name: 'Speed', unit: 'm/s', type: 4, value: (i) => z(i, log.speed[i]) },
    { name: 'RPM', unit: 'revs/min', type: 4, value: (i) => z(i, 6000 + 10 * log.speed[i]) },
    { name: 'Gear', unit: '', type: 2, value: (i) => z(i, 4) },
    { name: 'Throttle', unit: '%', type: 4, value: (i) => z(i, 0.8) },
    { name: 'Brake', unit: '%', type: 4, value: () => 0 },
    { name: 'SteeringWheelAngle', unit: 'rad', type: 4, value: () => 0.1 },
    {
      name: 'LatAccel',
      unit: 'm/s^2',
      type: 4,
      value: (i) => z(i, (log.speed[i] * log.speed[i] * 2 * Math.PI) / log.lapLength),
    },
    { name: 'LongAccel', unit: 'm/s^2', type: 4, value: () => 0 },
    { name: 'LapLastLapTime', unit: 's', type: 4, value: (i) => last[i] },
    { name: 'OnPitRoad', unit: '', type: 1, value: () => 0 },
    // Left/right of the tread seen from behind: on the left-front the left edge is the outer shoulder.
    { name: 'LFtempL', unit: 'C', type: 4, value: (i) => tempF(i, 0) },
    { name: 'LFtempM', unit: 'C', type: 4, value: (i) => tempF(i, 1) },
    { name: 'LFtempR', unit: 'C', type: 4, value: (i) => tempF(i, 2) },
    { name: 'LFtempCL', unit: 'C', type: 4, value: () => 60 },
    { name: 'RFtempL', unit: 'C', type: 4, value: (i) => tempF(i, 0) },
    { name: 'RFtempM', unit: 'C', type: 4, value: (i) => tempF(i, 1) },
    { name: 'RFtempR', unit: 'C', type: 4, value: (i) => tempF(i, 2) },
    { name: 'LFpress', unit: 'kPa', type: 4, value: () => 172 },
    { name: 'FuelLevel', unit: 'l', type: 4, value: (i) => 50 - i * 1e-4 },
    { name: 'CarIdxLapDistPct', unit: '%', type: 4, count: 64, value: (_i, k) => k / 64 },
    ...(options.extraVars ?? []),
  ];
}

function varHeaders(vars: readonly IbtVarSpec[]): { headers: Buffer; bufLen: number; offsets: number[] } {
  const headers = Buffer.alloc(vars.length * 144);
  const offsets: number[] = [];
  let offset = 0;
  vars.forEach((v, k) => {
    const at = k * 144;
    offsets.push(offset);
    headers.writeInt32LE(v.type, at);
    headers.writeInt32LE(offset, at + 4);
    headers.writeInt32LE(v.count ?? 1, at + 8);
    headers.write(v.name, at + 16, 31, 'latin1');
    headers.write(v.desc ?? v.name, at + 48, 63, 'latin1');
    headers.write(v.unit, at + 112, 31, 'latin1');
    offset += SIZES[v.type] * (v.count ?? 1);
  });
  return { headers, bufLen: offset, offsets };
}

function writeValue(b: Buffer, at: number, type: VarType, value: number): void {
  if (type === 1) b[at] = value ? 1 : 0;
  else if (type === 2) b.writeInt32LE(Math.round(value) | 0, at);
  else if (type === 4) b.writeFloatLE(value, at);
  else b.writeDoubleLE(value, at);
}

/** Writes the .ibt file, streaming its records in chunks; returns its size. */
export function writeIbt(file: string, log: RealLog, options: IbtWriteOptions = {}): number {
  const vars = ibtVars(log, options);
  const { headers, bufLen, offsets } = varHeaders(vars);
  const info = Buffer.from(options.sessionInfo ?? IBT_SESSION_INFO, 'latin1');
  const repeat = options.repeat ?? 1;
  const n = log.time.length;
  const records = n * repeat;
  const varHeaderOffset = 144;
  const sessionInfoOffset = varHeaderOffset + headers.length;
  const bufOffset = sessionInfoOffset + info.length;
  const header = Buffer.alloc(144);
  header.writeInt32LE(2, 0);
  header.writeInt32LE(1, 4);
  header.writeInt32LE(log.hz, 8);
  header.writeInt32LE(1, 12);
  header.writeInt32LE(info.length, 16);
  header.writeInt32LE(sessionInfoOffset, 20);
  header.writeInt32LE(vars.length, 24);
  header.writeInt32LE(varHeaderOffset, 28);
  header.writeInt32LE(1, 32);
  header.writeInt32LE(bufLen, 36);
  header.writeInt32LE(records, 48);
  header.writeInt32LE(bufOffset, 52);
  header.writeBigInt64LE(BigInt(Math.floor(log.time[0] / 1000)), 112);
  header.writeDoubleLE(2252.3, 120);
  header.writeDoubleLE(2252.3 + (log.sessionTime[n - 1] + (repeat - 1) * (n / log.hz)), 128);
  header.writeInt32LE(log.truth.length + 1, 136);
  header.writeInt32LE(options.statedRecords ?? records, 140);

  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, header);
    fs.writeSync(fd, headers);
    fs.writeSync(fd, info);
    const chunkRecords = 4096;
    const chunk = Buffer.alloc(chunkRecords * bufLen);
    let inChunk = 0;
    const passSeconds = n / log.hz;
    for (let pass = 0; pass < repeat; pass++) {
      for (let i = 0; i < n; i++) {
        const at = inChunk * bufLen;
        vars.forEach((v, k) => {
          for (let e = 0; e < (v.count ?? 1); e++) {
            let value = v.value(i, e);
            if (v.name === 'SessionTime') value += pass * passSeconds;
            if (v.name === 'Lap') value += pass * (log.truth.length + 2);
            writeValue(chunk, at + offsets[k] + e * SIZES[v.type], v.type, value);
          }
        });
        if (++inChunk === chunkRecords) {
          fs.writeSync(fd, chunk);
          inChunk = 0;
        }
      }
    }
    if (inChunk) fs.writeSync(fd, chunk, 0, inChunk * bufLen);
  } finally {
    fs.closeSync(fd);
  }
  if (options.truncateTo !== undefined) fs.truncateSync(file, options.truncateTo);
  return fs.statSync(file).size;
}
