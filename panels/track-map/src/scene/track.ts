import { type DataFrame, type Field, FieldType } from '@grafana/data';
import { type GeoOrigin, type Point, projectGpsTrace, trackPartOf, type TrackPart } from '@eracing/telemetry-core';

/** The circuit from the datasource's `track` frames: centre line, start/finish, sectors and corners, in metres. */
export interface TrackOutline {
  name?: string;
  length?: number;
  origin?: GeoOrigin;
  x: Float64Array;
  y: Float64Array;
  startFinish?: [Point, Point];
  sectors: Array<{ number: number; name: string; start: number; at: Point }>;
  corners: Array<{ number: number; name: string; at: Point; direction?: string }>;
}

function partOf(series: readonly DataFrame[], part: TrackPart): DataFrame | undefined {
  return series.find((frame) => trackPartOf(frame) === part);
}

function field(frame: DataFrame | undefined, name: string): Field | undefined {
  return frame?.fields.find((f) => f.name === name);
}

function numbers(frame: DataFrame | undefined, name: string): ArrayLike<number> | undefined {
  const f = field(frame, name);
  return f && f.type === FieldType.number ? (f.values as ArrayLike<number>) : undefined;
}

/** x/y of a track frame in metres, projected from lat/lon around the track's origin when x/y are missing. */
function positions(frame: DataFrame, origin?: GeoOrigin): { x: Float64Array; y: Float64Array } | undefined {
  const x = numbers(frame, 'x');
  const y = numbers(frame, 'y');
  if (x && y) return { x: Float64Array.from(x as ArrayLike<number>), y: Float64Array.from(y as ArrayLike<number>) };
  const lat = numbers(frame, 'lat');
  const lon = numbers(frame, 'lon');
  if (lat && lon && origin) return projectGpsTrace(lat, lon, origin);
  return undefined;
}

/** Reads the track frames; undefined when there is no centre line. */
export function readTrack(series: readonly DataFrame[]): TrackOutline | undefined {
  const centre = partOf(series, 'centreLine');
  if (!centre) return undefined;
  const meta = (centre.meta?.custom ?? {}) as { track?: string; length?: number; origin?: GeoOrigin };
  const line = positions(centre, meta.origin);
  if (!line || line.x.length < 2) return undefined;
  const outline: TrackOutline = {
    name: meta.track,
    length: meta.length,
    origin: meta.origin,
    x: line.x,
    y: line.y,
    sectors: [],
    corners: [],
  };
  const sf = partOf(series, 'startFinish');
  const sfAt = sf && positions(sf, meta.origin);
  if (sfAt && sfAt.x.length >= 2) {
    outline.startFinish = [
      { x: sfAt.x[0], y: sfAt.y[0] },
      { x: sfAt.x[1], y: sfAt.y[1] },
    ];
  }
  const sectors = partOf(series, 'sectors');
  const sectorAt = sectors && positions(sectors, meta.origin);
  if (sectors && sectorAt) {
    const number = numbers(sectors, 'number');
    const start = numbers(sectors, 'start');
    const name = field(sectors, 'name')?.values;
    for (let i = 0; i < sectors.length; i++) {
      outline.sectors.push({
        number: number?.[i] ?? i + 1,
        name: String(name?.[i] ?? `S${i + 1}`),
        start: start?.[i] ?? NaN,
        at: { x: sectorAt.x[i], y: sectorAt.y[i] },
      });
    }
  }
  const corners = partOf(series, 'corners');
  const cornerAt = corners && positions(corners, meta.origin);
  if (corners && cornerAt) {
    const number = numbers(corners, 'number');
    const name = field(corners, 'name')?.values;
    const direction = field(corners, 'direction')?.values;
    for (let i = 0; i < corners.length; i++) {
      outline.corners.push({
        number: number?.[i] ?? i + 1,
        name: String(name?.[i] ?? `T${i + 1}`),
        at: { x: cornerAt.x[i], y: cornerAt.y[i] },
        direction: direction?.[i] === undefined ? undefined : String(direction[i]),
      });
    }
  }
  return outline;
}
