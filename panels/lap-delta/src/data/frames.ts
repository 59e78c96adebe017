/** What the panel reads from the datasource's frames (docs/frames.md), through the core's frames reader. */
import { distanceFromSpeed } from '@eracing/telemetry-core/distance';
import {
  carOf,
  channelField,
  isLapsFrame,
  readCornersFrame,
  readLapsFrame,
  readTrackFrames,
  sessionOf,
  timeField,
  trackPartOf,
  type CornersFrameRow,
  type LapsFrameRow,
} from '@eracing/telemetry-core/frames';
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

export interface PanelData {
  cars: CarSamples[];
  /** Rows of every `laps` frame, times in seconds. */
  laps: LapsFrameRow[];
  /** Sector boundaries (lap distance, m) from a `sectors` track frame. */
  sectorBoundaries?: number[];
  /** Corners and their apexes (centre-line lap distance, m) from a `corners` track frame. */
  corners: CornersFrameRow[];
  /** Centre-line length, m, from a track frame. */
  trackLength?: number;
  /** Frames that are neither telemetry with lap fields nor lap or track tables, for the "no laps" message. */
  otherFrames: string[];
}

const finite = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * The frames' contents. `refIds` is the order of the panel's queries: telemetry frames are listed in it (streams may
 * answer before history queries), so the first query's frames come first.
 */
export function readPanelData(series: readonly DataFrame[], refIds: readonly string[] = []): PanelData {
  const data: PanelData = { cars: [], laps: [], corners: [], otherFrames: [] };
  for (const frame of series) {
    const part = trackPartOf(frame);
    if (part) {
      data.trackLength ??= readTrackFrames([frame]).meta.length;
      if (part === 'sectors') data.sectorBoundaries = sectorBoundariesOf(frame);
      if (part === 'corners') data.corners = readCornersFrame(frame);
      continue;
    }
    if (isLapsFrame(frame)) {
      data.laps.push(...readLapsFrame(frame));
      continue;
    }
    const time = timeField(frame);
    const lap = channelField(frame, 'lap');
    const lapDistance = channelField(frame, 'lap_distance');
    const speed = lapDistance ? undefined : channelField(frame, 'speed');
    if (!time || !lap || !(lapDistance || speed)) {
      const names = frame.fields.map((f) => f.name).join(', ');
      data.otherFrames.push(`${frame.name ?? frame.refId ?? 'a frame'} (${names || 'no fields'})`);
      continue;
    }
    data.cars.push({
      car: carOf(frame) ?? '',
      session: sessionOf(frame),
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

function sectorBoundariesOf(frame: DataFrame): number[] | undefined {
  const number = frame.fields.find((f) => f.name === 'number')?.values;
  const end = frame.fields.find((f) => f.name === 'end')?.values;
  if (!end) return undefined;
  const sectors = Array.from({ length: frame.length }, (_, i) => ({
    number: finite(number?.[i]) ?? i,
    end: finite(end[i]),
  }));
  sectors.sort((a, b) => a.number - b.number);
  return sectors
    .slice(0, -1)
    .map((s) => s.end)
    .filter((d): d is number => d !== undefined);
}
