/**
 * The one reader of the suite's frames (docs/frames.md), over structural frame types so that it needs no Grafana
 * import: which frame is what (a car's telemetry, the laps table, a track part, the events), the car of a frame, its
 * time and channel fields, and the laps table's rows with times in seconds. Every panel reads frames through it.
 */

/** The parts of a Grafana field the reader looks at. */
export interface FieldLike {
  name: string;
  /** Grafana's field type: `time`, `number`, `string`, `boolean`, `other`. */
  type: string;
  values: ArrayLike<unknown>;
  labels?: Record<string, string>;
}

/** The parts of a Grafana data frame the reader looks at. */
export interface FrameLike<F extends FieldLike = FieldLike> {
  name?: string;
  refId?: string;
  length: number;
  fields: F[];
  meta?: { type?: string; custom?: Record<string, unknown> };
}

/** Names the contract gives frames. */
export const FRAME_NAMES = { laps: 'laps', events: 'events' } as const;
const TRACK_PARTS = ['centreLine', 'startFinish', 'sectors', 'corners'] as const;
export type TrackPart = (typeof TRACK_PARTS)[number];

/** The track part a frame is, from `meta.custom.trackPart`; undefined for any other frame. */
export function trackPartOf(frame: FrameLike): TrackPart | undefined {
  const part = frame.meta?.custom?.trackPart;
  return (TRACK_PARTS as readonly unknown[]).includes(part) ? (part as TrackPart) : undefined;
}

export function isTrackFrame(frame: FrameLike): boolean {
  return trackPartOf(frame) !== undefined;
}

/** The laps table: named `laps`, with `car` and `lap` fields. */
export function isLapsFrame(frame: FrameLike): boolean {
  return frame.name === FRAME_NAMES.laps && hasField(frame, 'car') && hasField(frame, 'lap');
}

export function isEventsFrame(frame: FrameLike): boolean {
  return frame.name === FRAME_NAMES.events && hasField(frame, 'kind');
}

/** A frame of car telemetry (or of another datasource's time series): a time field, not a table of ours. */
export function isTelemetryFrame(frame: FrameLike): boolean {
  return !isTrackFrame(frame) && !isLapsFrame(frame) && !isEventsFrame(frame) && timeField(frame) !== undefined;
}

function hasField(frame: FrameLike, name: string): boolean {
  return frame.fields.some((field) => field.name === name);
}

/** A frame's field by name (and type, when given). */
export function fieldNamed<F extends FieldLike>(frame: FrameLike<F>, name: string, type?: string): F | undefined {
  return frame.fields.find((field) => field.name === name && (type === undefined || field.type === type));
}

/** The time field: the one named `time`, else the first of type time. */
export function timeField<F extends FieldLike>(frame: FrameLike<F>): F | undefined {
  return fieldNamed(frame, 'time', 'time') ?? frame.fields.find((field) => field.type === 'time');
}

/** A channel's field: a number field named by the channel's canonical name. */
export function channelField<F extends FieldLike>(frame: FrameLike<F>, channel: string): F | undefined {
  return fieldNamed(frame, channel, 'number');
}

/** The number fields of a frame by name. */
export function numberFields<F extends FieldLike>(frame: FrameLike<F>): Map<string, F> {
  return new Map(frame.fields.filter((field) => field.type === 'number').map((field) => [field.name, field]));
}

/** The car of a telemetry frame: its fields' `car` label, else a frame name `car <n>` (frames of older writers). */
export function carOf(frame: FrameLike): string | undefined {
  for (const field of frame.fields) if (field.labels?.car) return field.labels.car;
  return /^car (.+)$/.exec(frame.name ?? '')?.[1];
}

/** The session of a frame: its fields' `session` label, else `meta.custom.session`. */
export function sessionOf(frame: FrameLike): string | undefined {
  for (const field of frame.fields) if (field.labels?.session) return field.labels.session;
  const session = frame.meta?.custom?.session;
  return typeof session === 'string' ? session : undefined;
}

const finite = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** One row of the laps table, times in seconds as the core's lap math has them. */
export interface LapsFrameRow {
  car: string;
  lap: number;
  session?: string;
  startTime: number;
  endTime?: number;
  /** Seconds; the frame carries whole milliseconds. Undefined for a lap without a time (running or cut). */
  lapTime?: number;
  /** Seconds, sector 1 first, up to the first sector without a time. */
  sectorTimes: number[];
  valid: boolean;
  best: boolean;
  /** `out-lap, pit`; empty for a clean lap. */
  flags: string;
  length?: number;
  /** The frame's row. */
  row: number;
}

