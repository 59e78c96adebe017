/**
 * MoTeC i2 `.ld` logs (the layout gotzl/ldparser documents), with the `.ldx` beside them for beacons when there is
 * one. Header at byte 0 (marker 0x40, pointers to the channel list, data and event), then a linked list of 124-byte
 * channel headers, each pointing at its own block of samples:
 *
 *   channel header: prev, next, data pointer, sample count (u32), counter (u16), data type class, data type size,
 *   rate in Hz (u16), shift, mul, scale, dec (i16), name[32], short name[8], unit[12]
 *   value = (raw / scale × 10^-dec + shift) × mul
 *
 * Channels logged at different rates are brought to one timebase without inventing samples: the session's rows are
 * the union of every channel's own sample instants (k / rate from the log's start), and each row carries the values
 * of the channels sampled at that instant, NaN for the others. Nothing is interpolated or held. The blocks are read
 * window by window, never whole.
 */
import fs from 'node:fs';
import os from 'node:os';
import { carColour } from '@eracing/telemetry-core/channels';
import { type CarInfo } from '@eracing/telemetry-core/protocol';
import { unitConversion } from '../recording/unit-convert';
import { BinaryFile, cString } from './binary-file';
import { describePlan, keepChannel, mapToCatalog, type ChannelPlan } from './channel-map';
import { LoggerLapTimes } from './logger-laps';
import { channelWithPositions, withObservedRanges, type NativeImport, type NativeReadOptions } from './native';

const HEADER_BYTES = 1762;
const CHANNEL_BYTES = 124;
const MAX_CHANNELS = 4096;
/** Seconds of every channel read at once: as many as fit in WINDOW_BYTES of decoded samples, 1 to 64. */
const WINDOW_BYTES = 16 << 20;
const MAX_WINDOW_S = 64;
/** Most timebase ticks per second before falling back to the fastest channel's rate. */
const MAX_TICKS = 100_000;

export function looksLikeLd(head: Buffer): boolean {
  if (head.length < 96) return false;
  const meta = head.readUInt32LE(8);
  const channels = head.readUInt32LE(86);
  return head.readUInt32LE(0) === 0x40 && meta >= 64 && channels > 0 && channels < 100_000;
}

interface LdChannel {
  at: number;
  name: string;
  shortName: string;
  unit: string;
  dataPtr: number;
  count: number;
  rate: number;
  size: number;
  type: SampleType;
  shift: number;
  mul: number;
  scale: number;
  dec: number;
}

function halfFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** How a channel's raw samples are stored. */
type SampleType = 'f16' | 'f32' | 'f64' | 'i8' | 'i16' | 'i32';

