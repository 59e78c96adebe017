/**
 * A line's points thinned once per data change, so drawing at a scale where they crowd together walks a fraction of
 * them: for each point, the next one to visit. Greedy along the line, each kept point is at least `spacing` metres
 * from the one kept before it (points without a position are passed over). Drawing from any point follows `next` to
 * the end of its run and draws the run's last point itself.
 */
export interface ThinnedLine {
  /** Metres between kept points, at least. */
  spacing: number;
  /** next[i]: the first kept point after i (the line's length when there is none). */
  next: Int32Array;
}

export function thinLine(x: ArrayLike<number>, y: ArrayLike<number>, spacing: number): ThinnedLine {
  const n = Math.min(x.length, y.length);
  const kept = new Uint8Array(n);
  const spacing2 = spacing * spacing;
  let lx = NaN;
  let ly = NaN;
  for (let i = 0; i < n; i++) {
    const px = x[i];
    const py = y[i];
    if (px !== px || py !== py) continue;
    const dx = px - lx;
    const dy = py - ly;
    // The first point with a position is kept too: lx is NaN until then, and NaN < spacing2 is false.
    if (!(dx * dx + dy * dy < spacing2)) {
      kept[i] = 1;
      lx = px;
      ly = py;
    }
  }
  const next = new Int32Array(n);
  for (let i = n - 1, after = n; i >= 0; i--) {
    next[i] = after;
    if (kept[i]) after = i;
  }
  return { spacing, next };
}

/** The spacing to thin a line to: 1/4000 of its bounding box's diagonal, a fraction of a pixel when it fits a panel. */
export function thinningSpacing(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const px = x[i];
    const py = y[i];
    if (px !== px || py !== py) continue;
    if (px < minX) minX = px;
    if (px > maxX) maxX = px;
    if (py < minY) minY = py;
    if (py > maxY) maxY = py;
  }
  return maxX >= minX ? Math.hypot(maxX - minX, maxY - minY) / 4000 : 0;
}
