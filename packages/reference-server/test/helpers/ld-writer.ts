/**
 * A small MoTeC i2 `.ld` writer (the gotzl/ldparser layout: 1762-byte header, event / venue / vehicle blocks, a
 * linked list of 124-byte channel headers, one data block per channel) and its `.ldx` of beacons, for tests and
 * benchmarks. Channels are written at their own rates, as int16 with scale/dec/mul, int32, float16 or float32.
 */
import fs from 'node:fs';
import type { RealLog } from './real-log';

export type LdType = 'i16' | 'i32' | 'f16' | 'f32';

export interface LdChannelSpec {
  name: string;
  unit: string;
  rate: number;
  type: LdType;
  /** value = (raw / scale × 10^-dec + shift) × mul */
  scale?: number;
  dec?: number;
  shift?: number;
  mul?: number;
  /** Value at sample k (time k / rate). */
  value: (k: number) => number;
  /** Samples; default the log's duration at the rate. */
  count?: number;
}

const TYPE = { i16: [0x03, 2], i32: [0x03, 4], f16: [0x07, 2], f32: [0x07, 4] } as const;

function toHalf(value: number): number {
  const f = new Float32Array([value]);
  const bits = new Uint32Array(f.buffer)[0];
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  const mantissa = (bits >>> 13) & 0x3ff;
  if (exponent <= 0) return sign;
  if (exponent >= 31) return sign | 0x7c00;
  return sign | (exponent << 10) | mantissa;
}

export interface LdWriteOptions {
  date?: string;
  time?: string;
  driver?: string;
  vehicle?: string;
  venue?: string;
  /** Cut the file to this many bytes. */
  truncateTo?: number;
  /** Make the last channel header point back at the first (a damaged list). */
  loop?: boolean;
}

/** Writes the .ld; the data blocks are written one channel at a time in chunks. Returns the file size. */
export function writeLd(
  file: string,
  channels: readonly LdChannelSpec[],
  durationS: number,
  options: LdWriteOptions = {},
): number {
  const header = Buffer.alloc(1762);
  const eventPtr = 1762;
  const venuePtr = eventPtr + 1154;
  const vehiclePtr = venuePtr + 1100;
  const metaPtr = vehiclePtr + 260;
  const counts = channels.map((c) => c.count ?? Math.floor(durationS * c.rate));
  let dataPtr = metaPtr + channels.length * 124;
  const dataPtrs = channels.map((c, k) => {
    const at = dataPtr;
    dataPtr += counts[k] * TYPE[c.type][1];
    return at;
  });
  header.writeUInt32LE(0x40, 0);
  header.writeUInt32LE(metaPtr, 8);
  header.writeUInt32LE(dataPtrs[0] ?? metaPtr, 12);
  header.writeUInt32LE(eventPtr, 36);
  header.writeUInt16LE(1, 64);
  header.writeUInt16LE(0x4240, 66);
  header.writeUInt16LE(0xf, 68);
  header.writeUInt32LE(12007, 70);
  header.write('ADL', 74, 8, 'latin1');
  header.writeUInt16LE(420, 82);
  header.writeUInt16LE(0xadb0, 84);
  header.writeUInt32LE(channels.length, 86);
  header.write(options.date ?? '01/06/2025', 94, 16, 'latin1');
  header.write(options.time ?? '10:00:00', 126, 16, 'latin1');
  header.write(options.driver ?? 'A. Tester', 158, 64, 'latin1');
  header.write(options.vehicle ?? '11A', 222, 64, 'latin1');
  header.write(options.venue ?? 'Test Ring', 350, 64, 'latin1');
  const event = Buffer.alloc(1154);
  event.write('Test day', 0, 64, 'latin1');
  event.write('Session 2', 64, 64, 'latin1');
  event.writeUInt16LE(venuePtr, 1152);
  const venue = Buffer.alloc(1100);
  venue.write(options.venue ?? 'Test Ring', 0, 64, 'latin1');
  venue.writeUInt16LE(vehiclePtr, 1098);
  const vehicle = Buffer.alloc(260);
  vehicle.write(options.vehicle ?? '11A', 0, 64, 'latin1');
  const metas = Buffer.alloc(channels.length * 124);
  channels.forEach((c, k) => {
    const at = k * 124;
    metas.writeUInt32LE(k ? metaPtr + (k - 1) * 124 : 0, at);
    const next = k + 1 < channels.length ? metaPtr + (k + 1) * 124 : options.loop ? metaPtr : 0;
    metas.writeUInt32LE(next, at + 4);
    metas.writeUInt32LE(dataPtrs[k], at + 8);
    metas.writeUInt32LE(counts[k], at + 12);
    metas.writeUInt16LE(0x2ee1 + k, at + 16);
    metas.writeUInt16LE(TYPE[c.type][0], at + 18);
    metas.writeUInt16LE(TYPE[c.type][1], at + 20);
    metas.writeUInt16LE(c.rate, at + 22);
    metas.writeInt16LE(c.shift ?? 0, at + 24);
    metas.writeInt16LE(c.mul ?? 1, at + 26);
    metas.writeInt16LE(c.scale ?? 1, at + 28);
    metas.writeInt16LE(c.dec ?? 0, at + 30);
    metas.write(c.name, at + 32, 31, 'latin1');
    metas.write(c.name.slice(0, 7), at + 64, 7, 'latin1');
    metas.write(c.unit, at + 72, 11, 'latin1');
  });
  const fd = fs.openSync(file, 'w');
  try {
    for (const part of [header, event, venue, vehicle, metas]) fs.writeSync(fd, part);
    channels.forEach((c, k) => {
      const size = TYPE[c.type][1];
      const chunk = Buffer.alloc(Math.min(counts[k], 65536) * size);
      const factor = (c.scale ?? 1) * 10 ** (c.dec ?? 0);
      for (let first = 0; first < counts[k]; first += 65536) {
        const n = Math.min(65536, counts[k] - first);
        for (let i = 0; i < n; i++) {
          const value = c.value(first + i);
          const raw = (value / (c.mul ?? 1) - (c.shift ?? 0)) * factor;
          if (c.type === 'i16') chunk.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(raw))), i * size);
          else if (c.type === 'i32') chunk.writeInt32LE(Math.round(raw), i * size);
          else if (c.type === 'f16') chunk.writeUInt16LE(toHalf(raw), i * size);
          else chunk.writeFloatLE(raw, i * size);
        }
        fs.writeSync(fd, chunk, 0, n * size);
      }
    });
  } finally {
    fs.closeSync(fd);
  }
  if (options.truncateTo !== undefined) fs.truncateSync(file, options.truncateTo);
  return fs.statSync(file).size;
}

