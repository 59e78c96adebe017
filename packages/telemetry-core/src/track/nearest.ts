/**
 * Nearest-sample search for hovering: a uniform grid over the points, searched ring by ring outward from the
 * query's cell. Building is two linear passes; a query touches a handful of cells.
 */
export class PointGrid {
  private readonly cellSize: number;
  private readonly minX: number;
  private readonly minY: number;
  private readonly columns: number;
  private readonly rows: number;
  /** Point indices sorted by cell; `cellStart[c]…cellStart[c + 1]` are cell c's points. */
  private readonly order: Uint32Array;
  private readonly cellStart: Uint32Array;

  constructor(
    private readonly x: ArrayLike<number>,
    private readonly y: ArrayLike<number>,
    pointsPerCell = 4,
  ) {
    const n = Math.min(x.length, y.length);
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity,
      count = 0;
    for (let i = 0; i < n; i++) {
      const px = x[i],
        py = y[i];
      if (px !== px || py !== py) continue;
      count++;
      if (px < minX) minX = px;
      if (px > maxX) maxX = px;
      if (py < minY) minY = py;
      if (py > maxY) maxY = py;
    }
    if (count === 0) {
      minX = minY = maxX = maxY = 0;
    }
    const area = Math.max(maxX - minX, 1e-9) * Math.max(maxY - minY, 1e-9);
    this.cellSize = Math.max(Math.sqrt((area * pointsPerCell) / Math.max(count, 1)), 1e-6);
    this.minX = minX;
    this.minY = minY;
    this.columns = Math.min(4096, Math.floor((maxX - minX) / this.cellSize) + 1);
    this.rows = Math.min(4096, Math.floor((maxY - minY) / this.cellSize) + 1);
    const cells = this.columns * this.rows;
    const cellOf = new Int32Array(n);
    const counts = new Uint32Array(cells + 1);
    for (let i = 0; i < n; i++) {
      const c = x[i] !== x[i] || y[i] !== y[i] ? -1 : this.cellIndex(x[i], y[i]);
      cellOf[i] = c;
      if (c >= 0) counts[c + 1]++;
    }
    for (let c = 0; c < cells; c++) counts[c + 1] += counts[c];
    this.cellStart = counts.slice();
    const fill = counts;
    this.order = new Uint32Array(count);
    for (let i = 0; i < n; i++) if (cellOf[i] >= 0) this.order[fill[cellOf[i]]++] = i;
  }

  private column(px: number): number {
    return Math.min(this.columns - 1, Math.max(0, Math.floor((px - this.minX) / this.cellSize)));
  }

  private row(py: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((py - this.minY) / this.cellSize)));
  }

  private cellIndex(px: number, py: number): number {
    return this.row(py) * this.columns + this.column(px);
  }

  /** The index of the point nearest to (px, py) within `maxDistance`, or -1. */
  nearest(px: number, py: number, maxDistance = Infinity): number {
    if (this.order.length === 0) return -1;
    const col = this.column(px);
    const row = this.row(py);
    let best = -1;
    let bestD2 = maxDistance * maxDistance;
    // Every point in ring r of cells is at least (r − 1)·cellSize away, and at least as far as the grid itself
    // when the query lies outside it: stop once that bound exceeds the best found.
    const outside = Math.max(
      0,
      this.minX - px,
      px - (this.minX + this.columns * this.cellSize),
      this.minY - py,
      py - (this.minY + this.rows * this.cellSize),
    );
    const maxRing = Math.max(this.columns, this.rows);
    for (let r = 0; r <= maxRing; r++) {
      const ringDistance = Math.max((r - 1) * this.cellSize, outside);
      if (best >= 0 && ringDistance * ringDistance > bestD2) break;
      if (ringDistance > maxDistance) break;
      for (let j = row - r; j <= row + r; j++) {
        if (j < 0 || j >= this.rows) continue;
        const edgeRow = j === row - r || j === row + r;
        for (let i = col - r; i <= col + r; i += edgeRow ? 1 : 2 * r || 1) {
          if (i < 0 || i >= this.columns) continue;
          const c = j * this.columns + i;
          for (let k = this.cellStart[c]; k < this.cellStart[c + 1]; k++) {
            const p = this.order[k];
            const dx = this.x[p] - px;
            const dy = this.y[p] - py;
            const d2 = dx * dx + dy * dy;
            if (d2 <= bestD2) {
              bestD2 = d2;
              best = p;
            }
          }
        }
      }
    }
    return best;
  }
}
