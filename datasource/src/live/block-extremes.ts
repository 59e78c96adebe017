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
  /** Scratch [min, max] of a window. */
  private readonly range = new Float64Array(2);

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
  window(values: Float32Array | Float64Array, origin: number, start: number, end: number): Extremes {
    const from = origin + start;
    const to = origin + end;
    const firstBlock = Math.ceil(from / BLOCK_ROWS);
    const endBlock = Math.floor(to / BLOCK_ROWS);
    const range = this.range;
    range[0] = Infinity;
    range[1] = -Infinity;
    if (firstBlock >= endBlock) {
      widen(values, start, end, range);
    } else {
      widen(values, start, firstBlock * BLOCK_ROWS - origin, range);
      widen(values, endBlock * BLOCK_ROWS - origin, end, range);
      const { mins, maxes } = this;
      const slots = mins.length;
      // Blocks that fell out of the ring, or were never summarised, are summarised now (they are all in the window).
      if (this.computed < firstBlock || this.computed - firstBlock > slots) this.computed = firstBlock;
      summariseBlocks(
        values,
        this.computed * BLOCK_ROWS - origin,
        endBlock - this.computed,
        this.computed,
        mins,
        maxes,
      );
      if (endBlock > this.computed) this.computed = endBlock;
      let min = range[0];
      let max = range[1];
      for (let k = firstBlock; k < endBlock; k++) {
        const slot = k % slots;
        if (mins[slot] < min) min = mins[slot];
        if (maxes[slot] > max) max = maxes[slot];
      }
      range[0] = min;
      range[1] = max;
    }
    return range[0] <= range[1] ? { min: range[0], max: range[1] } : { min: null, max: null };
  }
}

/**
 * Summarises `blocks` blocks of `values`, the first starting at `values[lo]` and numbered `firstBlock`: block k's
 * min and max go to `mins[k % mins.length]` and `maxes[k % maxes.length]`. NaN is ignored; a block of NaN gives
 * [+Infinity, −Infinity].
 */
export function summariseBlocks(
  values: ArrayLike<number>,
  lo: number,
  blocks: number,
  firstBlock: number,
  mins: Float64Array,
  maxes: Float64Array,
): void {
  const block = new Float64Array(2);
  for (let b = 0; b < blocks; b++) {
    block[0] = Infinity;
    block[1] = -Infinity;
    widen(values, lo + b * BLOCK_ROWS, lo + (b + 1) * BLOCK_ROWS, block);
    mins[(firstBlock + b) % mins.length] = block[0];
    maxes[(firstBlock + b) % maxes.length] = block[1];
  }
}

/** Widens range [min, max] by values[lo..hi); NaN is passed over. Locals only: this is the hot loop of an emission. */
function widen(values: ArrayLike<number>, lo: number, hi: number, range: Float64Array): void {
  let min = range[0];
  let max = range[1];
  for (let i = lo; i < hi; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  range[0] = min;
  range[1] = max;
}
