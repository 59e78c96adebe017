/**
 * A logger session made to look real, with its ground truth: one car round a circle at 60 Hz, laps counted from 0, the
 * recording starting and ending mid-lap, a 0,0 first fix and 0,0 fixes mid-session, a timing hitch (from one sample
 * on, the clock runs two ticks ahead of the car), and a speed channel that reads a little high (as wheel speed does).
 * The test writers (CSV, .ibt, .ld) all write these samples.
 */
import { localProjection, type GeoOrigin } from '@eracing/telemetry-core/track';

export interface RealLogOptions {
  hz?: number;
  lapLength?: number;
  /** Speed of each lap, m/s, from the lap the recording starts in. */
  lapSpeeds?: number[];
  /** Lap distance where the recording starts, m. */
  startDistance?: number;
  /** Lap distance in the last lap where it ends, m. */
  endDistance?: number;
  firstLap?: number;
  /** The first sample's fix is 0,0. */
  zeroFirstFix?: boolean;
  /** Samples whose fix is 0,0. */
  zeroFixes?: number[];
  /** From this sample on, the timestamps run `hitchTicks` ticks ahead of the car. */
  hitchAt?: number;
  hitchTicks?: number;
  /** Factor on the logged speed. */
  speedBias?: number;
  startTime?: number;
  origin?: GeoOrigin;
}

export interface RealLog {
  hz: number;
  lapLength: number;
  origin: GeoOrigin;
  /** Epoch ms as logged (with the hitch). */
  time: Float64Array;
  /** Seconds since the recording started, as logged. */
  sessionTime: Float64Array;
  lap: Float64Array;
  lapDistance: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
  /** m/s, biased. */
  speed: Float64Array;
  /** Laps the recording holds whole, with their true times (s), and true crossing times on the logged clock (ms). */
  truth: { lap: number; lapTime: number; startTime: number; endTime: number }[];
  /** Each lap's number and its time as a logger would report it (ms after the lap ended it appears). */
  loggerLapTimes: { lap: number; lapTime: number }[];
}

export function makeRealLog(options: RealLogOptions = {}): RealLog {
  const hz = options.hz ?? 60;
  const tick = 1000 / hz;
  const L = options.lapLength ?? 1200;
  const speeds = options.lapSpeeds ?? [40, 42, 41, 43, 40];
  const startDistance = options.startDistance ?? 800;
  const endDistance = options.endDistance ?? 35;
  const firstLap = options.firstLap ?? 0;
  const origin = options.origin ?? { lat: 52.0712, lon: -1.0163 };
  const start = options.startTime ?? Date.UTC(2025, 5, 1, 10, 0, 0);
  const hitchTicks = options.hitchTicks ?? 2;
  const bias = options.speedBias ?? 1.03;

  // True time (s since the recording started) at which each lap's line is crossed.
  const crossings: number[] = [];
  let t = (L - startDistance) / speeds[0];
  crossings.push(t);
  for (let k = 1; k < speeds.length; k++) {
    t += L / speeds[k];
    crossings.push(t);
  }
  const lastSpeed = speeds[speeds.length - 1];
  const endTrue = crossings[crossings.length - 1] + endDistance / lastSpeed;
  // The lap after the last full one runs at the last speed.
  const n = Math.floor(endTrue * hz) + 1;
  const time = new Float64Array(n);
  const sessionTime = new Float64Array(n);
  const lap = new Float64Array(n);
  const lapDistance = new Float64Array(n);
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  const speed = new Float64Array(n);
  const radius = L / (2 * Math.PI);
  const projection = localProjection(origin);
  const zero = new Set(options.zeroFixes ?? []);
  if (options.zeroFirstFix ?? true) zero.add(0);
  const offsetAt = (i: number) => (options.hitchAt !== undefined && i >= options.hitchAt ? hitchTicks * tick : 0);
  for (let i = 0; i < n; i++) {
    const s = i / hz;
    let k = 0;
    while (k < crossings.length && s >= crossings[k]) k++;
    const v = k < speeds.length ? speeds[k] : lastSpeed;
    const d = k === 0 ? startDistance + s * speeds[0] : (s - crossings[k - 1]) * v;
    time[i] = start + i * tick + offsetAt(i);
    sessionTime[i] = (time[i] - start) / 1000;
    lap[i] = firstLap + k;
    lapDistance[i] = d;
    speed[i] = v * bias;
    const theta = (2 * Math.PI * d) / L;
    const p = projection.toLatLon(radius * Math.sin(theta), radius * (1 - Math.cos(theta)));
    lat[i] = zero.has(i) ? 0 : p.lat;
    lon[i] = zero.has(i) ? 0 : p.lon;
  }
  // Logged-clock time of a true instant: the hitch shifts everything after its sample.
  const logged = (trueS: number) => {
    const i = Math.ceil(trueS * hz);
    return start + trueS * 1000 + offsetAt(i);
  };
  const truth = [];
  for (let k = 1; k < crossings.length; k++) {
    truth.push({
      lap: firstLap + k,
      lapTime: crossings[k] - crossings[k - 1],
      startTime: logged(crossings[k - 1]),
      endTime: logged(crossings[k]),
    });
  }
  return {
    hz,
    lapLength: L,
    origin,
    time,
    sessionTime,
    lap,
    lapDistance,
    lat,
    lon,
    speed,
    truth,
    loggerLapTimes: truth.map((l) => ({ lap: l.lap, lapTime: l.lapTime })),
  };
}

/** The log as a generic CSV (epoch ms time), with a mapping for it. */
export function realLogCsv(log: RealLog): string {
  const lines = ['time_ms,Lap,LapDist,Lat,Lon,Speed'];
  for (let i = 0; i < log.time.length; i++) {
    lines.push(
      `${log.time[i]},${log.lap[i]},${log.lapDistance[i].toFixed(3)},${log.lat[i].toFixed(8)},${log.lon[i].toFixed(8)},${log.speed[i].toFixed(3)}`,
    );
  }
  return lines.join('\n') + '\n';
}

export const REAL_LOG_CSV_MAPPING = {
  time: { column: 'time_ms', unit: 'epoch_ms' as const },
  channels: {
    lap: { column: 'Lap' },
    lap_distance: { column: 'LapDist', unit: 'm' },
    lat: { column: 'Lat' },
    lon: { column: 'Lon' },
    speed: { column: 'Speed', unit: 'm/s' },
  },
};
