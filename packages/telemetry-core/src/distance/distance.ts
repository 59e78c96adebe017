/** Lap distance three ways: integrated speed, projection onto the centre line, an unwrapped lap-distance channel. */

/**
 * Distance in metres travelled since `startTimeMs` (default: the first sample with a speed), by the trapezoidal rule —
 * exact for speed varying linearly between samples, i.e. constant acceleration. A start between two samples integrates
 * the partial interval from the speed interpolated at the start. Speed dropouts (NaN) are bridged linearly; samples
 * before the first or after the last speed are NaN, and samples before the start are negative.
 */
export function distanceFromSpeed(
  timeMs: ArrayLike<number>,
  speedKmh: ArrayLike<number>,
  startTimeMs?: number,
): Float64Array {
  const n = Math.min(timeMs.length, speedKmh.length);
  const out = new Float64Array(n).fill(NaN);
  const speed = bridgeGaps(timeMs, speedKmh, n);
  let first = 0;
  while (first < n && Number.isNaN(speed[first])) first++;
  if (first === n) return out;
  let last = n - 1;
  while (Number.isNaN(speed[last])) last--;
  // Integrate in km/h·ms, then convert once: 1 km/h·ms = 1/3600 m.
  out[first] = 0;
  for (let i = first + 1; i <= last; i++)
    out[i] = out[i - 1] + ((timeMs[i] - timeMs[i - 1]) * (speed[i] + speed[i - 1])) / 2;
  const start = startTimeMs ?? timeMs[first];
  let atStart: number;
  if (start <= timeMs[first]) {
    atStart = speed[first] * (start - timeMs[first]);
  } else if (start >= timeMs[last]) {
    atStart = out[last] + speed[last] * (start - timeMs[last]);
  } else {
    let k = first;
    let hi = last;
    while (hi - k > 1) {
      const mid = (k + hi) >>> 1;
      if (timeMs[mid] <= start) k = mid;
      else hi = mid;
    }
    const f = (start - timeMs[k]) / (timeMs[k + 1] - timeMs[k]);
    const speedAtStart = speed[k] + f * (speed[k + 1] - speed[k]);
    atStart = out[k] + ((start - timeMs[k]) * (speed[k] + speedAtStart)) / 2;
  }
  for (let i = first; i <= last; i++) out[i] = (out[i] - atStart) / 3600;
  return out;
}

/** A copy of `values` with NaN runs between finite samples filled by linear interpolation in time. */
function bridgeGaps(time: ArrayLike<number>, values: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n);
  let previous = -1;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    out[i] = v;
    if (Number.isNaN(v)) continue;
    if (previous >= 0 && previous < i - 1) {
      const slope = (v - values[previous]) / (time[i] - time[previous]);
      for (let j = previous + 1; j < i; j++) out[j] = values[previous] + slope * (time[j] - time[previous]);
    }
    previous = i;
  }
  return out;
}

/**
 * A lap-distance channel made continuous: each wrap back to 0 (a drop of more than half a lap) adds a lap length, each
 * jump forward by more than half a lap (reversing over the line) takes one off. NaN stays NaN.
 */
export function unwrapLapDistance(distance: ArrayLike<number>, lapLength: number): Float64Array {
  return unwrap(distance, lapLength, false);
}

/**
 * One lap's lap-distance channel measured from the line: like {@link unwrapLapDistance}, but samples at the start of
 * the lap still reading the previous lap's distance (more than half a lap) come out negative, just before the line.
 */
export function lapDistanceFromLine(distance: ArrayLike<number>, lapLength: number): Float64Array {
  return unwrap(distance, lapLength, true);
}

function unwrap(distance: ArrayLike<number>, lapLength: number, fromLine: boolean): Float64Array {
  const out = new Float64Array(distance.length);
  let offset = 0;
  let previous = NaN;
  for (let i = 0; i < distance.length; i++) {
    const d = distance[i];
    if (Number.isFinite(d)) {
      if (Number.isFinite(previous)) {
        if (previous - d > lapLength / 2) offset += lapLength;
        else if (d - previous > lapLength / 2) offset -= lapLength;
      } else if (fromLine && d > lapLength / 2) {
        offset = -lapLength;
      }
      previous = d;
    }
    out[i] = d + offset;
  }
  return out;
}

