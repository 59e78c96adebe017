/**
 * Interpolation of a quantity sampled along an increasing abscissa, e.g. time as a function of lap distance, read by
 * a forward cursor straight from the sample columns: no copies, one pass for ascending queries.
 */

/**
 * 'linear', or 'monotone': a cubic Hermite with Steffen's slopes (M. Steffen, "A simple method for monotonic
 * interpolation in one dimension", A&A 239, 1990) — local, never overshoots the samples, exact for linear data.
 */
export type InterpolationMethod = 'linear' | 'monotone';

/**
 * The next sample after `from` whose x is finite and above `last`, or `length` when none: the rule that makes a
 * distance channel strictly increasing by dropping samples while the car is stationary or the channel jitters back.
 */
function nextIncreasing(x: ArrayLike<number>, from: number, last: number, length: number): number {
  let i = from;
  while (i < length && !(x[i] > last && x[i] !== Infinity)) i++;
  return i;
}

/** Indices of the samples that keep `x` strictly increasing (each kept x is above every earlier kept x). */
export function increasingIndices(x: ArrayLike<number>, length = x.length): Int32Array {
  const kept = new Int32Array(length);
  let count = 0;
  for (let i = nextIncreasing(x, 0, -Infinity, length); i < length; i = nextIncreasing(x, i + 1, x[i], length)) {
    kept[count++] = i;
  }
  return kept.subarray(0, count);
}

/** A knot added before or after the samples, e.g. the line crossings (0 m, 0 s) and (lap length, lap time). */
export interface Knot {
  x: number;
  y: number;
}

export interface CurveOptions {
  method?: InterpolationMethod;
  /** A knot before the samples; samples at or before its x are dropped. */
  start?: Knot;
  /** A knot after the samples; used when its x is beyond the last kept sample. */
  end?: Knot;
}

export interface EvaluateOptions {
  /** Each query is multiplied by this before evaluation; slopes are then with respect to the query. Default 1. */
  scale?: number;
  /** Receives dy/d(query) for each query (NaN where the value is NaN). */
  slopes?: Float64Array;
  /**
   * How far beyond the first or last knot to continue the end interval's line or cubic, in x units. Default: 1.5
   * times that interval — enough to reach a line falling between two samples while the car speeds up. Further out,
   * and next to a NaN sample, the value is NaN.
   */
  reach?: number;
}

/**
 * y(x) through the samples kept by {@link increasingIndices} (plus optional end knots), read straight from the
 * columns by a cursor that only moves forward: ascending queries cost one pass over the samples. A query behind the
 * previous one restarts from the first sample.
 */
export class CurveCursor {
  /** dy/dx at the last {@link at} query. */
  slope = NaN;
  private readonly length: number;
  private readonly cubic: boolean;
  private readonly startKnot: Knot | undefined;
  private readonly endKnot: Knot | undefined;
  // Four consecutive knots: a (before), b–c (the interval in use), d (after); a and d may be missing.
  private ax = NaN;
  private ay = NaN;
  private bx = NaN;
  private by = NaN;
  private cx = NaN;
  private cy = NaN;
  private dx = NaN;
  private dy = NaN;
  private hasA = false;
  private hasD = false;
  /** The next sample to scan for the knot after d. */
  private next = 0;
  private endTaken = false;
  // Of the interval b–c, worked out once per interval.
  private prepared = false;
  private h = NaN;
  private invH = NaN;
  private secant = NaN;
  private slopeB = NaN;
  private slopeC = NaN;
  // Scratch for at(): the query, its value and its slope.
  private readonly single = [new Float64Array(1), new Float64Array(1), new Float64Array(1)] as const;

  constructor(
    private readonly x: ArrayLike<number>,
    private readonly y: ArrayLike<number>,
    opts: CurveOptions | InterpolationMethod = {},
  ) {
    const options = typeof opts === 'string' ? { method: opts } : opts;
    this.length = Math.min(x.length, y.length);
    this.cubic = options.method === 'monotone';
    this.startKnot = options.start;
    this.endKnot = options.end;
    this.restart();
  }

  /** The curve at q (see {@link EvaluateOptions.reach} for beyond the ends); sets {@link slope}. */
  at(q: number, reach?: number): number {
    const [query, value, slope] = this.single;
    query[0] = q;
    this.evaluate(query, value, { reach, slopes: slope });
    this.slope = slope[0];
    return value[0];
  }

