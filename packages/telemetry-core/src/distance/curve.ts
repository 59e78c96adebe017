/**
 * Interpolation of a quantity sampled along an increasing abscissa, e.g. time as a function of lap distance, read by
 * a forward cursor straight from the sample columns: no copies, one pass for ascending queries.
 */

/**
 * 'linear', or 'monotone': a cubic Hermite with Steffen's slopes (M. Steffen, "A simple method for monotonic
 * interpolation in one dimension", A&A 239, 1990) — local, never overshoots the samples, exact for linear data.
 */
export type InterpolationMethod = 'linear' | 'monotone';

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

/** Knot indices: the samples are 0…length − 1, the start knot is START and the end knot is `length`. */
const START = -1;
const NONE = -2;

/**
 * y(x) through the samples that keep x strictly increasing (each kept x above every earlier kept one, finite) and
 * the optional end knots, read straight from the columns by a cursor that only moves forward: ascending queries cost
 * one pass over the samples. A query behind the previous one restarts from the first knot.
 */
export class CurveCursor {
  /** dy/dx at the last {@link at} query. */
  slope = NaN;
  private readonly length: number;
  private readonly cubic: boolean;
  private readonly hasStart: boolean;
  // Start x, y and end x, y (NaN when not given) in a typed array, so that they are always read as doubles: a number
  // field holding an integer would make the walk box every knot's x it passes.
  private readonly ends = new Float64Array(4);
  // Four consecutive knots by index: a (before), b–c (the interval in use), d (after); a and d may be missing.
  private a = NONE;
  private b = NONE;
  private c = NONE;
  private d = NONE;
  private bx = NaN;
  private cx = NaN;
  private dx = NaN;
  /** The interval b–c, worked out once: valid while `prepared`. */
  private readonly piece: Piece = { x1: NaN, y1: NaN, x2: NaN, y2: NaN, h: NaN, secant: NaN, m1: NaN, m2: NaN };
  private prepared = false;
  private single?: readonly [Float64Array, Float64Array, Float64Array];

  constructor(
    private readonly x: ArrayLike<number>,
    private readonly y: ArrayLike<number>,
    opts: CurveOptions | InterpolationMethod = {},
  ) {
    const { method, start, end } = typeof opts === 'string' ? { method: opts, start: undefined, end: undefined } : opts;
    this.length = Math.min(x.length, y.length);
    this.cubic = method === 'monotone';
    this.hasStart = start !== undefined;
    this.ends.set([start?.x ?? NaN, start?.y ?? NaN, end?.x ?? NaN, end?.y ?? NaN]);
    this.restart();
  }

  /** The curve at q (see {@link EvaluateOptions.reach} for beyond the ends); sets {@link slope}. */
  at(q: number, reach?: number): number {
    const [query, value, slope] = (this.single ??= [new Float64Array(1), new Float64Array(1), new Float64Array(1)]);
    query[0] = q;
    this.evaluate(query, value, { reach, slopes: slope });
    this.slope = slope[0];
    return value[0];
  }

  /** The curve at each query into `out`, in one forward pass when the queries ascend. */
  evaluate(queries: ArrayLike<number>, out: Float64Array, opts: EvaluateOptions = {}): void {
    const { piece, cubic } = this;
    const scale = opts.scale ?? 1;
    const { slopes, reach } = opts;
    // Queries inside the interval in use are within any reach but a negative (or NaN) one.
    const inside = reach === undefined || reach >= 0;
    for (let i = 0; i < queries.length; i++) {
      if (inside) i = this.evaluateInside(queries, i, out, slopes, scale);
      if (i === queries.length) break;
      const q = queries[i] * scale;
      this.moveTo(q);
      const { bx, cx } = this;
      // How far q lies outside the interval (negative inside); NaN for a NaN query or a lone knot.
      const outside = bx - q > q - cx ? bx - q : q - cx;
      if (!(outside <= (reach ?? 1.5 * piece.h))) {
        out[i] = q === bx ? piece.y1 : NaN; // a lone knot is defined on itself only
        if (slopes) slopes[i] = NaN;
      } else {
        writePiece(piece, cubic, q, i, out, slopes, scale);
      }
    }
  }

