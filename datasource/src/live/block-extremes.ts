/**
 * Minimum and maximum of a sliding window of a column, without scanning the window on every emission.
 *
 * Grafana computes every numeric field's min and max for each panel render (`applyFieldOverrides` needs a range
 * for colour schemes and gauges) unless the field's `state.calcs` already holds them. On a live window of 20 cars ×
 * 3000 rows, that scan was the largest single cost of a live dashboard. Rows never change once written, so blocks
 * of rows keep their extremes: a window's extremes are those of the whole blocks inside it plus a scan of the two
 * partial blocks at its ends.
 *
 * Rows are numbered from the first ever appended ("absolute" rows), so blocks stay valid when the buffer that
 * holds them is compacted; block k holds absolute rows [k·B, (k + 1)·B).
 */
export const BLOCK_ROWS = 128;

export interface Extremes {
  min: number | null;
  max: number | null;
}

export class BlockExtremes {
  private readonly mins: Float64Array;
  private readonly maxes: Float64Array;
  /** Blocks [0, computed) have been summarised; the ring keeps the newest `slots`. */
  private computed = 0;

  constructor(capacityRows: number) {
    const slots = Math.ceil(capacityRows / BLOCK_ROWS) + 2;
    this.mins = new Float64Array(slots);
    this.maxes = new Float64Array(slots);
  }

  reset(): void {
    this.computed = 0;
  }

  /**
   * Extremes of buffer rows [start, end) of `values`, whose row 0 is absolute row `origin`. NaN is ignored, as
   * Grafana's reducers ignore it; null when the window holds no number.
   */
  window(values: ArrayLike<number>, origin: number, start: number, end: number): Extremes {
    const from = origin + start;
    const to = origin + end;
    const firstBlock = Math.ceil(from / BLOCK_ROWS);
    const endBlock = Math.floor(to / BLOCK_ROWS);
    let min = Infinity;
    let max = -Infinity;
    const take = (lo: number, hi: number) => {
      for (let i = lo; i < hi; i++) {
        const v = values[i];
        if (v < min) min = v;
        if (v > max) max = v;
      }
    };
    if (firstBlock >= endBlock) {
      take(start, end);
    } else {
      take(start, firstBlock * BLOCK_ROWS - origin);
      take(endBlock * BLOCK_ROWS - origin, end);
      const slots = this.mins.length;
      // Blocks that fell out of the ring, or were never summarised, are summarised now (they are all in the window).
      if (this.computed < firstBlock || this.computed - firstBlock > slots) this.computed = firstBlock;
      for (let k = this.computed; k < endBlock; k++) {
        let bmin = Infinity;
        let bmax = -Infinity;
        for (let i = k * BLOCK_ROWS - origin, last = i + BLOCK_ROWS; i < last; i++) {
          const v = values[i];
          if (v < bmin) bmin = v;
          if (v > bmax) bmax = v;
        }
        this.mins[k % slots] = bmin;
        this.maxes[k % slots] = bmax;
      }
      if (endBlock > this.computed) this.computed = endBlock;
      for (let k = firstBlock; k < endBlock; k++) {
        if (this.mins[k % slots] < min) min = this.mins[k % slots];
        if (this.maxes[k % slots] > max) max = this.maxes[k % slots];
      }
    }
    return min <= max ? { min, max } : { min: null, max: null };
  }
}
