/**
 * One lap of one car as a point mass on its own line: the quasi-steady-state lap-time simulation.
 *
 * The speed profile v(s) on the ~1 m node grid is the classic forward–backward solution: the corner limit
 * v² ≤ u·μg/|κ| at every node, then a forward pass under the traction/motor limit and a backward pass under the
 * braking limit, both reduced by the lateral load on a friction ellipse. Between two nodes the car accelerates
 * uniformly (v² linear in distance, which is what both passes produce), so the motion has a closed form:
 * a segment of length d takes 2d/(v₀+v₁) and s(t) = s₀ + v₀τ + aτ²/2. Lap and sector crossings, and the
 * ground truth of time against distance, are exact to rounding, not to a time step.
 *
 * Here: the lap's plan and path, and driving them; the speed profile is `speed-profile.ts`, the motion `motion.ts`.
 */
import type { Circuit } from './circuit';
import { lateralOffsets, type CornerLine, type LapKind } from './line';
import type { Counters, Motion } from './motion';
import { Random, STREAM } from './random';
import { nodeLimits, speedProfile } from './speed-profile';
import type { CarSetup } from './vehicle';

// Math's functions bound once: global lookups are slow inside vm contexts such as Jest's.
const { min, sqrt } = Math;

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

const J_PER_KWH = 3.6e6;

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