function sampleType(typeClass: number, size: number): SampleType | undefined {
  if (typeClass === 0x07) {
    if (size === 2) return 'f16';
    if (size === 4) return 'f32';
    if (size === 8) return 'f64';
  } else if (typeClass === 0 || typeClass === 0x03 || typeClass === 0x05) {
    if (size === 2) return 'i16';
    if (size === 4) return 'i32';
    if (size === 1) return 'i8';
  }
  return undefined;
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

function readChannels(file: BinaryFile, first: number, ignored: string[]): LdChannel[] {
  const channels: LdChannel[] = [];
  const seen = new Set<number>();
  for (let at = first; at !== 0;) {
    if (seen.has(at)) file.fail(at, 'the channel list loops back on itself');
    if (seen.size >= MAX_CHANNELS) file.fail(at, `more than ${MAX_CHANNELS} channels`);
    seen.add(at);
    const b = file.read(at, CHANNEL_BYTES, `channel header ${seen.size}`);
    const name = cString(b, 32, 32);
    const typeClass = b.readUInt16LE(18);
    const size = b.readUInt16LE(20);
    const channel: LdChannel = {
      at,
      name,
      shortName: cString(b, 64, 8),
      unit: cString(b, 72, 12),
      dataPtr: b.readUInt32LE(8),
      count: b.readUInt32LE(12),
      rate: b.readUInt16LE(22),
      size,
      type: 'i16',
      shift: b.readInt16LE(24),
      mul: b.readInt16LE(26),
      scale: b.readInt16LE(28),
      dec: b.readInt16LE(30),
    };
    at = b.readUInt32LE(4);
    const type = sampleType(typeClass, size);
    const label = name || `channel at byte ${channel.at}`;
    if (!type) ignored.push(`${label} (data type ${typeClass}/${size} unknown)`);
    else if (!(channel.rate > 0)) ignored.push(`${label} (rate 0 Hz)`);
    else if (channel.scale === 0) ignored.push(`${label} (scale 0)`);
    else if (channel.count === 0) ignored.push(`${label} (no samples)`);
    else if (!name) ignored.push(`${label} (no name)`);
    else {
      if (channel.dataPtr + channel.count * size > file.size) {
        file.fail(
          channel.at,
          `channel "${name}": ${channel.count} samples of ${size} bytes from byte ${channel.dataPtr} run past the end of the file (byte ${file.size}): the file is cut short`,
        );
      }
      channel.type = type;
      channels.push(channel);
    }
  }
  return channels;
}

/** Catalog channels and the MoTeC / ACC names they are logged under, most wanted first. */
const LD_NAMES: [string, string[]][] = [
  ['speed', ['Ground Speed', 'Speed', 'SPEED', 'Vehicle Speed', 'GPS Speed']],
  ['motor_rpm', ['Motor RPM', 'Engine RPM', 'RPMS', 'RPM']],
  ['throttle', ['Throttle Pos', 'THROTTLE', 'Throttle', 'Throttle Position']],
  ['brake', ['BRAKE', 'Brake Pos', 'Brake Pedal Pos', 'Brake']],
  ['steering', ['Steered Angle', 'Steering Angle', 'STEERANGLE', 'Steering Wheel Angle']],
  ['gear', ['Gear', 'GEAR']],
  ['lap', ['Lap Number', 'LAP_NUMBER', 'Lap']],
  ['lap_distance', ['Lap Distance', 'Lap Dist', 'LAP_DISTANCE']],
  ['g_lat', ['G Force Lat', 'G_LAT', 'Lateral G', 'G Lat']],
  ['g_long', ['G Force Long', 'G_LON', 'Longitudinal G', 'G Long']],
  ['lat', ['GPS Latitude', 'Latitude', 'GPS_LAT']],
  ['lon', ['GPS Longitude', 'Longitude', 'GPS_LONG']],
  ...(['fl', 'fr', 'rl', 'rr'] as const).flatMap((w): [string, string[]][] => {
    const acc = { fl: 'LF', fr: 'RF', rl: 'LR', rr: 'RR' }[w];
    const up = w.toUpperCase();
    return [
      [`tyre_pressure_${w}`, [`Tyre Pressure ${up}`, `TYRE_PRESS_${acc}`, `Tyre Pres ${up}`]],
      [`brake_temp_${w}`, [`Brake Temp ${up}`, `BRAKE_TEMP_${acc}`]],
      [`tyre_temp_${w}_inner`, [`Tyre Temp ${up} Inner`, `TYRE_TEMP_${acc}_INNER`]],
      [
        `tyre_temp_${w}_middle`,
        [`Tyre Temp ${up} Centre`, `Tyre Temp ${up} Center`, `Tyre Temp ${up} Middle`, `TYRE_TEMP_${acc}_MIDDLE`],
      ],
      [`tyre_temp_${w}_outer`, [`Tyre Temp ${up} Outer`, `TYRE_TEMP_${acc}_OUTER`]],
    ];
  }),
];

function planChannels(channels: readonly LdChannel[]): ChannelPlan[] {
  const plans: (ChannelPlan | undefined)[] = channels.map(() => undefined);
  for (const [catalogName, names] of LD_NAMES) {
    for (const name of names) {
      const k = channels.findIndex((c, i) => !plans[i] && c.name === name);
      if (k < 0) continue;
      const plan = mapToCatalog(catalogName, channels[k].name, unitFor(catalogName, channels[k].unit));
      if (!plan) continue;
      plan.info.rateHz = channels[k].rate;
      plans[k] = plan;
      break;
    }
  }
  return channels.map(
    (c, i) =>
      plans[i] ?? keepChannel(c.name, c.unit, c.size > 4 || c.scale !== 1 || c.dec !== 0 ? 'f64' : 'f32', c.rate),
  );
}

/** Units as MoTeC writes them; "G" for g, "C" for °C, no unit for a lap count or gear. */
function unitFor(catalogName: string, unit: string): string {
  if (catalogName === 'lap' || catalogName === 'gear' || unit === '..' || unit === 'no') return '';
  if (catalogName === 'lat' || catalogName === 'lon') return 'deg';
  return unit;
}

function gcd(a: number, b: number): number {
  return b ? gcd(b, a % b) : a;
}

/** "23/11/2005" and "09:53:00" as epoch ms (the logger's local time, taken as UTC). */
function startOf(date: string, time: string): number | undefined {
  const d = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})$/.exec(date.trim());
  if (!d) return undefined;
  const t = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time.trim());
  const year = Number(d[3]) < 100 ? 2000 + Number(d[3]) : Number(d[3]);
  const ms = Date.UTC(
    year,
    Number(d[2]) - 1,
    Number(d[1]),
    Number(t?.[1] ?? 0),
    Number(t?.[2] ?? 0),
    Number(t?.[3] ?? 0),
  );
  return Number.isFinite(ms) ? ms : undefined;
}