/** The rows of a laps frame, in the frame's order; rows without a car, lap or start are skipped. */
export function readLapsFrame(frame: FrameLike): LapsFrameRow[] {
  const column = (name: string) => fieldNamed(frame, name)?.values;
  const car = column('car');
  const lap = column('lap');
  const start = column('start');
  if (!car || !lap || !start) return [];
  const [end, lapTime, valid, best, flags, length] = ['end', 'lap_time', 'valid', 'best', 'flags', 'length'].map(
    column,
  );
  const sectors = frame.fields
    .filter((field) => /^sector_\d+$/.test(field.name))
    .sort((a, b) => Number(a.name.slice(7)) - Number(b.name.slice(7)))
    .map((field) => field.values);
  const seconds = (ms: unknown) => {
    const value = finite(ms);
    return value === undefined ? undefined : value / 1000;
  };
  const session = sessionOf(frame);
  const rows: LapsFrameRow[] = [];
  for (let i = 0; i < frame.length; i++) {
    const startTime = finite(start[i]);
    const number = finite(lap[i]);
    if (startTime === undefined || number === undefined || car[i] === null || car[i] === undefined) continue;
    const sectorTimes: number[] = [];
    for (const values of sectors) {
      const time = seconds(values[i]);
      if (time === undefined) break;
      sectorTimes.push(time);
    }
    rows.push({
      car: String(car[i]),
      lap: number,
      ...(session === undefined ? {} : { session }),
      startTime,
      endTime: finite(end?.[i]),
      lapTime: seconds(lapTime?.[i]),
      sectorTimes,
      valid: valid?.[i] === true,
      best: best?.[i] === true,
      flags: typeof flags?.[i] === 'string' ? (flags[i] as string) : '',
      length: finite(length?.[i]),
      row: i,
    });
  }
  return rows;
}

/** One row of the `corners` track frame: the corner's number, its name (may be empty) and its apex. */
export interface CornersFrameRow {
  number: number;
  name: string;
  /** Lap distance of the apex, metres along the centre line. */
  distance: number;
}

/** The corners of a `corners` track frame in driving order; rows without an apex distance are skipped. */
export function readCornersFrame(frame: FrameLike): CornersFrameRow[] {
  const number = fieldNamed(frame, 'number')?.values;
  const name = fieldNamed(frame, 'name')?.values;
  const distance = fieldNamed(frame, 'distance')?.values;
  if (!distance) return [];
  const rows: CornersFrameRow[] = [];
  for (let i = 0; i < frame.length; i++) {
    const apex = finite(distance[i]);
    if (apex === undefined) continue;
    const text = name?.[i];
    rows.push({
      number: finite(number?.[i]) ?? i + 1,
      name: typeof text === 'string' ? text : '',
      distance: apex,
    });
  }
  return rows.sort((a, b) => a.distance - b.distance);
}

/** What `meta.custom` of every track frame says about the track. */
export interface TrackFrameMeta {
  track?: string;
  length?: number;
  origin?: { lat: number; lon: number };
  session?: string;
}

/** The track parts among the frames, by part, and the track they describe. */
export function readTrackFrames<F extends FieldLike>(
  series: readonly FrameLike<F>[],
): { parts: Partial<Record<TrackPart, FrameLike<F>>>; meta: TrackFrameMeta } {
  const parts: Partial<Record<TrackPart, FrameLike<F>>> = {};
  for (const frame of series) {
    const part = trackPartOf(frame);
    if (part && !parts[part]) parts[part] = frame;
  }
  const custom = (parts.centreLine ?? Object.values(parts)[0])?.meta?.custom ?? {};
  const origin = custom.origin as TrackFrameMeta['origin'];
  return {
    parts,
    meta: {
      track: typeof custom.track === 'string' ? custom.track : undefined,
      length: finite(custom.length),
      origin: origin && finite(origin.lat) !== undefined && finite(origin.lon) !== undefined ? origin : undefined,
      session: typeof custom.session === 'string' ? custom.session : undefined,
    },
  };
}

/** One row of the events frame. */
export interface EventsFrameRow {
  time: number;
  timeEnd?: number;
  text: string;
  kind: string;
  car?: string;
  lap?: number;
  sector?: number;
  /** Seconds. */
  duration?: number;
  flag?: string;
}

export function readEventsFrame(frame: FrameLike): EventsFrameRow[] {
  const column = (name: string) => fieldNamed(frame, name)?.values;
  const [time, timeEnd, text, kind, car, lap, sector, duration, flag] = [
    'time',
    'timeEnd',
    'text',
    'kind',
    'car',
    'lap',
    'sector',
    'duration',
    'flag',
  ].map(column);
  if (!time || !kind) return [];
  const string = (values: ArrayLike<unknown> | undefined, i: number) =>
    typeof values?.[i] === 'string' ? (values[i] as string) : undefined;
  const rows: EventsFrameRow[] = [];
  for (let i = 0; i < frame.length; i++) {
    const at = finite(time[i]);
    const what = string(kind, i);
    if (at === undefined || what === undefined) continue;
    const row: EventsFrameRow = { time: at, text: string(text, i) ?? '', kind: what };
    const optional = {
      timeEnd: finite(timeEnd?.[i]),
      car: string(car, i),
      lap: finite(lap?.[i]),
      sector: finite(sector?.[i]),
      duration: finite(duration?.[i]),
      flag: string(flag, i),
    };
    for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(row, { [key]: value });
    rows.push(row);
  }
  return rows;
}
