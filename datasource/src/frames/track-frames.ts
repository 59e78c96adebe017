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

export function trackFrames(track: TrackGeometry, refId: string, session: string): DataFrame[] {
  const projection = localProjection(track.origin);
  const geo = (points: Array<{ x: number; y: number }>) => {
    const latLon = points.map((p) => projection.toLatLon(p.x, p.y));
    return [
      numbers(
        'lat',
        latLon.map((p) => p.lat),
        DEGREES,
      ),
      numbers(
        'lon',
        latLon.map((p) => p.lon),
        DEGREES,
      ),
    ];
  };
  const xy = (points: Array<{ x: number; y: number }>) => [
    numbers(
      'x',
      points.map((p) => p.x),
      METRES,
    ),
    numbers(
      'y',
      points.map((p) => p.y),
      METRES,
    ),
  ];
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
  const ends = [track.startFinish.a, track.startFinish.b];
  const sectorStarts = track.sectors.map((sector) => pointAtDistance(line, sector.start));
  const apexes = track.corners.map((corner) => corner.apex);
  return [
    frame('centre line', 'centreLine', [
      numbers('distance', line.distance, METRES),
      numbers('x', line.x, METRES),
      numbers('y', line.y, METRES),
      numbers('lat', line.lat, DEGREES),
      numbers('lon', line.lon, DEGREES),
    ]),
    frame('start finish', 'startFinish', [...xy(ends), ...geo(ends)]),
    frame('sectors', 'sectors', [
      numbers(
        'number',
        track.sectors.map((s) => s.number),
      ),
      strings(
        'name',
        track.sectors.map((s) => s.name),
      ),
      numbers(
        'start',
        track.sectors.map((s) => s.start),
        METRES,
      ),
      numbers(
        'end',
        track.sectors.map((s) => s.end),
        METRES,
      ),
      ...xy(sectorStarts),
      ...geo(sectorStarts),
    ]),
    frame('corners', 'corners', [
      numbers(
        'number',
        track.corners.map((c) => c.number),
      ),
      strings(
        'name',
        track.corners.map((c) => c.name),
      ),
      numbers(
        'distance',
        track.corners.map((c) => c.distance),
        METRES,
      ),
      ...xy(apexes),
      ...geo(apexes),
      numbers(
        'radius',
        track.corners.map((c) => c.radius),
        METRES,
      ),
      strings(
        'direction',
        track.corners.map((c) => c.direction),
      ),
    ]),
  ];
}
