/** The motion of a car, node by node in absolute time, and the energy counters it carries. */

// Math's functions bound once: global lookups are slow inside vm contexts such as Jest's.
const { max, min, sqrt } = Math;

/** Running totals carried by the car from node to node. */
export interface Counters {
  /** Energy drawn from and returned to the battery in this stint, kWh. */
  used: number;
  regen: number;
  /** State of charge at the start of the stint, %, and the usable capacity, kWh. */
  soc0: number;
  capacity: number;
}

export function stateOfCharge(c: Counters): number {
  return c.soc0 - (100 * (c.used - c.regen)) / c.capacity;
}

/**
 * The motion of a car over a stretch of track, node by node, in absolute time (seconds since the session start).
 * Segment i runs from node i to node i + 1 at constant acceleration `a[i]`; a segment of zero length is a stop.
 */
export class Motion {
  count = 0;
  t: Float64Array;
  s: Float64Array;
  v: Float64Array;
  x: Float64Array;
  y: Float64Array;
  kappa: Float64Array;
  used: Float64Array;
  regen: Float64Array;
  soc: Float64Array;
  /** Per segment: acceleration (m/s²), electrical power (kW), mechanical braking power (W), motor force demand (N). */
  a: Float64Array;
  power: Float64Array;
  brakePower: Float64Array;
  /** Centre-line node of each motion node (for sector and pit lines). */
  node: Int32Array;

  constructor(capacity: number) {
    this.t = new Float64Array(capacity);
    this.s = new Float64Array(capacity);
    this.v = new Float64Array(capacity);
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
    this.kappa = new Float64Array(capacity);
    this.used = new Float64Array(capacity);
    this.regen = new Float64Array(capacity);
    this.soc = new Float64Array(capacity);
    this.a = new Float64Array(capacity);
    this.power = new Float64Array(capacity);
    this.brakePower = new Float64Array(capacity);
    this.node = new Int32Array(capacity);
  }

  get startTime(): number {
    return this.t[0];
  }

  get endTime(): number {
    return this.t[this.count - 1];
  }

  get length(): number {
    return this.s[this.count - 1];
  }

  /** Index of the segment holding time t (the last segment when t is at or past the end). */
  segmentAt(t: number, hint = 0): number {
    const last = this.count - 2;
    let i = hint >= 0 && hint <= last && this.t[hint] <= t ? hint : 0;
    // Walk a few steps from the hint (the usual case when sampling forward), then fall back to bisection.
    for (let steps = 0; steps < 8; steps++) {
      if (i >= last || this.t[i + 1] > t) return i;
      i++;
    }
    let lo = i;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.t[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Lap distance at time t. */
  distanceAt(t: number): number {
    const i = this.segmentAt(t);
    if (this.isStop(i)) return this.s[i];
    const tau = max(0, t - this.t[i]);
    return min(this.s[i + 1], this.s[i] + this.v[i] * tau + 0.5 * this.a[i] * tau * tau);
  }

  /** Whether segment i is a stop (the car standing in its box). */
  isStop(i: number): boolean {
    return this.s[i + 1] === this.s[i];
  }

  /**
   * Stint energy counters (kWh) and state of charge at time t, written to `out` as [used, regen, soc]. Power is
   * constant along a segment, so they are linear in time; a stop starts a new stint at once (battery swap).
   */
  countersAt(t: number, hint: number, out: Float64Array): number {
    const i = this.segmentAt(t, hint);
    if (this.isStop(i)) {
      out[0] = this.used[i + 1];
      out[1] = this.regen[i + 1];
      out[2] = this.soc[i + 1];
    } else {
      const f = min(1, max(0, (t - this.t[i]) / (this.t[i + 1] - this.t[i])));
      out[0] = this.used[i] + f * (this.used[i + 1] - this.used[i]);
      out[1] = this.regen[i] + f * (this.regen[i + 1] - this.regen[i]);
      out[2] = this.soc[i] + f * (this.soc[i + 1] - this.soc[i]);
    }
    return i;
  }

  /** Seconds from the motion's start at which the car first reaches lap distance s. */
  timeAtDistance(s: number): number {
    const last = this.count - 1;
    if (!(s >= this.s[0] && s <= this.s[last])) return NaN;
    let lo = 0;
    let hi = last - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.s[mid] <= s) lo = mid;
      else hi = mid - 1;
    }
    // Never land in a stop: the car reaches its position at the stop's start.
    while (lo > 0 && this.s[lo] === s && this.s[lo - 1] === s) lo--;
    const ds = s - this.s[lo];
    if (ds === 0) return this.t[lo] - this.t[0];
    const v = this.v[lo];
    const tau = (2 * ds) / (v + sqrt(max(0, v * v + 2 * this.a[lo] * ds)));
    return this.t[lo] + tau - this.t[0];
  }

  /** Appends a node; returns its index. */
  push(node: number, t: number, s: number, v: number, x: number, y: number, kappa: number, c: Counters): number {
    const i = this.count++;
    this.node[i] = node;
    this.t[i] = t;
    this.s[i] = s;
    this.v[i] = v;
    this.x[i] = x;
    this.y[i] = y;
    this.kappa[i] = kappa;
    this.used[i] = c.used;
    this.regen[i] = c.regen;
    this.soc[i] = stateOfCharge(c);
    return i;
  }
}
