/**
 * The circuit as a panel draws it, read from the track frames (docs/frames.md): centre line, start/finish line,
 * sectors and corners, in metres on the track's local plane. Parts with only lat/lon are projected around the
 * track's origin.
 */
import type { GeoOrigin } from '../track/projection';
import { projectGpsTrace } from '../track/dropouts';
import type { Point } from '../protocol/model';
import { channelField, fieldNamed, readTrackFrames, type FieldLike, type FrameLike } from './reader';

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

const numbers = (frame: FrameLike, name: string) => channelField(frame, name)?.values as ArrayLike<number> | undefined;

/** x/y of a track part in metres, projected from lat/lon around the origin when x/y are missing. */
function positions(frame: FrameLike, origin?: GeoOrigin): { x: Float64Array; y: Float64Array } | undefined {
  const x = numbers(frame, 'x');
  const y = numbers(frame, 'y');
  if (x && y) return { x: Float64Array.from(x), y: Float64Array.from(y) };
  const lat = numbers(frame, 'lat');
  const lon = numbers(frame, 'lon');
  if (lat && lon && origin) return projectGpsTrace(lat, lon, origin);
  return undefined;
}

/** The points of a part (sectors, corners) with each row's own fields. */
function rows<R>(frame: FrameLike | undefined, origin: GeoOrigin | undefined, row: (i: number, at: Point) => R): R[] {
  const at = frame && positions(frame, origin);
  if (!frame || !at) return [];
  return Array.from({ length: Math.min(frame.length, at.x.length) }, (_, i) => row(i, { x: at.x[i], y: at.y[i] }));
}

/** The track among the frames; undefined when there is no centre line of two points or more. */
export function readTrackOutline<F extends FieldLike>(series: readonly FrameLike<F>[]): TrackOutline | undefined {
  const { parts, meta } = readTrackFrames(series);
  const centre = parts.centreLine;
  const line = centre && positions(centre, meta.origin);
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
  const sf = parts.startFinish && positions(parts.startFinish, meta.origin);
  if (sf && sf.x.length >= 2)
    outline.startFinish = [
      { x: sf.x[0], y: sf.y[0] },
      { x: sf.x[1], y: sf.y[1] },
    ];
  const { sectors, corners } = parts;
  const text = (frame: FrameLike | undefined, name: string, i: number) => {
    const value = frame && fieldNamed(frame, name)?.values[i];
    return value === undefined || value === null ? undefined : String(value);
  };
  const number = (frame: FrameLike | undefined, i: number) => {
    const value = frame && numbers(frame, 'number')?.[i];
    return typeof value === 'number' && Number.isFinite(value) ? value : i + 1;
  };
  outline.sectors = rows(sectors, meta.origin, (i, at) => ({
    number: number(sectors, i),
    name: text(sectors, 'name', i) ?? `S${i + 1}`,
    start: (sectors && numbers(sectors, 'start')?.[i]) ?? NaN,
    at,
  }));
  outline.corners = rows(corners, meta.origin, (i, at) => ({
    number: number(corners, i),
    name: text(corners, 'name', i) ?? `T${i + 1}`,
    at,
    direction: text(corners, 'direction', i),
  }));
  return outline;
}