/** A centre line sampled in driving order; `distance` is the lap distance of each point (as in TrackGeometry). */
export interface CentreLine {
  distance: ArrayLike<number>;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export interface CentreLineOptions {
  /** The last point joins the first, as on a circuit. Default true. */
  closed?: boolean;
  /** Lap length, metres. Default: the last point's distance plus the closing segment. */
  length?: number;
  /**
   * Lateral offset (m) beyond which the match found by following the car along the line is distrusted and the whole
   * line is searched instead (pit lane, a gap). Default 30.
   */
  maxOffset?: number;
}

export interface CentreLineProjection {
  /** Lap distance of the nearest centre-line point, metres in [0, length); NaN for NaN positions. */
  distance: Float64Array;
  /** Signed distance from the centre line, metres: positive to the left of the driving direction. */
  offset: Float64Array;
}

export interface CentreLineProjector {
  readonly length: number;
  project(x: ArrayLike<number>, y: ArrayLike<number>): CentreLineProjection;
}

/**
 * Prepares a centre line for projecting positions onto it. Each position is first matched near the previous match
 * (a short walk along the line, sized by how far the car moved), which keeps the right branch where the track crosses
 * or runs beside itself; the first position, and any that end up far off the line, use a uniform grid of segments.
 * Both are O(1) per position, so a lap costs O(samples + centre-line points).
 */
export function centreLineProjector(line: CentreLine, opts: CentreLineOptions = {}): CentreLineProjector {
  const segments = lineSegments(line, opts.closed ?? true, opts.length);
  const grid = segmentGrid(segments.sx, segments.sy, segments.dx, segments.dy, segments.meanSegment);
  const maxOffset2 = (opts.maxOffset ?? 30) ** 2;
  return { length: segments.length, project: (x, y) => projectOnto(segments, grid, maxOffset2, x, y) };
}

/** The centre line as segments k → k + 1 (and the closing one), with their lap distances. */
interface Segments {
  count: number;
  closed: boolean;
  length: number;
  sx: Float64Array;
  sy: Float64Array;
  dx: Float64Array;
  dy: Float64Array;
  len2: Float64Array;
  /** Lap distance at the segment's start, and its length along the lap. */
  s0: Float64Array;
  sLen: Float64Array;
  meanSegment: number;
}

function lineSegments(line: CentreLine, closed: boolean, givenLength: number | undefined): Segments {
  const m = Math.min(line.distance.length, line.x.length, line.y.length);
  const closing = closed && m > 1 ? Math.hypot(line.x[0] - line.x[m - 1], line.y[0] - line.y[m - 1]) : 0;
  const length = givenLength ?? (m ? line.distance[m - 1] + closing : 0);
  const count = closed && closing > 0 ? m : Math.max(m - 1, 0);
  const [sx, sy, dx, dy, len2, s0, sLen] = Array.from({ length: 7 }, () => new Float64Array(count));
  let euclidean = 0;
  for (let k = 0; k < count; k++) {
    const j = k + 1 < m ? k + 1 : 0;
    sx[k] = line.x[k];
    sy[k] = line.y[k];
    dx[k] = line.x[j] - sx[k];
    dy[k] = line.y[j] - sy[k];
    len2[k] = dx[k] * dx[k] + dy[k] * dy[k];
    s0[k] = line.distance[k];
    sLen[k] = (j === 0 ? length : line.distance[j]) - s0[k];
    euclidean += Math.sqrt(len2[k]);
  }
  const meanSegment = count ? euclidean / count : 1;
  return { count, closed, length, sx, sy, dx, dy, len2, s0, sLen, meanSegment };
}

/** The nearest point to (px, py) on the segments offered so far: segment k, at fraction u along it, d2 away squared. */
class NearestPoint {
  px = 0;
  py = 0;
  k = -1;
  u = 0;
  d2 = Infinity;

