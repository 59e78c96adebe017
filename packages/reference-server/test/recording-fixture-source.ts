/**
 * A small deterministic live session for recording tests: cars lapping a circle at constant speed, so every lap time
 * is known exactly. Car k runs at (180 + 9k) km/h on a 1000 m circle, starting at the line at the session start.
 */
import { carColour, channelInfo, type ChannelInfo } from '@eracing/telemetry-core/channels';
import { type LapRecord, type RaceEvent, type SampleBatch, type TrackGeometry } from '@eracing/telemetry-core/protocol';
import type { SessionSource } from '../src/source';

export const CIRCLE_LENGTH = 1000;
const RADIUS = CIRCLE_LENGTH / (2 * Math.PI);
const RATE_HZ = 50;
const CHANNEL_NAMES = ['lap', 'lap_distance', 'x', 'y', 'speed', 'energy_used', 'energy_regen', 'lat', 'lon'];

export function carSpeedKmh(index: number): number {
  return 180 + 9 * index;
}

/** Lap time of the car at `index`, seconds. */
export function circleLapTime(index: number): number {
  return CIRCLE_LENGTH / (carSpeedKmh(index) / 3.6);
}

export function circleTrack(): TrackGeometry {
  const n = 200;
  const distance: number[] = [];
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k < n; k++) {
    const d = (k / n) * CIRCLE_LENGTH;
    distance.push(d);
    x.push(RADIUS * Math.sin(d / RADIUS));
    y.push(-RADIUS * Math.cos(d / RADIUS));
  }
  return {
    name: 'Test circle',
    length: CIRCLE_LENGTH,
    origin: { lat: 52, lon: 0 },
    centreLine: { distance, x, y, lat: y.map((v) => 52 + v / 111195), lon: x.map((v) => v / 68460) },
    // Across the track at the bottom of the circle; cars drive anticlockwise (towards +x there).
    startFinish: { a: { x: 0, y: -RADIUS - 10 }, b: { x: 0, y: -RADIUS + 10 } },
    sectors: [
      { number: 1, name: 'S1', start: 0, end: 250 },
      { number: 2, name: 'S2', start: 250, end: 600 },
      { number: 3, name: 'S3', start: 600, end: CIRCLE_LENGTH },
    ],
    corners: [],
  };
}

export interface FixtureOptions {
  startTime: number;
  cars?: number;
  batchMs?: number;
  id?: string;
  epoch?: string;
}

export function circleSource(options: FixtureOptions): SessionSource & { produced: number } {
  const { startTime } = options;
  const carCount = options.cars ?? 2;
  const batchMs = options.batchMs ?? 100;
  const channels = CHANNEL_NAMES.map((name) => channelInfo(name)!) as ChannelInfo[];
  const cars = Array.from({ length: carCount }, (_, k) => ({
    id: String(k + 1),
    number: k + 1,
    driver: `Driver ${k + 1}`,
    team: 'Test',
    colour: carColour(String(k + 1)),
  }));
  const stepMs = 1000 / RATE_HZ;
  const rowsPerCar = batchMs / stepMs;
  const source = {
    produced: 0,
    summary: {
      id: options.id ?? 'circle',
      name: 'Circle test',
      kind: 'live' as const,
      live: true,
      startTime,
      track: 'Test circle',
      carCount,
    },
    cars,
    channels,
    track: circleTrack(),
    batchMs,
    epoch: options.epoch ?? 'circle-1',
    lastSeq(now: number): number {
      return Math.floor((now - startTime) / batchMs) - 1;
    },
    batch(seq: number): SampleBatch {
      source.produced++;
      const rows = carCount * rowsPerCar;
      const time = new Float64Array(rows);
      const columns: Record<string, Float32Array | Float64Array> = {};
      for (const c of channels) columns[c.name] = c.type === 'f64' ? new Float64Array(rows) : new Float32Array(rows);
      const runs = cars.map((car, k) => ({ car: car.id, start: k * rowsPerCar, length: rowsPerCar }));
      cars.forEach((_, k) => {
        const speed = carSpeedKmh(k) / 3.6;
        for (let r = 0; r < rowsPerCar; r++) {
          const i = k * rowsPerCar + r;
          const t = startTime + seq * batchMs + r * stepMs;
          const travelled = (speed * (t - startTime)) / 1000;
          const d = travelled % CIRCLE_LENGTH;
          const angle = d / RADIUS;
          time[i] = t;
          columns.lap[i] = Math.floor(travelled / CIRCLE_LENGTH) + 1;
          columns.lap_distance[i] = d;
          columns.x[i] = RADIUS * Math.sin(angle);
          columns.y[i] = -RADIUS * Math.cos(angle);
          columns.speed[i] = carSpeedKmh(k);
          columns.energy_used[i] = travelled / 1000;
          columns.energy_regen[i] = travelled / 4000;
          columns.lat[i] = 52 + columns.y[i] / 111195;
          columns.lon[i] = columns.x[i] / 68460;
        }
      });
      return { time, cars: runs, channels: columns };
    },
    range(): SampleBatch {
      throw new Error('not used');
    },
    laps(): LapRecord[] {
      return [];
    },
    events(from: number, to: number): RaceEvent[] {
      // A yellow flag every 10 s of session time.
      const events: RaceEvent[] = [];
      const first = Math.ceil((from - startTime) / 10_000);
      for (let k = Math.max(first, 1); startTime + k * 10_000 < to; k++) {
        events.push({ time: startTime + k * 10_000, kind: 'flag', flag: 'yellow', text: `Yellow ${k}` });
      }
      return events;
    },
  };
  return source;
}
