/** What the panel reads from the datasource's frames (datasource/README.md, data contract). */
import { distanceFromSpeed } from '@eracing/telemetry-core';
import { type DataFrame, type Field, FieldType } from '@grafana/data';

/** One car's telemetry frame: the columns that place samples on the lap, and the channel fields. */
export interface CarSamples {
  car: string;
  session?: string;
  refId?: string;
  time: ArrayLike<number>;
  lap: ArrayLike<number>;
  /**
   * Where each sample is along the lap: the `lap_distance` field ('lap'), or without one the metres travelled by
   * integrating `speed` ('odometer'), which the laps table's crossing times then cut into laps.
   */
  lapDistance: ArrayLike<number>;
  distanceKind: 'lap' | 'odometer';
  fields: ReadonlyMap<string, Field>;
}

/** One row of the `laps` table. */
export interface LapRow {
  car: string;
  lap: number;
  session?: string;
  startTime: number;
  endTime?: number;
  lapTime?: number;
  sectorTimes: number[];
  valid: boolean;
  flags: string;
  length?: number;
}

export interface PanelData {
  cars: CarSamples[];
  /** Rows of every `laps` frame. */
  laps: LapRow[];
  /** Sector boundaries (lap distance, m) from a `sectors` track frame. */
  sectorBoundaries?: number[];
  /** Centre-line length, m, from a track frame. */
  trackLength?: number;
  /** Frames that are neither telemetry with lap fields nor lap or track tables, for the "no laps" message. */
  otherFrames: string[];
}

function numberField(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((field) => field.name === name && field.type === FieldType.number);
}

const finite = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * The frames' contents. `refIds` is the order of the panel's queries: telemetry frames are listed in it (streams may
 * answer before history queries), so the first query's frames come first.
 */
export function readPanelData(series: readonly DataFrame[], refIds: readonly string[] = []): PanelData {
  const data: PanelData = { cars: [], laps: [], otherFrames: [] };
  for (const frame of series) {
    const custom = frame.meta?.custom as Record<string, unknown> | undefined;
    if (custom?.trackPart !== undefined) {
      data.trackLength ??= finite(custom.length);
      if (custom.trackPart === 'sectors') data.sectorBoundaries = sectorBoundariesOf(frame);
      continue;
    }
    if (frame.name === 'laps' && frame.fields.some((f) => f.name === 'lap_time')) {
      data.laps.push(...lapRows(frame, typeof custom?.session === 'string' ? custom.session : undefined));
      continue;
    }
    const time = frame.fields.find((f) => f.type === FieldType.time);
    const lap = numberField(frame, 'lap');
    const lapDistance = numberField(frame, 'lap_distance');
    const speed = lapDistance ? undefined : numberField(frame, 'speed');
    if (!time || !lap || !(lapDistance || speed)) {
      const names = frame.fields.map((f) => f.name).join(', ');
      data.otherFrames.push(`${frame.name ?? frame.refId ?? 'a frame'} (${names || 'no fields'})`);
      continue;
    }
    const labels = frame.fields.find((f) => f.labels?.car)?.labels;
    const fromName = /^car (.+)$/.exec(frame.name ?? '')?.[1];
    data.cars.push({
      car: labels?.car ?? fromName ?? '',
      session: labels?.session,
      refId: frame.refId,
      time: time.values,
      lap: lap.values,
      lapDistance: lapDistance ? lapDistance.values : odometerOf(time.values, speed!),
      distanceKind: lapDistance ? 'lap' : 'odometer',
      fields: new Map(frame.fields.filter((f) => f.type === FieldType.number).map((f) => [f.name, f])),
    });
  }
  const rank = (refId: string | undefined) => {
    const at = refId === undefined ? -1 : refIds.indexOf(refId);
    return at < 0 ? refIds.length : at;
  };
  data.cars.sort((a, b) => rank(a.refId) - rank(b.refId));
  return data;
}

/** Odometers by speed field, so a frame Grafana hands over again is not integrated again. */
const odometers = new WeakMap<Field, { time: ArrayLike<number>; odometer: Float64Array }>();

function odometerOf(time: ArrayLike<number>, speed: Field): Float64Array {
  const known = odometers.get(speed);
  if (known?.time === time) return known.odometer;
  const odometer = distanceFromSpeed(time, speed.values);
  odometers.set(speed, { time, odometer });
  return odometer;
}

function lapRows(frame: DataFrame, session: string | undefined): LapRow[] {
  const column = (name: string) => frame.fields.find((f) => f.name === name)?.values;
  const car = column('car');
  const lap = column('lap');
  const start = column('start');
  if (!car || !lap || !start) return [];
  const end = column('end');
  const lapTime = column('lap_time');
  const valid = column('valid');
  const flags = column('flags');
  const length = column('length');
  const sectors = frame.fields
    .filter((f) => /^sector_\d+$/.test(f.name))
    .sort((a, b) => Number(a.name.slice(7)) - Number(b.name.slice(7)))
    .map((f) => f.values);
  const rows: LapRow[] = [];
  for (let i = 0; i < frame.length; i++) {
    const startTime = finite(start[i]);
    const number = finite(lap[i]);
    if (startTime === undefined || number === undefined) continue;
    const sectorTimes: number[] = [];
    for (const s of sectors) {
      const t = finite(s[i]);
      if (t === undefined) break;
      sectorTimes.push(t);
    }
    rows.push({
      car: String(car[i]),
      lap: number,
      session,
      startTime,
      endTime: finite(end?.[i]),
      lapTime: finite(lapTime?.[i]),
      sectorTimes,
      valid: valid?.[i] === true,
      flags: typeof flags?.[i] === 'string' ? flags[i] : '',
      length: finite(length?.[i]),
    });
  }
  return rows;
}

function sectorBoundariesOf(frame: DataFrame): number[] | undefined {
  const number = frame.fields.find((f) => f.name === 'number')?.values;
  const end = frame.fields.find((f) => f.name === 'end')?.values;
  if (!end) return undefined;
  const sectors = Array.from({ length: frame.length }, (_, i) => ({ number: finite(number?.[i]) ?? i, end: finite(end[i]) }));
  sectors.sort((a, b) => a.number - b.number);
  return sectors
    .slice(0, -1)
    .map((s) => s.end)
    .filter((d): d is number => d !== undefined);
}