  /**
   * The usual case, fast: while the knots around the interval in use are samples one after another, evaluates the
   * queries from `from` on that fall inside the samples, walking them by index and reading only x on the way.
   * Returns the first query it leaves to {@link moveTo}: one at or before the interval, or where the samples stop
   * rising or end.
   */
  private evaluateInside(
    queries: ArrayLike<number>,
    from: number,
    out: Float64Array,
    slopes: Float64Array | undefined,
    scale: number,
  ): number {
    const { x, y, length, piece, cubic } = this;
    let k = this.b;
    if (!(this.a === k - 1 && k >= 1 && this.c === k + 1 && this.d === k + 2 && k + 2 < length)) return from;
    let x1 = this.bx;
    let x2 = this.cx;
    let x3 = this.dx;
    let prepared = this.prepared;
    let i = from;
    for (; i < queries.length; i++) {
      const q = queries[i] * scale;
      if (q > x2) {
        // On to the first sample at or above q; an infinite one ends the walk, and fails the test after it.
        let j = k + 2;
        let xj = x3;
        while (xj < q && j + 1 < length) {
          const next = x[j + 1];
          if (!(next > xj)) break;
          j++;
          xj = next;
        }
        if (!(xj >= q && xj < Infinity && j + 1 < length && x[j + 1] > xj && x[j + 1] < Infinity)) {
          // The samples stop rising or end first: leave at the last interval whose four knots were passed.
          k = Math.max(k, (xj < Infinity ? j : j - 1) - 2);
          x1 = x[k];
          x2 = x[k + 1];
          x3 = x[k + 2];
          prepared = false;
          break;
        }
        k = j - 1;
        x1 = x[k];
        x2 = xj;
        x3 = x[j + 1];
        prepared = false;
      } else if (!(q > x1)) break;
      if (!prepared) {
        preparePiece(piece, x1, y[k], x2, y[k + 1]);
        if (cubic) steffenSlopes(piece, x[k - 1], y[k - 1], x3, y[k + 2], true, true);
        prepared = true;
      }
      writePiece(piece, cubic, q, i, out, slopes, scale);
    }
    this.setWindow(k - 1, k, k + 1, k + 2, x1, x2, x3);
    this.prepared = prepared;
    return i;
  }

  /** Moves the interval in use to the one holding q (or the end interval nearest it), and works it out. */
  private moveTo(q: number): void {
    if (q < this.bx && this.a !== NONE) this.restart();
    const { x, length } = this;
    const endX = this.ends[2];
    let { a, b, c, d, bx, cx, dx, prepared } = this;
    while (cx < q && d !== NONE) {
      a = b;
      b = c;
      c = d;
      bx = cx;
      cx = dx;
      d = knotAfter(x, length, d, cx, endX);
      dx = this.knotX(d);
      prepared = false;
    }
    this.setWindow(a, b, c, d, bx, cx, dx);
    if (prepared) return;
    const { piece } = this;
    preparePiece(piece, bx, this.knotY(b), cx, this.knotY(c));
    if (this.cubic) steffenSlopes(piece, this.knotX(a), this.knotY(a), dx, this.knotY(d), a !== NONE, d !== NONE);
    this.prepared = true;
  }

  /** Loads the first knots: the start knot or the first kept sample, and the two after it. */
  private restart(): void {
    const { x, length } = this;
    const endX = this.ends[2];
    this.a = NONE;
    this.b = this.hasStart ? START : knotAfter(x, length, START, -Infinity, endX);
    this.bx = this.knotX(this.b);
    this.c = this.b === NONE ? NONE : knotAfter(x, length, this.b, this.bx, endX);
    this.cx = this.knotX(this.c);
    this.d = this.c === NONE ? NONE : knotAfter(x, length, this.c, this.cx, endX);
    this.dx = this.knotX(this.d);
    this.prepared = false;
  }

  private setWindow(a: number, b: number, c: number, d: number, bx: number, cx: number, dx: number): void {
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    this.bx = bx;
    this.cx = cx;
    this.dx = dx;
  }

