import type { Circuit } from './circuit';
import { lateralOffsets, type CornerLine, type LapKind } from './line';
import { Random, STREAM } from './random';
import { GRAVITY, carLimits, motorForce, resistance, type CarSetup } from './vehicle';

// Math's functions bound once: global lookups are slow inside vm contexts such as Jest's.
const { abs, max, min, sqrt } = Math;

/**
 * One lap of one car as a point mass on its own line: the quasi-steady-state lap-time simulation.
 *
 * The speed profile v(s) on the ~1 m node grid is the classic forward–backward solution: the corner limit
 * v² ≤ u·μg/|κ| at every node, then a forward pass under the traction/motor limit and a backward pass under the
 * braking limit, both reduced by the lateral load on a friction ellipse. Between two nodes the car accelerates
 * uniformly (v² linear in distance, which is what both passes produce), so the motion has a closed form:
 * a segment of length d takes 2d/(v₀+v₁) and s(t) = s₀ + v₀τ + aτ²/2. Lap and sector crossings, and the
 * ground truth of time against distance, are exact to rounding, not to a time step.
 */

export interface LapPlan {
  kind: LapKind;
  lines: CornerLine[];
  /** Share of the grip limit used through each corner (≤ 1). */
  grip: Float64Array;
  /** Share of the braking limit used into each corner (≤ 1). */
  braking: Float64Array;
  /** Share of the motor's force used. */
  power: number;
}

const PIT_ACCELERATION = 3.5;
const PIT_DECELERATION = 4;
/** Drivers keep just under the pit lane limit. */
const PIT_LIMITER_SHARE = 0.985;

/** Where a node's corner zone is: the zone of corner c runs from the mid-point before its apex to the one after. */
const zones = new WeakMap<Circuit, Uint8Array>();

function cornerZones(circuit: Circuit): Uint8Array {
  let zone = zones.get(circuit);
  if (zone) return zone;
  zone = new Uint8Array(circuit.nodes + 1);
  const apexes = circuit.corners.map((c) => c.distance);
  const m = apexes.length;
  for (let i = 0; i <= circuit.nodes; i++) {
    const s = i * circuit.spacing;
    let c = 0;
    while (c < m && s > (apexes[c] + (c + 1 < m ? apexes[c + 1] : apexes[0] + circuit.length)) / 2) c++;
    if (c === m) c = 0;
    if (c === 0 && s < (apexes[m - 1] - circuit.length + apexes[0]) / 2) c = m - 1;
    zone[i] = c;
  }
  zones.set(circuit, zone);
  return zone;
}

/** The plan of a lap: its line and how hard the driver pushes in each corner. Pure function of its key. */
export function planLap(
  circuit: Circuit,
  setup: CarSetup,
  key: { seed: number; car: number; run: number; lap: number },
  kind: LapKind,
): LapPlan {
  const r = Random.of(key.seed, STREAM.lap, key.car, key.run, key.lap);
  const m = circuit.corners.length;
  const pace = kind === 'flying' ? 1 : kind === 'out' ? 0.86 : 0.8;
  const grip = new Float64Array(m);
  const braking = new Float64Array(m);
  const lines: CornerLine[] = circuit.corners.map((corner, c) => {
    grip[c] = pace * min(0.995, setup.skill + setup.consistency * r.normal());
    braking[c] = pace * min(1, 0.96 + 0.015 * r.normal());
    const tight = corner.radius < 40;
    return {
      outside: r.uniform(2.5, 4.5),
      inside: tight ? r.uniform(1, 3) : r.uniform(2.5, 4.5),
      apexShift: r.uniform(-0.05, 0.2) * (corner.end - corner.start) * 0.5,
      lead: r.uniform(30, 60),
    };
  });
  return { kind, lines, grip, braking, power: kind === 'flying' ? 1 : kind === 'out' ? 0.8 : 0.55 };
}

/** The car's path for a lap, node for node with the centre line. */
export interface LapPath {
  x: Float64Array;
  y: Float64Array;
  /** Length of the segment from node i to node i + 1. */
  d: Float64Array;
  /** Signed curvature of the path at each node, 1/m. */
  kappa: Float64Array;
}

