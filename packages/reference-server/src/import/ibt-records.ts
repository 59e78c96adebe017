/**
 * The records of an iRacing `.ibt` file (recordCount records of bufLen bytes from bufOffset), read in chunks, never
 * whole, onto the rows of the sink: values converted, zero frames and GPS dropouts taken out, positions projected.
 */
import type { BinaryFile } from './binary-file';
import type { IbtHeader } from './ibt-header';
import { LoggerLapTimes } from './logger-laps';
import type { RowSink } from './native';

/** Records read per chunk. */
const CHUNK_RECORDS = 1024;

type ReadValue = (b: Buffer, at: number) => number;

/** Where each column's value is in a record, and which columns have a meaning to check. */
export interface IbtRecordLayout {
  readTime: ReadValue;
  offsets: Int32Array;
  types: Uint8Array;
  /** The mapped columns, converted to the known channels' units; kept ones stay as logged. */
  converted: number[];
  converts: ((v: number) => number)[];
  lapIdx: number;
  distIdx: number;
  latIdx: number;
  lonIdx: number;
  xIdx: number;
  yIdx: number;
  hasPositions: boolean;
  project?: (lat: number, lon: number) => { x: number; y: number };
  readLap?: ReadValue;
  readLastLap?: ReadValue;
}

export class IbtRecordCopy {
  zeroFrames = 0;
  outOfOrder = 0;
  gpsDropouts = 0;
  readonly laps: LoggerLapTimes;
  private lastTime = -Infinity;

  constructor(
    private readonly file: BinaryFile,
    private readonly header: IbtHeader,
    private readonly records: number,
    private readonly layout: IbtRecordLayout,
    private readonly sink: RowSink,
    /** Epoch ms of the first record, and its SessionTime. */
    private readonly startEpoch: number,
    private readonly t0: number,
  ) {
    this.laps = new LoggerLapTimes(header.tickRate);
  }

  async run(progress?: (bytes: number, rows: number) => void): Promise<void> {
    const { file, header, records } = this;
    const { readTime, readLap, readLastLap } = this.layout;
    let buffer: Buffer = Buffer.allocUnsafe(Math.min(records, CHUNK_RECORDS) * header.bufLen);
    for (let first = 0; first < records; first += CHUNK_RECORDS) {
      const count = Math.min(CHUNK_RECORDS, records - first);
      buffer = file.read(
        header.bufOffset + first * header.bufLen,
        count * header.bufLen,
        `records ${first}–${first + count - 1}`,
        buffer,
      );
      const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      for (let r = 0; r < count; r++) {
        const at = r * header.bufLen;
        const sessionTime = readTime(buffer, at);
        const time = this.startEpoch + (sessionTime - this.t0) * 1000;
        if (!Number.isFinite(time) || time < this.lastTime) {
          this.outOfOrder++;
          continue;
        }
        this.lastTime = time;
        const row = await this.sink.row(time);
        this.copyValues(buffer, view, at, row);
        const zero = this.dropZeroFrame(row);
        this.placePosition(row);
        if (readLastLap && readLap && !zero) this.laps.add(readLap(buffer, at), readLastLap(buffer, at));
      }
      progress?.(header.bufOffset + (first + count) * header.bufLen, this.sink.rows);
    }
  }

  /** Every column's value of the record at `at`, the mapped ones converted. */
  private copyValues(buffer: Buffer, view: DataView, at: number, row: number): void {
    const { offsets, types, converted, converts } = this.layout;
    const cols = this.sink.columns;
    const k = offsets.length;
    for (let c = 0; c < k; c++) {
      const o = at + offsets[c];
      switch (types[c]) {
        case 1:
          cols[c][row] = buffer[o];
          break;
        case 2:
          cols[c][row] = view.getInt32(o, true);
          break;
        case 3:
          cols[c][row] = view.getUint32(o, true);
          break;
        case 4:
          cols[c][row] = view.getFloat32(o, true);
          break;
        default:
          cols[c][row] = view.getFloat64(o, true);
      }
    }
    for (const c of converted) cols[c][row] = converts[c](cols[c][row]);
  }

  /** A zero frame (reset, tow, record 0): lap 0 at distance 0 at 0,0 is no place on the track. */
  private dropZeroFrame(row: number): boolean {
    const { lapIdx, distIdx, latIdx, lonIdx, hasPositions } = this.layout;
    const cols = this.sink.columns;
    const zero =
      lapIdx >= 0 &&
      distIdx >= 0 &&
      cols[lapIdx][row] === 0 &&
      cols[distIdx][row] === 0 &&
      (!hasPositions || (cols[latIdx][row] === 0 && cols[lonIdx][row] === 0));
    if (zero) {
      this.zeroFrames++;
      cols[lapIdx][row] = NaN;
      cols[distIdx][row] = NaN;
    } else if (distIdx >= 0 && cols[distIdx][row] < 0) cols[distIdx][row] = NaN;
    return zero;
  }

  /** The row's position in metres, or no position for a GPS dropout. */
  private placePosition(row: number): void {
    const { project, latIdx, lonIdx, xIdx, yIdx } = this.layout;
    if (!project) return;
    const cols = this.sink.columns;
    const lat = cols[latIdx][row];
    const lon = cols[lonIdx][row];
    if (
      (lat === 0 && lon === 0) ||
      !Number.isFinite(lat) ||
      !Number.isFinite(lon) ||
      Math.abs(lat) > 90 ||
      Math.abs(lon) > 180
    ) {
      this.gpsDropouts++;
      cols[latIdx][row] = NaN;
      cols[lonIdx][row] = NaN;
    } else {
      const p = project(lat, lon);
      cols[xIdx][row] = p.x;
      cols[yIdx][row] = p.y;
    }
  }
}