  /** The curve at each query into `out`, in one forward pass when the queries ascend. */
  evaluate(queries: ArrayLike<number>, out: Float64Array, opts: EvaluateOptions = {}): void {
    const { x, y, length, cubic, endKnot } = this;
    const scale = opts.scale ?? 1;
    const { slopes, reach } = opts;
    let { ax, ay, bx, by, cx, cy, dx, dy, hasA, hasD, next, endTaken, prepared } = this;
    let { h, invH, secant, slopeB, slopeC } = this;
    for (let i = 0; i < queries.length; i++) {
      const q = queries[i] * scale;
      if (q < bx && hasA) {
        this.restart();
        ({ ax, ay, bx, by, cx, cy, dx, dy, hasA, hasD, next, endTaken, prepared } = this);
      }
      if (q > cx && hasD) {
        do {
          ax = bx;
          ay = by;
          bx = cx;
          by = cy;
          cx = dx;
          cy = dy;
          next = nextIncreasing(x, next, cx, length);
          if (next < length) {
            dx = x[next];
            dy = y[next++];
          } else if (!endTaken && endKnot !== undefined && endKnot.x > cx) {
            dx = endKnot.x;
            dy = endKnot.y;
            endTaken = true;
          } else {
            hasD = false;
          }
        } while (cx < q && hasD);
        hasA = true;
        prepared = false;
      }
      if (!prepared) {
        h = cx - bx;
        invH = 1 / h;
        secant = (cy - by) * invH;
        if (cubic) {
          const h0 = bx - ax;
          const s0 = (by - ay) / h0;
          const h1 = dx - cx;
          const s1 = (dy - cy) / h1;
          steffenIntervalSlopes(h0, s0, h, secant, h1, s1, hasA, hasD, knotSlopes);
          slopeB = knotSlopes[0];
          slopeC = knotSlopes[1];
        }
        prepared = true;
      }
      // How far q lies outside the interval (negative inside); NaN for a NaN query or a lone knot. Branch-free, so
      // the rare queries past the ends do not cost a deoptimisation.
      const outside = bx - q > q - cx ? bx - q : q - cx;
      let value: number;
      let slope: number;
      if (!(outside <= (reach ?? 1.5 * h))) {
        value = q === bx ? by : NaN; // a lone knot is defined on itself only
        slope = NaN;
      } else if (!cubic) {
        value = by + (q - bx) * secant;
        slope = secant;
      } else {
        const t = (q - bx) * invH;
        value = hermiteValue(t, h, by, cy, slopeB, slopeC);
        slope = hermiteSlope(t, secant, slopeB, slopeC);
      }
      out[i] = value;
      if (slopes) slopes[i] = slope * scale;
    }
    Object.assign(this, { ax, ay, bx, by, cx, cy, dx, dy, hasA, hasD, next, endTaken });
    Object.assign(this, { prepared, h, invH, secant, slopeB, slopeC });
  }

  /** Loads the first knots (the start knot, then the first kept samples or the end knot). */
  private restart(): void {
    this.next = 0;
    this.endTaken = false;
    this.hasA = this.hasD = this.prepared = false;
    this.bx = this.by = this.cx = this.cy = NaN;
    let knot = this.startKnot ?? this.pull(-Infinity);
    if (!knot) return;
    ({ x: this.bx, y: this.by } = knot);
    knot = this.pull(this.bx);
    if (!knot) return;
    ({ x: this.cx, y: this.cy } = knot);
    knot = this.pull(this.cx);
    if (!knot) return;
    ({ x: this.dx, y: this.dy } = knot);
    this.hasD = true;
  }

  /** The knot after x = `last`: the next kept sample, else the end knot (once). */
  private pull(last: number): Knot | undefined {
    const j = nextIncreasing(this.x, this.next, last, this.length);
    if (j < this.length) {
      this.next = j + 1;
      return { x: this.x[j], y: this.y[j] };
    }
    this.next = j;
    if (this.endTaken || !this.endKnot || !(this.endKnot.x > last)) return undefined;
    this.endTaken = true;
    return this.endKnot;
  }
}

/** Scratch for the two knot slopes of an interval (the hot loops allocate nothing). */
const knotSlopes = new Float64Array(2);

/** Steffen's slope at a knot between intervals (h0, s0) and (h1, s1): the 3-point parabola's, limited. */
export function steffenInterior(h0: number, h1: number, s0: number, s1: number): number {
  // An extremum or a flat piece: a zero slope keeps the cubic monotone. NaN stays NaN.
  if (!(s0 * s1 > 0)) return s0 * s1 <= 0 ? 0 : NaN;
  const p = (s0 * h1 + s1 * h0) / (h0 + h1);
  // 2·min(|s0|, |s1|, |p|/2) with the common sign.
  if (s0 > 0) {
    const limit = 2 * (s0 < s1 ? s0 : s1);
    return p < limit ? p : limit;
  }
  const limit = 2 * (s0 > s1 ? s0 : s1);
  return p > limit ? p : limit;
}

/** Steffen's one-sided slope at an end knot: (h0, s0) is the end interval, (h1, s1) its neighbour. */
export function steffenEnd(h0: number, h1: number, s0: number, s1: number): number {
  const p = s0 * (1 + h0 / (h0 + h1)) - (s1 * h0) / (h0 + h1);
  if (!(p * s0 > 0)) return p * s0 <= 0 ? 0 : NaN;
  return Math.abs(p) > 2 * Math.abs(s0) ? 2 * s0 : p;
}

/**
 * Steffen's slopes at both knots of an interval (h, secant): interior where the neighbour before (h0, s0) or after
 * (h1, s1) exists, one-sided at an end, the secant for a lone interval. Written to `out` [start, end].
 */
export function steffenIntervalSlopes(
  h0: number,
  s0: number,
  h: number,
  secant: number,
  h1: number,
  s1: number,
  hasBefore: boolean,
  hasAfter: boolean,
  out: Float64Array,
): void {
  out[0] = hasBefore ? steffenInterior(h0, h, s0, secant) : hasAfter ? steffenEnd(h, h1, secant, s1) : secant;
  out[1] = hasAfter ? steffenInterior(h, h1, secant, s1) : hasBefore ? steffenEnd(h, h0, secant, s0) : secant;
}

/** The cubic Hermite curve on an interval of width h at t ∈ [0, 1], from values y1, y2 and slopes m1, m2. */
export function hermiteValue(t: number, h: number, y1: number, y2: number, m1: number, m2: number): number {
  const u = 1 - t;
  return (1 + 2 * t) * u * u * y1 + t * u * u * h * m1 + t * t * (3 - 2 * t) * y2 - t * t * u * h * m2;
}

/** The slope of that curve at t, from the interval's secant. */
export function hermiteSlope(t: number, secant: number, m1: number, m2: number): number {
  return 6 * t * (1 - t) * secant + (1 - 4 * t + 3 * t * t) * m1 + (3 * t * t - 2 * t) * m2;
}