export function buildPath(circuit: Circuit, plan: LapPlan): LapPath {
  const n = circuit.nodes;
  const offset = new Float64Array(n + 1);
  lateralOffsets(circuit, plan.kind, plan.lines, offset);
  const x = new Float64Array(n + 1);
  const y = new Float64Array(n + 1);
  const { normalX, normalY } = circuit;
  for (let i = 0; i <= n; i++) {
    x[i] = circuit.x[i] + offset[i] * normalX[i];
    y[i] = circuit.y[i] + offset[i] * normalY[i];
  }
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const dx = x[i + 1] - x[i];
    const dy = y[i + 1] - y[i];
    d[i] = sqrt(dx * dx + dy * dy);
  }
  const kappa = new Float64Array(n + 1);
  for (let i = 1; i < n; i++) {
    // Menger curvature of three consecutive points.
    const ax = x[i] - x[i - 1];
    const ay = y[i] - y[i - 1];
    const bx = x[i + 1] - x[i];
    const by = y[i + 1] - y[i];
    const cx = ax + bx;
    const cy = ay + by;
    kappa[i] = (2 * (ax * by - ay * bx)) / (d[i - 1] * d[i] * sqrt(cx * cx + cy * cy));
  }
  // The start/finish line lies on a straight: the ends of every lap are straight.
  kappa[0] = kappa[1];
  kappa[n] = kappa[n - 1];
  return { x, y, d, kappa };
}

/** Limits that apply at each node of a lap for a given plan. */
interface NodeLimits {
  vmax2: Float64Array;
  /** Lateral grip available (m/s²) after the driver's margin. */
  lateral: Float64Array;
  braking: Float64Array;
  pit: Uint8Array;
}

function nodeLimits(circuit: Circuit, setup: CarSetup, plan: LapPlan, path: LapPath): NodeLimits {
  const n = circuit.nodes;
  const zone = cornerZones(circuit);
  const { pitLane } = circuit;
  const top = carLimits(setup).topSpeed;
  const pitSpeed = (PIT_LIMITER_SHARE * pitLane.speedLimitKmh) / 3.6;
  const vmax2 = new Float64Array(n + 1);
  const lateral = new Float64Array(n + 1);
  const braking = new Float64Array(n + 1);
  const pit = new Uint8Array(n + 1);
  const muG = setup.mu * GRAVITY;
  for (let i = 0; i <= n; i++) {
    const c = zone[i];
    lateral[i] = plan.grip[c] * muG;
    braking[i] = plan.braking[c] * setup.brakeDecel;
    const k = abs(path.kappa[i]);
    let v2 = top * top;
    if (k > 0) v2 = min(v2, lateral[i] / k);
    const inLimiter =
      plan.kind === 'in' ? i >= pitLane.limiterInNode : plan.kind === 'out' && i <= pitLane.limiterOutNode;
    if (inLimiter) {
      v2 = min(v2, pitSpeed * pitSpeed);
      pit[i] = 1;
    }
    vmax2[i] = v2;
  }
  return { vmax2, lateral, braking, pit };
}

/** Share of the longitudinal grip left over by the lateral load: the friction ellipse. */
function ellipse(v2: number, kappa: number, lateral: number): number {
  const r = (v2 * abs(kappa)) / lateral;
  return r >= 1 ? 0 : sqrt(1 - r * r);
}

/**
 * Speeds squared at nodes `from..to` of the path: forward pass from v0² under the drive limit, backward pass under
 * the braking limit (ending at vEnd² when given). The result obeys every node limit.
 */
function speedProfile(
  setup: CarSetup,
  plan: LapPlan,
  path: LapPath,
  limits: NodeLimits,
  from: number,
  to: number,
  v0: number,
  vEnd?: number,
): Float64Array {
  const m = setup.mass;
  const traction = setup.tractionShare * setup.mu * GRAVITY;
  const v2 = limits.vmax2.slice(from, to + 1);
  const count = to - from;
  if (vEnd !== undefined) v2[count] = min(v2[count], vEnd * vEnd);
  v2[0] = v0 * v0;
  for (let j = 0; j < count; j++) {
    const i = from + j;
    const v = sqrt(v2[j]);
    const e = ellipse(v2[j], path.kappa[i], limits.lateral[i]);
    let force = min(plan.power * motorForce(setup, v), traction * m * e);
    if (limits.pit[i]) force = min(force, PIT_ACCELERATION * m);
    const next = v2[j] + (2 * path.d[i] * (force - resistance(setup, v))) / m;
    if (next < v2[j + 1]) v2[j + 1] = max(0, next);
  }
  for (let j = count - 1; j >= 0; j--) {
    const i = from + j + 1;
    const v = sqrt(v2[j + 1]);
    let decel = limits.braking[i] * ellipse(v2[j + 1], path.kappa[i], limits.lateral[i]);
    if (limits.pit[i]) decel = min(decel, PIT_DECELERATION);
    const prev = v2[j + 1] + 2 * path.d[i - 1] * (decel + resistance(setup, v) / m);
    if (prev < v2[j]) v2[j] = prev;
  }
  v2[0] = v0 * v0;
  return v2;
}

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