/** Beacon times (s from the log's start) from the `.ldx` beside the log, when there is one. */
function readBeacons(file: string, notes: string[]): number[] | undefined {
  const ldx = file.replace(/\.ld$/i, '') + '.ldx';
  if (ldx === file || !fs.existsSync(ldx)) return undefined;
  const text = fs.readFileSync(ldx, 'utf8').slice(0, 4 << 20);
  const times: number[] = [];
  for (const m of text.matchAll(/<Marker\b[^>]*\bTime="([\d.eE+-]+)"[^>]*\/?>/g)) {
    const us = Number(m[1]);
    if (Number.isFinite(us) && us >= 0) times.push(us / 1e6);
  }
  times.sort((a, b) => a - b);
  notes.push(`${times.length} beacon(s) from ${ldx}`);
  return times;
}

export async function readLd(file: BinaryFile, options: NativeReadOptions): Promise<NativeImport> {
  const notes: string[] = [];
  const ignored: string[] = [];
  const head = file.read(0, Math.min(HEADER_BYTES, file.size), 'the .ld header');
  if (head.length < HEADER_BYTES)
    file.fail(head.length, `expected a ${HEADER_BYTES}-byte .ld header, the file ends at byte ${file.size}`);
  if (head.readUInt32LE(0) !== 0x40)
    file.fail(
      0,
      `not a MoTeC .ld file: expected the marker 0x40 at byte 0, found 0x${head.readUInt32LE(0).toString(16)}`,
    );
  const metaPtr = head.readUInt32LE(8);
  const eventPtr = head.readUInt32LE(36);
  const date = cString(head, 94, 16);
  const time = cString(head, 126, 16);
  const driver = cString(head, 158, 64);
  const vehicleId = cString(head, 222, 64);
  const venue = cString(head, 350, 64);
  let eventName = '';
  let sessionName = '';
  let venueName = venue;
  let vehicle = vehicleId;
  if (eventPtr > 0 && eventPtr + 1154 <= file.size) {
    const ev = file.read(eventPtr, 1154, 'the event block');
    eventName = cString(ev, 0, 64);
    sessionName = cString(ev, 64, 64);
    const venuePtr = ev.readUInt16LE(1152);
    if (venuePtr > 0 && venuePtr + 1100 <= file.size) {
      const v = file.read(venuePtr, 1100, 'the venue block');
      venueName = cString(v, 0, 64) || venueName;
      const vehiclePtr = v.readUInt16LE(1098);
      if (vehiclePtr > 0 && vehiclePtr + 64 <= file.size)
        vehicle = cString(file.read(vehiclePtr, 64, 'the vehicle block'), 0, 64) || vehicle;
    }
  }
  const channels = readChannels(file, metaPtr, ignored);
  if (!channels.length) file.fail(metaPtr, 'no channel with samples: nothing to import');
  const plans = planChannels(channels);

  // The timebase: ticks per second that every rate divides (their least common multiple).
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

  const beacons = readBeacons(file.file, notes);
  const hasLap = plans.some((p) => p.info.name === 'lap');
  const lapFromBeacons = beacons && beacons.length > 0 && !hasLap;
  const { channels: infos } = channelWithPositions(plans, false);
  if (lapFromBeacons) infos.push({ ...mapToCatalog('lap', 'beacons', '')!.info, rateHz: fastest });

  const start = startOf(date, time) ?? Date.UTC(2000, 0, 1);
  if (startOf(date, time) === undefined)
    notes.push(`no usable date and time in the header ("${date}" "${time}"): the session starts 2000-01-01`);
  const car: CarInfo = {
    id: '1',
    number: /^\d+$/.test(vehicle) ? Number(vehicle) : 1,
    driver: driver || 'Car 1',
    team: vehicle,
    colour: carColour('1'),
  };
  const sink = await options.open({
    channels: infos,
    car: car.id,
    sessionStart: Math.floor(start / 1000) * 1000,
    maxRowsPerBatch: (options.batchMs / 1000) * rowsPerSecond + 4,
  });
  const lapIdx = plans.findIndex((p) => p.info.name === 'lap');
  const lapTimeIdx = channels.findIndex((c) => c.name === 'Lap Time');
  const lapTimeConvert =
    lapTimeIdx >= 0 ? (unitConversion(channels[lapTimeIdx].unit || 's', 's') ?? ((v: number) => v)) : undefined;
  const lapTimes = lapIdx >= 0 && lapTimeIdx >= 0 ? new LoggerLapTimes(channels[lapIdx].rate) : undefined;
  const factor = channels.map((c) => 10 ** -c.dec / c.scale);
  // A second at a time: its rows are requested first (one batch holds them: batches are whole seconds from a
  // whole second), then each channel's samples of that second are put on their rows. Blocks are read `window`
  // seconds at a time (fewer, larger reads; the decoded window stays within WINDOW_BYTES).
  if (options.batchMs % 1000 !== 0 || start % 1000 !== 0) throw new Error('.ld import needs whole-second batches');
  const rowOfTick = new Int32Array(ticks).fill(-1);
  for (let j = 0, n = 0; j < ticks; j++) if (steps.some((st) => j % st === 0)) rowOfTick[j] = n++;
  const tickOfRow = Int32Array.from({ length: rowsPerSecond }, () => 0);
  rowOfTick.forEach((r, j) => r >= 0 && (tickOfRow[r] = j));
  const fullSeconds = Math.min(...channels.map((c) => Math.floor(c.count / c.rate)));
  const seconds = Math.ceil(totalTicks / ticks);
  const values = channels.map(() => new Float64Array(0));
  const firstSample = new Array<number>(channels.length).fill(0);
  const sinkRow = new Int32Array(rowsPerSecond);
  /** Raw samples are read into one buffer, grown to the largest read. */
  let pool: Buffer | undefined;
  let beacon = 0;
  const beaconLapIdx = infos.length - 1;
  const samplesPerSecond = channels.reduce((sum, c) => sum + c.rate, 0);
  const window = Math.max(1, Math.min(MAX_WINDOW_S, Math.floor(WINDOW_BYTES / 8 / samplesPerSecond)));
  try {
    for (let w = 0; w < seconds; w += window) {
      const wEnd = Math.min(seconds, w + window);
      channels.forEach((c, k) => {
        const k0 = Math.min(c.count, w * c.rate);
        const k1 = Math.min(c.count, wEnd * c.rate);
        firstSample[k] = k0;
        const n = k1 - k0;
        if (values[k].length < n) values[k] = new Float64Array(n);
        if (!n) return;
        const bytes = n * c.size;
        // Its own ArrayBuffer, from byte 0: the samples are read through typed-array views of it.
        if (!pool || pool.length < bytes) pool = Buffer.from(new ArrayBuffer(Math.max(bytes, 2 * (pool?.length ?? 0))));
        const raw = file.read(c.dataPtr + k0 * c.size, bytes, `channel "${c.name}" samples ${k0}–${k1 - 1}`, pool);
        const convert = plans[k].convert;
        const f = factor[k];
        const { shift, mul } = c;
        const out = values[k];
        decodeInto(raw, n, c.type, out);
        if (plans[k].mapped) for (let i = 0; i < n; i++) out[i] = convert((out[i] * f + shift) * mul);
        else for (let i = 0; i < n; i++) out[i] = (out[i] * f + shift) * mul;
      });
      for (let sec = w; sec < wEnd; sec++) {
        const base = sec * ticks;
        for (let r = 0; r < rowsPerSecond; r++) {
          const m = base + tickOfRow[r];
          let exists = m < totalTicks;
          if (exists && sec >= fullSeconds) {
            exists = false;
            for (let k = 0; k < steps.length && !exists; k++)
              exists = m % steps[k] === 0 && m / steps[k] < channels[k].count;
          }
          sinkRow[r] = exists ? await sink.row(start + (m / ticks) * 1000) : -1;
        }
        const cols = sink.columns;
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
        if (lapFromBeacons) {
          for (let r = 0; r < rowsPerSecond; r++) {
            if (sinkRow[r] < 0) continue;
            const t = (base + tickOfRow[r]) / ticks;
            while (beacon < beacons.length && beacons[beacon] <= t) beacon++;
            cols[beaconLapIdx][sinkRow[r]] = beacon;
          }
        }
        if (lapTimes) {
          for (let r = 0; r < rowsPerSecond; r++) {
            const m = base + tickOfRow[r];
            if (sinkRow[r] < 0 || m % steps[lapIdx] !== 0 || m % steps[lapTimeIdx] !== 0) continue;
            lapTimes.add(cols[lapIdx][sinkRow[r]], lapTimeConvert!(cols[lapTimeIdx][sinkRow[r]]));
          }
        }
      }
      options.progress?.(Math.round((file.size * wEnd) / seconds), sink.rows);
    }
  } finally {
    await sink.close();
  }
  if (lapTimes) notes.push(...lapTimes.notes());
  let loggerLapTimes = lapTimes?.times();
  let lapTimeChannel = lapTimes ? 'Lap Time' : undefined;
  if (lapFromBeacons && beacons.length > 1) {
    // Lap k runs from beacon k-1 to beacon k: the logger's own timing of the line.
    loggerLapTimes = Object.fromEntries(beacons.slice(1).map((b, k) => [String(k + 1), b - beacons[k]]));
    lapTimeChannel = '.ldx beacons';
  }
  if (!hasLap && !lapFromBeacons && !plans.some((p) => p.info.name === 'lap_distance'))
    notes.push(
      'no lap counter, lap distance, beacons (.ldx) or GPS: laps cannot be found; speed alone does not say where the line is',
    );
  return {
    format: 'MoTeC .ld',
    car,
    trackName: [venueName, eventName, sessionName].filter(Boolean).join(' — ') || undefined,
    channels: withObservedRanges(infos, plans, sink),
    rows: sink.rows,
    firstTime: sink.firstTime,
    lastTime: sink.lastTime,
    records: totalTicks,
    loggerLapTimes: loggerLapTimes && Object.keys(loggerLapTimes).length ? loggerLapTimes : undefined,
    lapTimeChannel,
    gpsDropouts: 0,
    channelReport: {
      mapped: plans.filter((p) => p.mapped).map(describePlan),
      kept: plans.filter((p) => !p.mapped).map((p) => `${describePlan(p)} ${p.info.rateHz} Hz`),
      ignored,
    },
    notes,
  };
}
