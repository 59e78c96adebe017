/**
 * Track geometry for a session that came without one (a CSV import): the centre line is estimated from the path of
 * the fastest complete lap, sampled every 2 m from its start/finish crossing; sectors split the lap in thirds unless
 * given.
 */
import { classifyLaps } from '@eracing/telemetry-core/laps';
import { type Point, type TrackGeometry, type TrackSector } from '@eracing/telemetry-core/protocol';
import { cleanTrace, localProjection, type GeoOrigin } from '@eracing/telemetry-core/track';
import { splitCarLaps, type CarLapInputs } from './lap-compute';

const CENTRE_LINE_STEP = 2;
const LINE_HALF_WIDTH = 12;

export interface TrackEstimateOptions {
  name: string;
  /** Geographic origin of the x/y frame; without one, lat/lon of the centre line are relative to 0°N 0°E. */
  origin?: GeoOrigin;
  /** Sector ends in metres (all but the last, which is the line). Default: thirds of the lap. */
  sectorEnds?: number[];
}

function finitePoint(trace: CarLapInputs, i: number): Point | undefined {
  const x = trace.channels.x?.[i];
  const y = trace.channels.y?.[i];
  return Number.isFinite(x) && Number.isFinite(y) ? { x: x!, y: y! } : undefined;
}

/** A line across the path where the car was first seen moving: where laps are counted from without a lap channel. */
export function startFinishAtFirstMove(traces: readonly CarLapInputs[]): { a: Point; b: Point } | undefined {
  for (const trace of traces) {
    let first: Point | undefined;
    for (let i = 0; i < trace.time.length; i++) {
      const p = finitePoint(trace, i);
      if (!p) continue;
      if (!first) first = p;
      else if (Math.hypot(p.x - first.x, p.y - first.y) > 5) return lineAcross(first, p);
    }
  }
  return undefined;
}

/** A segment through `at`, square to the direction towards `next`. */
function lineAcross(at: Point, next: Point): { a: Point; b: Point } {
  const length = Math.hypot(next.x - at.x, next.y - at.y) || 1;
  const nx = -(next.y - at.y) / length;
  const ny = (next.x - at.x) / length;
  return {
    a: { x: at.x - nx * LINE_HALF_WIDTH, y: at.y - ny * LINE_HALF_WIDTH },
    b: { x: at.x + nx * LINE_HALF_WIDTH, y: at.y + ny * LINE_HALF_WIDTH },
  };
}

/** The fastest timed lap over all cars (valid ones first), with its car's samples. */
function fastestLap(traces: readonly CarLapInputs[], provisional?: TrackGeometry) {
  let best: { trace: CarLapInputs; startIndex: number; endIndex: number; lapTime: number; valid: boolean } | undefined;
  for (const trace of traces) {
    for (const lap of classifyLaps(splitCarLaps(trace, provisional))) {
      if (lap.lapTime === undefined || !(lap.lapTime > 0)) continue;
      const better = !best || (lap.valid && !best.valid) || (lap.valid === best.valid && lap.lapTime < best.lapTime);
      if (better)
        best = { trace, startIndex: lap.startIndex, endIndex: lap.endIndex, lapTime: lap.lapTime, valid: lap.valid };
    }
  }
  return best;
}

export function estimateTrack(traces: readonly CarLapInputs[], options: TrackEstimateOptions): TrackGeometry {
  const line = startFinishAtFirstMove(traces);
  const provisional = line ? emptyTrack(options.name, options.origin, line) : undefined;
  const lap = fastestLap(traces, provisional);
  const track = emptyTrack(options.name, options.origin, line ?? { a: { x: 0, y: 0 }, b: { x: 0, y: 0 } });
  if (!lap) return track;

  const points = cleanPath(lap.trace, lap.startIndex, lap.endIndex);
  if (points.length > 2) {
    const centre = resamplePath(points, CENTRE_LINE_STEP);
    const projection = localProjection(track.origin);
    const geo = centre.x.map((x, k) => projection.toLatLon(x, centre.y[k]));
    track.centreLine = { ...centre, lat: geo.map((g) => g.lat), lon: geo.map((g) => g.lon) };
    track.length = centre.length;
    track.startFinish = lineAcross({ x: centre.x[0], y: centre.y[0] }, { x: centre.x[1], y: centre.y[1] });
  } else {
    track.length = lapDistanceSpan(lap.trace, lap.startIndex, lap.endIndex);
  }
  track.sectors = sectors(track.length, options.sectorEnds);
  return track;
}

/** The lap's positions without dropouts and wild fixes (a jump no car could make), which would warp the outline. */
function cleanPath(trace: CarLapInputs, start: number, end: number): Point[] {
  const n = end - start;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = finitePoint(trace, start + i);
    xs[i] = p ? p.x : NaN;
    ys[i] = p ? p.y : NaN;
  }
  const clean = cleanTrace(xs, ys, trace.time.subarray(start, end));
  const points: Point[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(clean.x[i])) points.push({ x: clean.x[i], y: clean.y[i] });
  return points;
}

function emptyTrack(name: string, origin: GeoOrigin | undefined, startFinish: { a: Point; b: Point }): TrackGeometry {
  return {
    name,
    length: 0,
    origin: origin ?? { lat: 0, lon: 0 },
    centreLine: { distance: [], x: [], y: [], lat: [], lon: [] },
    startFinish,
    sectors: [],
    corners: [],
  };
}

/** The largest lap distance reached in the lap: its length when positions are missing. */
function lapDistanceSpan(trace: CarLapInputs, start: number, end: number): number {
  const d = trace.channels.lap_distance;
  let max = 0;
  if (d) for (let i = start; i < end; i++) if (d[i] > max) max = d[i];
  return max;
}

export function sectors(length: number, ends?: number[]): TrackSector[] {
  if (!(length > 0)) return [];
  const bounds = (ends?.length ? ends.filter((d) => d < length) : [length / 3, (2 * length) / 3]).concat(length);
  return bounds.map((end, k) => ({ number: k + 1, name: `S${k + 1}`, start: k ? bounds[k - 1] : 0, end }));
}

/** Points every `step` metres along a path (closed back to its start), and the path's length. */
function resamplePath(points: readonly Point[], step: number) {
  const cumulative = [0];
  for (let k = 1; k < points.length; k++) {
    cumulative.push(cumulative[k - 1] + Math.hypot(points[k].x - points[k - 1].x, points[k].y - points[k - 1].y));
  }
  const last = points[points.length - 1];
  const length = cumulative[cumulative.length - 1] + Math.hypot(points[0].x - last.x, points[0].y - last.y);
  const distance: number[] = [];
  const x: number[] = [];
  const y: number[] = [];
  let k = 0;
  for (let d = 0; d < cumulative[cumulative.length - 1]; d += step) {
    while (cumulative[k + 1] < d) k++;
    const span = cumulative[k + 1] - cumulative[k];
    const f = span > 0 ? (d - cumulative[k]) / span : 0;
    distance.push(d);
    x.push(points[k].x + f * (points[k + 1].x - points[k].x));
    y.push(points[k].y + f * (points[k + 1].y - points[k].y));
  }
  return { distance, x, y, length };
}