const J_PER_KWH = 3.6e6;

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

export interface CarTrack {
  circuit: Circuit;
  setup: CarSetup;
  /** Centre-line node of the car's pit box. */
  boxNode: number;
}

/**
 * Energy bookkeeping of segment i (speeds v0 → v1 over d metres in dt seconds): the work along a uniformly
 * accelerating segment is exact in closed form, drag included, since v² is linear in distance.
 */
function segmentEnergy(
  setup: CarSetup,
  motion: Motion,
  i: number,
  v0: number,
  v1: number,
  d: number,
  dt: number,
  counters: Counters,
): void {
  const a = (v1 * v1 - v0 * v0) / (2 * d);
  const work = setup.mass * a * d + setup.rollingResistance * d + (setup.dragFactor * d * (v0 * v0 + v1 * v1)) / 2;
  let drawn = setup.auxiliaryPower * dt;
  let returned = 0;
  let braking = 0;
  if (work >= 0) drawn += work / setup.driveEfficiency;
  else {
    const regen = min(-work, setup.regenPower * dt);
    returned = regen * setup.regenEfficiency;
    braking = -work - regen;
  }
  motion.a[i] = a;
  motion.power[i] = (drawn - returned) / dt / 1000;
  motion.brakePower[i] = braking / dt;
  counters.used += drawn / J_PER_KWH;
  counters.regen += returned / J_PER_KWH;
}

/**
 * Appends the driven part of a lap from centre-line node `from` to the end of the lap, starting at time t0
 * with speed v0. `s0` is the lap distance at `from`. Returns the speed at the line.
 */
export function driveLap(
  car: CarTrack,
  plan: LapPlan,
  path: LapPath,
  motion: Motion,
  from: number,
  t0: number,
  s0: number,
  v0: number,
  counters: Counters,
): number {
  const { circuit, setup } = car;
  const to = circuit.nodes;
  const limits = nodeLimits(circuit, setup, plan, path);
  const v2 = speedProfile(setup, plan, path, limits, from, to, v0);
  appendProfile(car, motion, path, v2, from, to, t0, s0, counters);
  return sqrt(v2[to - from]);
}

function appendProfile(
  car: CarTrack,
  motion: Motion,
  path: LapPath,
  v2: Float64Array,
  from: number,
  to: number,
  t0: number,
  s0: number,
  counters: Counters,
): void {
  const { setup } = car;
  let t = t0;
  let s = s0;
  let i = motion.push(from, t, s, sqrt(v2[0]), path.x[from], path.y[from], path.kappa[from], counters);
  for (let j = 1; j <= to - from; j++) {
    const node = from + j;
    const d = path.d[node - 1];
    const v = sqrt(v2[j]);
    const dt = (2 * d) / (motion.v[i] + v);
    t += dt;
    s += d;
    segmentEnergy(setup, motion, i, motion.v[i], v, d, dt, counters);
    i = motion.push(node, t, s, v, path.x[node], path.y[node], path.kappa[node], counters);
  }
}

/** Appends a stop of the car where it stands, until time `until`; the counters may change during it (a new stint). */
export function appendStop(motion: Motion, until: number, counters: Counters): void {
  const i = motion.count - 1;
  motion.a[i] = 0;
  motion.power[i] = 0;
  motion.brakePower[i] = 0;
  motion.push(motion.node[i], until, motion.s[i], 0, motion.x[i], motion.y[i], motion.kappa[i], counters);
}

/**
 * The pit lane crawl from the line (at the limiter speed) to a stop in the box: the same for every pit stop of a car,
 * since the in-lap ends at the limiter speed and the lane is straight.
 */
export function appendPitApproach(
  car: CarTrack,
  path: LapPath,
  plan: LapPlan,
  motion: Motion,
  t0: number,
  v0: number,
  counters: Counters,
): void {
  const limits = nodeLimits(car.circuit, car.setup, plan, path);
  const v2 = speedProfile(car.setup, plan, path, limits, 0, car.boxNode, v0, 0);
  appendProfile(car, motion, path, v2, 0, car.boxNode, t0, 0, counters);
}

export function pitLimiterSpeed(circuit: Circuit): number {
  return (PIT_LIMITER_SHARE * circuit.pitLane.speedLimitKmh) / 3.6;
}
