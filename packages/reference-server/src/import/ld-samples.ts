/**
 * The samples of a MoTeC `.ld` log, on one timebase: the session's rows are the union of every channel's own sample
 * instants (k / rate from the log's start), and each row carries the values of the channels sampled at that instant,
 * NaN for the others. Nothing is interpolated or held. Each channel's block is read window by window, never whole;
 * value = (raw / scale × 10^-dec + shift) × mul.
 */
import os from 'node:os';
import type { BinaryFile } from './binary-file';
import type { ChannelPlan } from './channel-map';
import type { LdChannel, SampleType } from './ld-channels';
import type { LoggerLapTimes } from './logger-laps';
import type { RowSink } from './native';

/** Seconds of every channel read at once: as many as fit in WINDOW_BYTES of decoded samples, 1 to 64. */
const WINDOW_BYTES = 16 << 20;
const MAX_WINDOW_S = 64;
/** Most timebase ticks per second before falling back to the fastest channel's rate. */
const MAX_TICKS = 100_000;

function halfFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

const littleEndian = os.endianness() === 'LE';

/**
 * `n` raw samples into `out`, one loop per type so that each stays monomorphic (the import's hottest loop); through a
 * typed-array view when the machine is little-endian like the file and `raw` starts on its element size.
 */
function decodeInto(raw: Buffer, n: number, type: SampleType, out: Float64Array): void {
  const aligned = littleEndian && raw.byteOffset % 8 === 0;
  if (aligned && type === 'f32') out.set(new Float32Array(raw.buffer, raw.byteOffset, n));
  else if (aligned && type === 'i16') out.set(new Int16Array(raw.buffer, raw.byteOffset, n));
  else if (aligned && type === 'i32') out.set(new Int32Array(raw.buffer, raw.byteOffset, n));
  else if (aligned && type === 'f64') out.set(new Float64Array(raw.buffer, raw.byteOffset, n));
  else decodeEach(raw, n, type, out);
}

function decodeEach(raw: Buffer, n: number, type: SampleType, out: Float64Array): void {
  switch (type) {
    case 'f32':
      for (let i = 0; i < n; i++) out[i] = raw.readFloatLE(i * 4);
      break;
    case 'i16':
      for (let i = 0; i < n; i++) out[i] = raw.readInt16LE(i * 2);
      break;
    case 'f64':
      for (let i = 0; i < n; i++) out[i] = raw.readDoubleLE(i * 8);
      break;
    case 'i32':
      for (let i = 0; i < n; i++) out[i] = raw.readInt32LE(i * 4);
      break;
    case 'i8':
      for (let i = 0; i < n; i++) out[i] = raw.readInt8(i);
      break;
    case 'f16':
      for (let i = 0; i < n; i++) out[i] = halfFloat(raw.readUInt16LE(i * 2));
      break;
  }
}

function gcd(a: number, b: number): number {
  return b ? gcd(b, a % b) : a;
}

export interface LdTimebase {
  /** Ticks per second that every rate divides. */
  ticks: number;
  /** The fastest channel's rate, Hz. */
  fastest: number;
  /** Each channel's ticks between samples. */
  steps: number[];
  totalTicks: number;
  rowsPerSecond: number;
}

/** The timebase: ticks per second that every rate divides (their least common multiple). */
export function ldTimebase(channels: readonly LdChannel[], notes: string[]): LdTimebase {
  let ticks = 1;
  for (const c of channels) ticks = (ticks / gcd(ticks, c.rate)) * c.rate;
  const fastest = Math.max(...channels.map((c) => c.rate));
  if (ticks > MAX_TICKS) {
    notes.push(
      `rates ${[...new Set(channels.map((c) => c.rate))].join(', ')} Hz share no timebase under ${MAX_TICKS} Hz: slower channels go on the nearest ${fastest} Hz row`,
    );
    ticks = fastest;
  }
  const steps = channels.map((c) => Math.max(1, Math.round(ticks / c.rate)));
  const durationS = Math.max(...channels.map((c) => c.count / c.rate));
  const totalTicks = Math.ceil(durationS * ticks);
  const rowsPerSecond = (() => {
    let n = 0;
    for (let m = 0; m < ticks; m++) if (steps.some((s) => m % s === 0)) n++;
    return n;
  })();
  const rates = [...new Set(channels.map((c) => c.rate))].sort((a, b) => a - b);
  if (rates.length > 1)
    notes.push(
      `channels at ${rates.join(', ')} Hz: ${rowsPerSecond} rows a second, each with the channels sampled at that instant (NaN for the others; nothing interpolated)`,
    );
  return { ticks, fastest, steps, totalTicks, rowsPerSecond };
}

