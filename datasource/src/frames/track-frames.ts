/**
 * The track as four frames, told apart by name and by `meta.custom.trackPart`:
 *   `centre line`   distance, x, y, lat, lon — in driving order from the start/finish line
 *   `start finish`  x, y, lat, lon — the two ends of the line across the track
 *   `sectors`       number, name, start, end, x, y, lat, lon — each sector and where it begins
 *   `corners`       number, name, distance, x, y, lat, lon, radius, direction — apexes
 * x points east and y north in metres from the track's origin (local projection).
 */
import { type TrackGeometry } from '@eracing/telemetry-core/protocol';
import { localProjection } from '@eracing/telemetry-core/track';
import { FieldType, type DataFrame, type Field } from '@grafana/data';

import { tableFrameType } from './frame-types';

export type TrackPart = 'centreLine' | 'startFinish' | 'sectors' | 'corners';

const METRES = { unit: 'lengthm' };
const DEGREES = { unit: 'degree', decimals: 6 };

const numbers = (name: string, values: number[], config: Field['config'] = {}): Field => ({
  name,
  type: FieldType.number,
  config,
  values,
});
const strings = (name: string, values: string[]): Field => ({ name, type: FieldType.string, config: {}, values });

/** The centre-line point at lap distance `distance`, interpolated between samples. */
export function pointAtDistance(line: TrackGeometry['centreLine'], distance: number): { x: number; y: number } {
  const d = line.distance;
  if (d.length === 0) return { x: NaN, y: NaN };
  let hi = d.findIndex((value) => value >= distance);
  if (hi === -1) hi = d.length - 1;
  if (hi === 0 || d[hi] === distance) return { x: line.x[hi], y: line.y[hi] };
  const lo = hi - 1;
  const f = (distance - d[lo]) / (d[hi] - d[lo]);
  return { x: line.x[lo] + f * (line.x[hi] - line.x[lo]), y: line.y[lo] + f * (line.y[hi] - line.y[lo]) };
}

type Point = { x: number; y: number };

/** x and y of points on the track, in metres. */
function xyFields(points: Point[]): Field[] {
  const x = points.map((p) => p.x);
  const y = points.map((p) => p.y);
  return [numbers('x', x, METRES), numbers('y', y, METRES)];
}

/** lat and lon of points on the track, from the track's local projection. */
function latLonFields(points: Point[], projection: ReturnType<typeof localProjection>): Field[] {
  const latLon = points.map((p) => projection.toLatLon(p.x, p.y));
  const lat = latLon.map((p) => p.lat);
  const lon = latLon.map((p) => p.lon);
  return [numbers('lat', lat, DEGREES), numbers('lon', lon, DEGREES)];
}

const metres = (name: string, values: number[]): Field => numbers(name, values, METRES);
/** One property of each sector or corner, in order. */
const column = <T, K extends keyof T>(rows: readonly T[], key: K): Array<T[K]> => rows.map((row) => row[key]);

/** The number and name of each sector or corner. */
function numberAndName(parts: ReadonlyArray<{ number: number; name: string }>): Field[] {
  return [numbers('number', column(parts, 'number')), strings('name', column(parts, 'name'))];
}

function sectorFields(track: TrackGeometry, place: (points: Point[]) => Field[]): Field[] {
  const { sectors } = track;
  const starts = sectors.map((sector) => pointAtDistance(track.centreLine, sector.start));
  return [
    ...numberAndName(sectors),
    metres('start', column(sectors, 'start')),
    metres('end', column(sectors, 'end')),
    ...place(starts),
  ];
}

function cornerFields(track: TrackGeometry, place: (points: Point[]) => Field[]): Field[] {
  const { corners } = track;
  return [
    ...numberAndName(corners),
    metres('distance', column(corners, 'distance')),
    ...place(column(corners, 'apex')),
    metres('radius', column(corners, 'radius')),
    strings('direction', column(corners, 'direction')),
  ];
}

export function trackFrames(track: TrackGeometry, refId: string, session: string): DataFrame[] {
  const projection = localProjection(track.origin);
  const place = (points: Point[]) => [...xyFields(points), ...latLonFields(points, projection)];
  const frame = (name: string, trackPart: TrackPart, fields: Field[]): DataFrame => ({
    name,
    refId,
    length: fields[0]?.values.length ?? 0,
    fields,
    meta: {
      ...tableFrameType(),
      custom: { trackPart, track: track.name, length: track.length, origin: track.origin, session },
    },
  });
  const line = track.centreLine;
  return [
    frame('centre line', 'centreLine', [
      numbers('distance', line.distance, METRES),
      numbers('x', line.x, METRES),
      numbers('y', line.y, METRES),
      numbers('lat', line.lat, DEGREES),
      numbers('lon', line.lon, DEGREES),
    ]),
    frame('start finish', 'startFinish', place([track.startFinish.a, track.startFinish.b])),
    frame('sectors', 'sectors', sectorFields(track, place)),
    frame('corners', 'corners', cornerFields(track, place)),
  ];
}
