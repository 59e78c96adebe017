/**
 * The racing line is drawn as one path per colour, so each sample's value is mapped once, per data change, to
 * one of a fixed number of colour buckets. A bucket's colour comes from the caller (Grafana's field colour).
 */

/** The bucket of a sample with no value: not drawn. */
export const NO_BUCKET = 255;
export const MAX_BUCKETS = 255;

/** Inner edges of `buckets` equal buckets over min…max: bucket k holds values in [edge[k − 1], edge[k]). */
export function uniformEdges(min: number, max: number, buckets: number): Float64Array {
  const count = Math.max(1, Math.min(MAX_BUCKETS, Math.floor(buckets)));
  const edges = new Float64Array(count - 1);
  const step = (max - min) / count;
  for (let k = 1; k < count; k++) edges[k - 1] = min + k * step;
  return edges;
}

/** True when the edges are equally spaced (to rounding), so a value's bucket is one division away. */
function isUniform(edges: ArrayLike<number>): boolean {
  const m = edges.length;
  if (m < 2) return false;
  const step = (edges[m - 1] - edges[0]) / (m - 1);
  if (!(step > 0) || !Number.isFinite(step)) return false;
  for (let k = 1; k < m; k++) if (Math.abs(edges[k] - (edges[0] + k * step)) > step * 1e-6) return false;
  return true;
}

/** The bucket of each value given sorted inner edges; NaN gets NO_BUCKET. */
export function bucketValues(values: ArrayLike<number>, edges: ArrayLike<number>): Uint8Array {
  const buckets = new Uint8Array(values.length);
  const m = Math.min(edges.length, MAX_BUCKETS - 1);
  if (isUniform(edges) && m === edges.length) {
    const step = (edges[m - 1] - edges[0]) / (m - 1);
    const origin = edges[0] - step;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== v) {
        buckets[i] = NO_BUCKET;
        continue;
      }
      let k = Math.floor((v - origin) / step);
      // Rounding may put a value sitting on an edge one bucket off: settle it against the edge itself.
      if (k > 0 && k <= m && v < edges[k - 1]) k--;
      else if (k >= 0 && k < m && v >= edges[k]) k++;
      buckets[i] = k < 0 ? 0 : k > m ? m : k;
    }
    return buckets;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      buckets[i] = NO_BUCKET;
      continue;
    }
    let lo = 0,
      hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v < edges[mid]) hi = mid;
      else lo = mid + 1;
    }
    buckets[i] = lo;
  }
  return buckets;
}

/** The value standing for bucket k when asking a colour scale for its colour: its middle, or its finite edge. */
export function bucketValue(edges: ArrayLike<number>, k: number, min: number, max: number): number {
  const lo = k === 0 ? min : edges[k - 1];
  const hi = k === edges.length ? max : edges[k];
  if (Number.isFinite(lo) && Number.isFinite(hi)) return (lo + hi) / 2;
  return Number.isFinite(lo) ? lo : hi;
}

/**
 * Stretches of the line to stroke, grouped by colour. Segment i joins sample i − 1 to sample i and takes sample
 * i's bucket; a run is a stretch of consecutive segments of one bucket, drawn as moveTo(start − 1), lineTo(start
 * … end − 1). Runs of bucket k are `start/end[offsets[k]] … [offsets[k + 1] − 1]`.
 */
export interface BucketRuns {
  bucketCount: number;
  offsets: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
}

/**
 * Groups the line into runs per bucket. A segment is left out when either end has no position (NaN), the later
 * sample has no bucket, or `breakBefore` is set on the later sample.
 */
export function bucketRuns(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  buckets: Uint8Array,
  bucketCount: number,
  breakBefore?: Uint8Array,
): BucketRuns {
  const n = Math.min(x.length, y.length, buckets.length);
  // At most one run per segment; trimmed below.
  const runStart = new Uint32Array(n);
  const runEnd = new Uint32Array(n);
  const runBucket = new Uint8Array(n);
  let count = 0;
  let open = false;
  for (let i = 1; i < n; i++) {
    const b = buckets[i];
    const joins =
      b < bucketCount &&
      x[i] === x[i] &&
      y[i] === y[i] &&
      x[i - 1] === x[i - 1] &&
      y[i - 1] === y[i - 1] &&
      !(breakBefore && breakBefore[i]);
    if (!joins) {
      open = false;
      continue;
    }
    if (open && runBucket[count - 1] === b) {
      runEnd[count - 1] = i + 1;
      continue;
    }
    runStart[count] = i;
    runEnd[count] = i + 1;
    runBucket[count] = b;
    count++;
    open = true;
  }
  const offsets = new Uint32Array(bucketCount + 1);
  for (let r = 0; r < count; r++) offsets[runBucket[r] + 1]++;
  for (let k = 0; k < bucketCount; k++) offsets[k + 1] += offsets[k];
  const fill = offsets.slice(0, bucketCount);
  const start = new Uint32Array(count);
  const end = new Uint32Array(count);
  for (let r = 0; r < count; r++) {
    const slot = fill[runBucket[r]]++;
    start[slot] = runStart[r];
    end[slot] = runEnd[r];
  }
  return { bucketCount, offsets, start, end };
}