/** What the copy puts on the rows besides the channels: a lap count from beacons, the logger's lap times. */
export interface LdLaps {
  /** Beacon times (s from the log's start), counted into the column `beaconLapIdx`. */
  beacons?: readonly number[];
  beaconLapIdx: number;
  lapTimes?: LoggerLapTimes;
  lapIdx: number;
  lapTimeIdx: number;
  lapTimeConvert?: (v: number) => number;
}

/**
 * A second at a time: its rows are requested first (one batch holds them: batches are whole seconds from a whole
 * second), then each channel's samples of that second are put on their rows. Blocks are read `window` seconds at a
 * time (fewer, larger reads; the decoded window stays within WINDOW_BYTES).
 */
export class LdSampleCopy {
  private readonly rowOfTick: Int32Array;
  private readonly tickOfRow: Int32Array;
  private readonly fullSeconds: number;
  private readonly seconds: number;
  private readonly factor: number[];
  private readonly values: Float64Array[];
  private readonly firstSample: number[];
  private readonly sinkRow: Int32Array;
  private readonly window: number;
  /** Raw samples are read into one buffer, grown to the largest read. */
  private pool: Buffer | undefined;
  private beacon = 0;

  constructor(
    private readonly file: BinaryFile,
    private readonly channels: readonly LdChannel[],
    private readonly plans: readonly ChannelPlan[],
    private readonly timebase: LdTimebase,
    private readonly sink: RowSink,
    private readonly laps: LdLaps,
    private readonly start: number,
  ) {
    const { ticks, steps, totalTicks, rowsPerSecond } = timebase;
    this.factor = channels.map((c) => 10 ** -c.dec / c.scale);
    this.rowOfTick = new Int32Array(ticks).fill(-1);
    for (let j = 0, n = 0; j < ticks; j++) if (steps.some((st) => j % st === 0)) this.rowOfTick[j] = n++;
    this.tickOfRow = Int32Array.from({ length: rowsPerSecond }, () => 0);
    this.rowOfTick.forEach((r, j) => r >= 0 && (this.tickOfRow[r] = j));
    this.fullSeconds = Math.min(...channels.map((c) => Math.floor(c.count / c.rate)));
    this.seconds = Math.ceil(totalTicks / ticks);
    this.values = channels.map(() => new Float64Array(0));
    this.firstSample = new Array<number>(channels.length).fill(0);
    this.sinkRow = new Int32Array(rowsPerSecond);
    const samplesPerSecond = channels.reduce((sum, c) => sum + c.rate, 0);
    this.window = Math.max(1, Math.min(MAX_WINDOW_S, Math.floor(WINDOW_BYTES / 8 / samplesPerSecond)));
  }

  async run(progress?: (bytes: number, rows: number) => void): Promise<void> {
    const { seconds, window } = this;
    for (let w = 0; w < seconds; w += window) {
      const wEnd = Math.min(seconds, w + window);
      this.decodeWindow(w, wEnd);
      for (let sec = w; sec < wEnd; sec++) {
        await this.requestRows(sec);
        this.placeSamples(sec);
        if (this.laps.beacons) this.countBeacons(sec, this.laps.beacons);
        if (this.laps.lapTimes) this.takeLapTimes(sec, this.laps.lapTimes);
      }
      progress?.(Math.round((this.file.size * wEnd) / seconds), this.sink.rows);
    }
  }

