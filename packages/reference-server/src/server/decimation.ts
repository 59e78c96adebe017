/**
 * Min/max decimation for plotting that keeps whole samples: the time span is cut into buckets and each bucket keeps
 * the rows holding the minimum and the maximum of every channel, plus the first and last row of the span. Every kept
 * row is a real instant, so channels stay consistent with each other, and every peak survives.
 */
import type { ChannelColumn } from '@eracing/telemetry-core/protocol';
import { extremes } from '../store/blocks';

/** First row of each bucket, plus `rows` at the end. Buckets are equal slices of time (of rows if time stalls). */
function bucketStarts(time: Float64Array, rows: number, buckets: number): Uint32Array {
  const starts = new Uint32Array(buckets + 1);
  const t0 = time[0];
  const span = time[rows - 1] - t0;
  let b = 0;
  for (let i = 0; i < rows && b < buckets - 1; i++) {
    const bucket =
      span > 0
        ? Math.min(buckets - 1, Math.floor(((time[i] - t0) / span) * buckets))
        : Math.floor((i * buckets) / rows);
    while (b < bucket) starts[++b] = i;
  }
  while (b < buckets) starts[++b] = rows;
  return starts;
}

function markExtremes(column: ChannelColumn, from: number, to: number, keep: Uint8Array): void {
  const { minAt, maxAt } = extremes(column, from, to);
  if (minAt >= 0) keep[minAt] = 1;
  if (maxAt >= 0) keep[maxAt] = 1;
}

function markBuckets(time: Float64Array, columns: readonly ChannelColumn[], buckets: number, keep: Uint8Array): number {
  const rows = time.length;
  keep.fill(0);
  keep[0] = 1;
  keep[rows - 1] = 1;
  const starts = bucketStarts(time, rows, buckets);
  for (let b = 0; b < buckets; b++) {
    if (starts[b] === starts[b + 1]) continue;
    for (const column of columns) markExtremes(column, starts[b], starts[b + 1], keep);
  }
  let count = 0;
  for (let i = 0; i < rows; i++) count += keep[i];
  return count;
}

function indicesOf(keep: Uint8Array, limit: number): Uint32Array {
  const out = new Uint32Array(limit);
  let n = 0;
  for (let i = 0; i < keep.length && n < limit; i++) if (keep[i]) out[n++] = i;
  return out.subarray(0, n);
}

/**
 * Rows to keep (ascending) so that at most `maxPoints` remain, or null when all rows fit.
 * Starts with maxPoints/2 buckets and shrinks the bucket count until the union of extremes fits.
 */
export function minMaxRows(
  time: Float64Array,
  columns: readonly ChannelColumn[],
  maxPoints: number,
): Uint32Array | null {
  const rows = time.length;
  if (rows <= maxPoints) return null;
  const keep = new Uint8Array(rows);
  let buckets = Math.max(1, Math.floor(maxPoints / 2));
  for (;;) {
    const count = markBuckets(time, columns, buckets, keep);
    if (count <= maxPoints) return indicesOf(keep, count);
    if (buckets === 1) break;
    buckets = Math.max(1, Math.min(buckets - 1, Math.floor((buckets * maxPoints) / count)));
  }
  // Even one bucket holds more extremes than maxPoints allows (many channels, tiny maxPoints): keep the ends and as
  // many of the global extremes as fit, in channel order.
  const chosen = new Uint8Array(rows);
  chosen[0] = 1;
  chosen[rows - 1] = 1;
  let count = 2;
  for (const column of columns) {
    const one = new Uint8Array(rows);
    markExtremes(column, 0, rows, one);
    for (let i = 0; i < rows && count < maxPoints; i++) {
      if (one[i] && !chosen[i]) {
        chosen[i] = 1;
        count++;
      }
    }
  }
  return indicesOf(chosen, Math.min(count, maxPoints));
}