/** The channels of a {@link RealLog} (logged at 100 Hz) as a MoTeC logger writes them, at 1–100 Hz. */
export function ldChannels(log: RealLog, options: { lapChannels?: boolean } = {}): LdChannelSpec[] {
  const at = (k: number, rate: number) => Math.min(log.time.length - 1, Math.round((k * log.hz) / rate));
  const lapTimes = new Map(log.truth.map((t) => [t.lap, t.lapTime]));
  const lapTimeAt = (i: number) => {
    // The previous lap's time, from the first sample of the next lap.
    const previous = log.lap[i] - 1;
    return lapTimes.get(previous) ?? 0;
  };
  const channels: LdChannelSpec[] = [
    {
      name: 'Ground Speed',
      unit: 'km/h',
      rate: 50,
      type: 'i16',
      scale: 1,
      dec: 1,
      value: (k) => log.speed[at(k, 50)] * 3.6,
    },
    { name: 'Engine RPM', unit: 'rpm', rate: 20, type: 'i16', mul: 2, value: (k) => 6000 + 10 * log.speed[at(k, 20)] },
    { name: 'G Force Lat', unit: 'G', rate: 100, type: 'f16', value: (k) => Math.sin(k / 50) },
    { name: 'Throttle Pos', unit: '%', rate: 20, type: 'f32', value: () => 80 },
    { name: 'Oil Temp', unit: 'C', rate: 1, type: 'i16', dec: 1, value: (k) => 95 + k / 10 },
  ];
  if (options.lapChannels ?? true) {
    channels.push(
      { name: 'Lap Number', unit: '', rate: 10, type: 'i16', value: (k) => log.lap[at(k, 10)] },
      { name: 'Lap Distance', unit: 'm', rate: 10, type: 'i32', value: (k) => log.lapDistance[at(k, 10)] },
      { name: 'Lap Time', unit: 's', rate: 10, type: 'f32', value: (k) => lapTimeAt(at(k, 10)) },
    );
  }
  return channels;
}

/** The `.ldx` beside an `.ld`: one beacon marker per line crossing, times in µs from the log's start. */
export function writeLdx(file: string, log: RealLog): void {
  const start = log.time[0];
  const markers = log.truth
    .map((t, k) => (k === 0 ? [t.startTime, t.endTime] : [t.endTime]))
    .flat()
    .map(
      (t, k) =>
        `     <Marker Version="100" ClassName="BCN" Name="Manual.${k + 1}" Flags="77" Time="${((t - start) * 1000).toFixed(6)}"/>`,
    );
  fs.writeFileSync(
    file,
    `<?xml version="1.0"?>\n<LDXFile Locale="English_United Kingdom.1252" DefaultLocale="C" Version="1.6">\n <Layers>\n  <Layer>\n   <MarkerBlock>\n    <MarkerGroup Name="Beacons" Index="3">\n${markers.join('\n')}\n    </MarkerGroup>\n   </MarkerBlock>\n  </Layer>\n </Layers>\n</LDXFile>\n`,
  );
}