  /** Every channel's samples of seconds w … wEnd - 1, decoded and scaled into `values`. */
  private decodeWindow(w: number, wEnd: number): void {
    const { file, plans, factor, values } = this;
    this.channels.forEach((c, k) => {
      const k0 = Math.min(c.count, w * c.rate);
      const k1 = Math.min(c.count, wEnd * c.rate);
      this.firstSample[k] = k0;
      const n = k1 - k0;
      if (values[k].length < n) values[k] = new Float64Array(n);
      if (!n) return;
      const bytes = n * c.size;
      // Its own ArrayBuffer, from byte 0: the samples are read through typed-array views of it.
      if (!this.pool || this.pool.length < bytes)
        this.pool = Buffer.from(new ArrayBuffer(Math.max(bytes, 2 * (this.pool?.length ?? 0))));
      const raw = file.read(c.dataPtr + k0 * c.size, bytes, `channel "${c.name}" samples ${k0}–${k1 - 1}`, this.pool);
      const convert = plans[k].convert;
      const f = factor[k];
      const { shift, mul } = c;
      const out = values[k];
      decodeInto(raw, n, c.type, out);
      if (plans[k].mapped) for (let i = 0; i < n; i++) out[i] = convert((out[i] * f + shift) * mul);
      else for (let i = 0; i < n; i++) out[i] = (out[i] * f + shift) * mul;
    });
  }

  /** The sink's rows of second `sec` (-1 for instants no channel sampled). */
  private async requestRows(sec: number): Promise<void> {
    const { ticks, steps, totalTicks, rowsPerSecond } = this.timebase;
    const { channels, tickOfRow, sinkRow } = this;
    const base = sec * ticks;
    for (let r = 0; r < rowsPerSecond; r++) {
      const m = base + tickOfRow[r];
      let exists = m < totalTicks;
      if (exists && sec >= this.fullSeconds) {
        exists = false;
        for (let k = 0; k < steps.length && !exists; k++)
          exists = m % steps[k] === 0 && m / steps[k] < channels[k].count;
      }
      sinkRow[r] = exists ? await this.sink.row(this.start + (m / ticks) * 1000) : -1;
    }
  }

  /** Each channel's samples of second `sec` on their rows. */
  private placeSamples(sec: number): void {
    const { ticks } = this.timebase;
    const { channels, values, firstSample, rowOfTick, sinkRow } = this;
    const base = sec * ticks;
    const cols = this.sink.columns;
    for (let k = 0; k < channels.length; k++) {
      const rate = channels[k].rate;
      const q0 = sec * rate;
      const q1 = Math.min(channels[k].count, q0 + rate);
      const column = cols[k];
      const own = values[k];
      const offset = firstSample[k];
      for (let q = q0; q < q1; q++) {
        const r = rowOfTick[Math.round((q * ticks) / rate) - base];
        const row = r >= 0 ? sinkRow[r] : -1;
        if (row >= 0) column[row] = own[q - offset];
      }
    }
  }

  /** The lap count of each row of second `sec`: the beacons passed by then. */
  private countBeacons(sec: number, beacons: readonly number[]): void {
    const { ticks, rowsPerSecond } = this.timebase;
    const { tickOfRow, sinkRow } = this;
    const base = sec * ticks;
    const column = this.sink.columns[this.laps.beaconLapIdx];
    for (let r = 0; r < rowsPerSecond; r++) {
      if (sinkRow[r] < 0) continue;
      const t = (base + tickOfRow[r]) / ticks;
      while (this.beacon < beacons.length && beacons[this.beacon] <= t) this.beacon++;
      column[sinkRow[r]] = this.beacon;
    }
  }

  /** The logger's lap times from the rows of second `sec` where both the lap and the lap time were sampled. */
  private takeLapTimes(sec: number, lapTimes: LoggerLapTimes): void {
    const { ticks, steps, rowsPerSecond } = this.timebase;
    const { lapIdx, lapTimeIdx, lapTimeConvert } = this.laps;
    const { tickOfRow, sinkRow } = this;
    const base = sec * ticks;
    const cols = this.sink.columns;
    for (let r = 0; r < rowsPerSecond; r++) {
      const m = base + tickOfRow[r];
      if (sinkRow[r] < 0 || m % steps[lapIdx] !== 0 || m % steps[lapTimeIdx] !== 0) continue;
      lapTimes.add(cols[lapIdx][sinkRow[r]], lapTimeConvert!(cols[lapTimeIdx][sinkRow[r]]));
    }
  }
}