  private knotX(k: number): number {
    return k >= 0 ? (k < this.length ? this.x[k] : this.ends[2]) : k === START ? this.ends[0] : NaN;
  }

  private knotY(k: number): number {
    return k >= 0 ? (k < this.length ? this.y[k] : this.ends[3]) : k === START ? this.ends[1] : NaN;
  }
}

/**
 * The knot after knot k (at x = kx): the next sample whose x is finite and above kx — the rule that makes a distance
 * channel strictly increasing by dropping samples while the car is stationary or the channel jitters back — else the
 * end knot if it lies beyond (once), else NONE.
 */
function knotAfter(x: ArrayLike<number>, length: number, k: number, kx: number, endX: number): number {
  let j = k + 1;
  while (j < length && !(x[j] > kx && x[j] !== Infinity)) j++;
  if (j < length) return j;
  return k < length && endX > kx ? length : NONE;
}

/** One interval of the curve, x1–x2, with the slopes m1, m2 at its knots. */
interface Piece {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  h: number;
  secant: number;
  m1: number;
  m2: number;
}

/** Sets the piece to the interval (x1, y1)–(x2, y2); its knot slopes are {@link steffenSlopes}' to set. */
function preparePiece(p: Piece, x1: number, y1: number, x2: number, y2: number): void {
  p.x1 = x1;
  p.y1 = y1;
  p.x2 = x2;
  p.y2 = y2;
  p.h = x2 - x1;
  p.secant = (y2 - y1) / p.h;
}

/**
 * Steffen's slopes at both knots of the piece, from the knots before (x0, y0) and after (x3, y3) it: interior where
 * that neighbour exists, one-sided at an end, the secant for a lone interval.
 */
function steffenSlopes(
  p: Piece,
  x0: number,
  y0: number,
  x3: number,
  y3: number,
  hasBefore: boolean,
  hasAfter: boolean,
) {
  const h0 = p.x1 - x0;
  const s0 = (p.y1 - y0) / h0;
  const h1 = x3 - p.x2;
  const s1 = (y3 - p.y2) / h1;
  const { h, secant } = p;
  p.m1 = hasBefore ? steffenInterior(h0, h, s0, secant) : hasAfter ? steffenEnd(h, h1, secant, s1) : secant;
  p.m2 = hasAfter ? steffenInterior(h, h1, secant, s1) : hasBefore ? steffenEnd(h, h0, secant, s0) : secant;
}

/** Steffen's slope at a knot between intervals (h0, s0) and (h1, s1): the 3-point parabola's, limited. */
function steffenInterior(h0: number, h1: number, s0: number, s1: number): number {
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
function steffenEnd(h0: number, h1: number, s0: number, s1: number): number {
  const p = s0 * (1 + h0 / (h0 + h1)) - (s1 * h0) / (h0 + h1);
  if (!(p * s0 > 0)) return p * s0 <= 0 ? 0 : NaN;
  return Math.abs(p) > 2 * Math.abs(s0) ? 2 * s0 : p;
}

/**
 * The piece at q into out[i], and its slope into slopes[i] (times `scale`, for d/d(query)): the line, or the cubic
 * Hermite curve from the knots' values and slopes.
 */
function writePiece(
  p: Piece,
  cubic: boolean,
  q: number,
  i: number,
  out: Float64Array,
  slopes: Float64Array | undefined,
  scale: number,
): void {
  if (!cubic) {
    out[i] = p.y1 + (q - p.x1) * p.secant;
    if (slopes) slopes[i] = p.secant * scale;
    return;
  }
  const t = (q - p.x1) / p.h;
  const u = 1 - t;
  out[i] = (1 + 2 * t) * u * u * p.y1 + t * u * u * p.h * p.m1 + t * t * (3 - 2 * t) * p.y2 - t * t * u * p.h * p.m2;
  if (slopes)
    slopes[i] = (6 * t * (1 - t) * p.secant + (1 - 4 * t + 3 * t * t) * p.m1 + (3 * t * t - 2 * t) * p.m2) * scale;
}