  constructor(private readonly segments: Segments) {}

  /** Starts over for the point (px, py). */
  reset(px: number, py: number): void {
    this.px = px;
    this.py = py;
    this.k = -1;
    this.d2 = Infinity;
  }

  /** Takes segment k if it comes nearer; says whether it did. */
  consider(k: number): boolean {
    const { sx, sy, dx, dy, len2 } = this.segments;
    const { px, py } = this;
    const l2 = len2[k];
    let u = l2 > 0 ? ((px - sx[k]) * dx[k] + (py - sy[k]) * dy[k]) / l2 : 0;
    u = u < 0 ? 0 : u > 1 ? 1 : u;
    const ex = px - sx[k] - u * dx[k];
    const ey = py - sy[k] - u * dy[k];
    const d2 = ex * ex + ey * ey;
    if (d2 >= this.d2) return false;
    this.d2 = d2;
    this.k = k;
    this.u = u;
    return true;
  }

  next(k: number): number {
    return k + 1 < this.segments.count ? k + 1 : this.segments.closed ? 0 : -1;
  }

  previous(k: number): number {
    return k > 0 ? k - 1 : this.segments.closed ? this.segments.count - 1 : -1;
  }

  /**
   * Offers the segments within `reach` along the line of the last match (segment `lastK`, lap distance `lastS`),
   * both ways, then walks on while a neighbour is nearer: the nearest point may lie just outside the window.
   */
  considerAround(lastK: number, lastS: number, reach: number): void {
    const { s0, sLen, count } = this.segments;
    this.consider(lastK);
    let ahead = s0[lastK] + sLen[lastK] - lastS;
    for (let k = this.next(lastK), steps = 0; k >= 0 && ahead < reach && steps < count; k = this.next(k), steps++) {
      this.consider(k);
      ahead += sLen[k];
    }
    let behind = lastS - s0[lastK];
    for (let k = this.previous(lastK), steps = 0; k >= 0 && behind < reach && steps < count; k = this.previous(k)) {
      this.consider(k);
      behind += sLen[k];
      steps++;
    }
    for (let improved = true; improved;) {
      const k = this.k;
      improved =
        (this.next(k) >= 0 && this.consider(this.next(k))) ||
        (this.previous(k) >= 0 && this.consider(this.previous(k)));
    }
  }
}

function projectOnto(
  segments: Segments,
  grid: SegmentGrid,
  maxOffset2: number,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): CentreLineProjection {
  const { sx, sy, dx, dy, s0, sLen, closed, length, meanSegment } = segments;
  const n = Math.min(x.length, y.length);
  const distance = new Float64Array(n);
  const offset = new Float64Array(n);
  const nearest = new NearestPoint(segments);
  const consider = (k: number) => nearest.consider(k);
  const bestDistance2 = () => nearest.d2;
  let lastK = -1;
  let lastS = 0;
  let lastX = 0;
  let lastY = 0;
  for (let i = 0; i < n; i++) {
    const px = x[i];
    const py = y[i];
    if (!Number.isFinite(px) || !Number.isFinite(py) || segments.count === 0) {
      distance[i] = offset[i] = NaN;
      continue;
    }
    nearest.reset(px, py);
    if (lastK >= 0) nearest.considerAround(lastK, lastS, Math.hypot(px - lastX, py - lastY) + 2 * meanSegment);
    if (nearest.d2 > maxOffset2) {
      nearest.d2 = Infinity;
      grid.nearest(px, py, consider, bestDistance2);
    }
    const { k, u } = nearest;
    const s = s0[k] + u * sLen[k];
    distance[i] = closed && s >= length ? s - length : s;
    const off = Math.sqrt(nearest.d2);
    offset[i] = dx[k] * (py - sy[k]) - dy[k] * (px - sx[k]) < 0 ? -off : off;
    lastK = k;
    lastS = s;
    lastX = px;
    lastY = py;
  }
  return { distance, offset };
}

/** Lap distance of each position, from its projection onto the centre line; NaN in gives NaN out. */
export function distanceFromCentreLine(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  centreLine: CentreLine,
  opts?: CentreLineOptions,
): Float64Array {
  return centreLineProjector(centreLine, opts).project(x, y).distance;
}

interface SegmentGrid {
  /** Offers `consider` every segment that could be nearest to (px, py), ring by ring until none nearer can remain. */
  nearest(px: number, py: number, consider: (k: number) => boolean, bestDistance2: () => number): void;
}

function segmentGrid(
  sx: Float64Array,
  sy: Float64Array,
  dx: Float64Array,
  dy: Float64Array,
  meanSegment: number,
): SegmentGrid {
  const count = sx.length;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let k = 0; k < count; k++) {
    minX = Math.min(minX, sx[k], sx[k] + dx[k]);
    maxX = Math.max(maxX, sx[k], sx[k] + dx[k]);
    minY = Math.min(minY, sy[k], sy[k] + dy[k]);
    maxY = Math.max(maxY, sy[k], sy[k] + dy[k]);
  }
  if (count === 0) minX = minY = maxX = maxY = 0;
  // About as many cells as segments: where the line passes, a cell holds a few dozen of them.
  const cell = Math.max(2 * Math.sqrt(((maxX - minX) * (maxY - minY)) / Math.max(count, 1)), 4 * meanSegment, 1e-6);
  const nx = Math.floor((maxX - minX) / cell) + 1;
  const ny = Math.floor((maxY - minY) / cell) + 1;
  const cellOf = (v: number, min: number, cells: number) =>
    Math.min(cells - 1, Math.max(0, Math.floor((v - min) / cell)));
  // Each segment goes into every cell its bounding box touches: count them, then fill (CSR layout).
  const range = new Int32Array(4 * count);
  for (let k = 0; k < count; k++) {
    range[4 * k] = cellOf(Math.min(sx[k], sx[k] + dx[k]), minX, nx);
    range[4 * k + 1] = cellOf(Math.max(sx[k], sx[k] + dx[k]), minX, nx);
    range[4 * k + 2] = cellOf(Math.min(sy[k], sy[k] + dy[k]), minY, ny);
    range[4 * k + 3] = cellOf(Math.max(sy[k], sy[k] + dy[k]), minY, ny);
  }
  const cellStart = new Int32Array(nx * ny + 1);
  for (let k = 0; k < count; k++) {
    for (let cy = range[4 * k + 2]; cy <= range[4 * k + 3]; cy++) {
      for (let cx = range[4 * k]; cx <= range[4 * k + 1]; cx++) cellStart[cy * nx + cx + 1]++;
    }
  }
  for (let c = 0; c < nx * ny; c++) cellStart[c + 1] += cellStart[c];
  const items = new Int32Array(cellStart[nx * ny]);
  const fill = cellStart.slice(0, nx * ny);
  for (let k = 0; k < count; k++) {
    for (let cy = range[4 * k + 2]; cy <= range[4 * k + 3]; cy++) {
      for (let cx = range[4 * k]; cx <= range[4 * k + 1]; cx++) items[fill[cy * nx + cx]++] = k;
    }
  }

  return {
    nearest(px, py, consider, bestDistance2) {
      const cx = cellOf(px, minX, nx);
      const cy = cellOf(py, minY, ny);
      const visit = (gx: number, gy: number) => {
        if (gx < 0 || gy < 0 || gx >= nx || gy >= ny) return;
        const c = gy * nx + gx;
        for (let j = cellStart[c]; j < cellStart[c + 1]; j++) consider(items[j]);
      };
      for (let r = 0; r <= nx + ny; r++) {
        if (r === 0) visit(cx, cy);
        else {
          for (let gx = cx - r; gx <= cx + r; gx++) {
            visit(gx, cy - r);
            visit(gx, cy + r);
          }
          for (let gy = cy - r + 1; gy <= cy + r - 1; gy++) {
            visit(cx - r, gy);
            visit(cx + r, gy);
          }
        }
        // Every segment in a ring further out lies more than r cells away.
        if (bestDistance2() <= (r * cell) ** 2) return;
      }
    },
  };
}
