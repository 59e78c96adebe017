import type { Motion } from './motion';
import { Random, STREAM } from './random';
import { GRAVITY, type CarSetup } from './vehicle';

// Math's functions bound once: global lookups are slow inside vm contexts such as Jest's.
const { abs, ceil, floor, max, min } = Math;

/**
 * Lumped thermal model of tyres, brakes and the electric drive, integrated along a car's motion.
 *
 * Tyres: each tread zone (inner, middle, outer) is a thin surface layer heated by the sliding work of the tyre's
 * forces (∝ v·|F|²/(μ·Fz): the harder a tyre is worked for its load, the more it slides) and cooled by the air
 * and by the carcass beneath; the carcass holds the inflation gas, so it sets the pressure. Static negative
 * camber loads the inner shoulder; in a corner the outside wheels carry the load and heat most.
 * Brakes: discs take the mechanical share of braking (what regeneration does not recover) and cool with speed.
 * Motor and inverter: losses proportional to electrical power, cooled towards the coolant.
 */

export const TYRE_ZONE_COUNT = 3;
/** State layout: 12 tread zones (wheel-major: fl, fr, rl, rr × inner, middle, outer), 4 carcasses, 4 brakes, motor, inverter. */
export const CARCASS = 12;
export const BRAKE = 16;
export const MOTOR = 20;
export const INVERTER = 21;
export const THERMAL_STATES = 22;

/** Integration step of the thermal model, seconds. Samples in between are interpolated. */
export const THERMAL_STEP = 0.1;

const SURFACE_CAPACITY = 450;
const SURFACE_TO_CARCASS = 30;
const ZONE_TO_ZONE = 10;
const CARCASS_CAPACITY = 8000;
/**
 * Sliding heat ∝ v·F²/(μ·Fz)·use²: slip grows steeply as a tyre nears its grip limit. Longitudinal slip (drive,
 * braking, regeneration) heats less than cornering for the same force; the wider rears work less hard.
 */
const SLIP_HEAT = 0.12;
const LONGITUDINAL_SLIP = 0.15;
const REAR_TYRE_WIDTH = 1.25;
const ROLLING_HEAT = 0.008;
const BRAKE_CAPACITY = 2000;
const MOTOR_CAPACITY = 24000;
const MOTOR_COOLING = 170;
const INVERTER_CAPACITY = 7000;
const INVERTER_COOLING = 160;
/** Camber biases the share of a tyre's heat that goes into its inner shoulder (front, rear). */
const CAMBER_BIAS = [0.1, 0.06];
/** How far lateral load moves heat towards a tyre's shoulder facing the outside of the corner. */
const ROLL_SHIFT = 0.09;

export interface ThermalEnvironment {
  ambient: number;
  coolant: number;
}

export function sessionEnvironment(seed: number): ThermalEnvironment {
  const ambient = Random.of(seed, STREAM.run, -1).uniform(16, 28);
  return { ambient, coolant: ambient + 14 };
}

/** The car's thermal state when it leaves the garage: a fresh set of tyres, brakes and drive cooled down. */
export function garageState(seed: number, car: number, run: number, env: ThermalEnvironment): Float64Array {
  const r = Random.of(seed, STREAM.run, car, run, 1);
  const state = new Float64Array(THERMAL_STATES);
  const tyre = env.ambient + r.uniform(12, 18);
  for (let w = 0; w < 4; w++) {
    for (let z = 0; z < 3; z++) state[w * 3 + z] = tyre + r.uniform(-1, 1);
    state[CARCASS + w] = tyre;
    state[BRAKE + w] = env.ambient + r.uniform(60, 110);
  }
  state[MOTOR] = env.coolant + r.uniform(2, 6);
  state[INVERTER] = env.coolant + r.uniform(0, 3);
  return state;
}

/** What the car does during one thermal step. */
interface Load {
  v: number;
  ax: number;
  ay: number;
  brakePower: number;
  electricPower: number;
}

const fz = new Float64Array(4);
const fx = new Float64Array(4);

/** Each wheel's vertical load into `fz` and longitudinal force into `fx`, under a constant load. */
function wheelForces(load: Load, setup: CarSetup): void {
  const { v, ax, ay } = load;
  const m = setup.mass;
  const mg = m * GRAVITY;
  // Vertical loads with longitudinal and lateral weight transfer (half the roll moment on each axle).
  const front = mg * setup.frontWeight - (m * ax * setup.cgHeight) / setup.wheelbase;
  const rear = mg - front;
  const lateral = (0.5 * m * ay * setup.cgHeight) / setup.trackWidth;
  fz[0] = max(100, front / 2 - lateral);
  fz[1] = max(100, front / 2 + lateral);
  fz[2] = max(100, rear / 2 - lateral);
  fz[3] = max(100, rear / 2 + lateral);
  // Longitudinal forces: drive on the rear; braking split between regeneration (rear) and the discs.
  const demand = m * ax + setup.dragFactor * v * v + setup.rollingResistance;
  if (demand >= 0) {
    fx[0] = fx[1] = 0;
    fx[2] = fx[3] = demand / 2;
  } else {
    const discs = v > 0.5 ? load.brakePower / v : 0;
    const regen = max(0, -demand - discs);
    fx[0] = fx[1] = (-discs * setup.frontBrakeBias) / 2;
    fx[2] = fx[3] = (-discs * (1 - setup.frontBrakeBias) - regen) / 2;
  }
}

/** Advances the state by dt under a constant load: implicit in each node's own losses, explicit in its couplings. */
export function stepThermal(
  state: Float64Array,
  dt: number,
  load: Load,
  setup: CarSetup,
  env: ThermalEnvironment,
): void {
  const { v, ay } = load;
  wheelForces(load, setup);
  const airSurface = 1.5 + 0.12 * v;
  const airCarcass = 2 + 0.15 * v;
  const lateralUse = min(1, abs(ay) / (setup.mu * GRAVITY));
  for (let w = 0; w < 4; w++) {
    const fy = (ay * fz[w]) / GRAVITY;
    const grip = setup.mu * fz[w] * (w < 2 ? 1 : REAR_TYRE_WIDTH);
    const lateralSlip = min(1.2, abs(fy) / grip);
    const longitudinalSlip = min(1.2, abs(fx[w]) / grip);
    const slip =
      (SLIP_HEAT *
        v *
        (fy * fy * lateralSlip * lateralSlip +
          LONGITUDINAL_SLIP * fx[w] * fx[w] * longitudinalSlip * longitudinalSlip)) /
      grip;
    const isLeft = w === 0 || w === 2;
    // The wheel on the outside of the corner (the right one in a left turn) works its outer shoulder.
    const outside = ay > 0 ? !isLeft : isLeft;
    const shift = ROLL_SHIFT * lateralUse * (outside ? 1 : -1);
    const bias = CAMBER_BIAS[w < 2 ? 0 : 1];
    const share0 = 1 / 3 + bias - shift;
    const share2 = 1 / 3 - bias + shift;
    const base = w * 3;
    const carcass = state[CARCASS + w];
    const t0 = state[base];
    const t1 = state[base + 1];
    const t2 = state[base + 2];
    const k = dt / SURFACE_CAPACITY;
    const loss = airSurface + SURFACE_TO_CARCASS;
    state[base] =
      (t0 + k * (share0 * slip + airSurface * env.ambient + SURFACE_TO_CARCASS * carcass + ZONE_TO_ZONE * (t1 - t0))) /
      (1 + k * loss);
    state[base + 1] =
      (t1 +
        k * (slip / 3 + airSurface * env.ambient + SURFACE_TO_CARCASS * carcass + ZONE_TO_ZONE * (t0 + t2 - 2 * t1))) /
      (1 + k * loss);
    state[base + 2] =
      (t2 + k * (share2 * slip + airSurface * env.ambient + SURFACE_TO_CARCASS * carcass + ZONE_TO_ZONE * (t1 - t2))) /
      (1 + k * loss);
    const kc = dt / CARCASS_CAPACITY;
    state[CARCASS + w] =
      (carcass + kc * (ROLLING_HEAT * fz[w] * v + SURFACE_TO_CARCASS * (t0 + t1 + t2) + airCarcass * env.ambient)) /
      (1 + kc * (3 * SURFACE_TO_CARCASS + airCarcass));
    const share = w < 2 ? setup.frontBrakeBias / 2 : (1 - setup.frontBrakeBias) / 2;
    const kb = dt / BRAKE_CAPACITY;
    const brakeCooling = 4 + 1.2 * v;
    state[BRAKE + w] =
      (state[BRAKE + w] + kb * (share * load.brakePower + brakeCooling * env.ambient)) / (1 + kb * brakeCooling);
  }
  const losses = abs(load.electricPower) * (1 - setup.driveEfficiency);
  const km = dt / MOTOR_CAPACITY;
  state[MOTOR] = (state[MOTOR] + km * (0.6 * losses + MOTOR_COOLING * env.coolant)) / (1 + km * MOTOR_COOLING);
  const ki = dt / INVERTER_CAPACITY;
  state[INVERTER] =
    (state[INVERTER] + ki * (0.4 * losses + INVERTER_COOLING * env.coolant)) / (1 + ki * INVERTER_COOLING);
}

/** Number of thermal steps from `from` to `to`: whole steps, the last one shortened to end exactly at `to`. */
function stepCount(from: number, to: number): number {
  return max(1, ceil((to - from) / THERMAL_STEP - 1e-9));
}

/** Thermal states on a uniform time grid (the last step may be shorter), stored compactly. */
export class ThermalTrace {
  readonly count: number;
  readonly data: Float32Array;

  constructor(
    readonly start: number,
    readonly end: number,
  ) {
    this.count = stepCount(start, end) + 1;
    this.data = new Float32Array(this.count * THERMAL_STATES);
  }

  timeOf(k: number): number {
    return k === this.count - 1 ? this.end : this.start + k * THERMAL_STEP;
  }

  set(k: number, state: Float64Array): void {
    this.data.set(state, k * THERMAL_STATES);
  }

  /** Writes the interpolated state at time t into `out`. */
  sample(t: number, out: Float64Array): void {
    const position = (t - this.start) / THERMAL_STEP;
    let k = floor(position);
    if (k < 0) k = 0;
    if (k > this.count - 2) k = this.count - 2;
    const t0 = this.timeOf(k);
    const span = this.timeOf(k + 1) - t0;
    const f = span > 0 ? min(1, max(0, (t - t0) / span)) : 0;
    const a = k * THERMAL_STATES;
    const b = a + THERMAL_STATES;
    const d = this.data;
    for (let j = 0; j < THERMAL_STATES; j++) out[j] = d[a + j] + f * (d[b + j] - d[a + j]);
  }
}

const load: Load = { v: 0, ax: 0, ay: 0, brakePower: 0, electricPower: 0 };

/** The car's load at time t (the middle of a thermal step). */
function loadAt(motion: Motion, t: number, hint: number): number {
  const i = motion.segmentAt(t, hint);
  const tau = max(0, t - motion.t[i]);
  const a = motion.a[i];
  const v = max(0, motion.v[i] + a * tau);
  const d = motion.s[i + 1] - motion.s[i];
  const f = d > 0 ? min(1, (motion.v[i] * tau + 0.5 * a * tau * tau) / d) : 0;
  const kappa = motion.kappa[i] + f * (motion.kappa[i + 1] - motion.kappa[i]);
  load.v = v;
  load.ax = a;
  load.ay = v * v * kappa;
  load.brakePower = motion.brakePower[i];
  load.electricPower = motion.power[i] * 1000;
  return i;
}

/**
 * Integrates the state along the motion from `from` to `to` (seconds since the session start), starting from
 * `state` (updated in place to the state at `to`). When a trace is given, records every step into it; its grid
 * must start at `from`.
 */
export function integrate(
  motion: Motion,
  from: number,
  to: number,
  state: Float64Array,
  setup: CarSetup,
  env: ThermalEnvironment,
  trace?: ThermalTrace,
): void {
  trace?.set(0, state);
  const steps = stepCount(from, to);
  let hint = 0;
  let t = from;
  for (let k = 1; k <= steps; k++) {
    const next = k === steps ? to : from + k * THERMAL_STEP;
    hint = loadAt(motion, (t + next) / 2, hint);
    stepThermal(state, next - t, load, setup, env);
    trace?.set(k, state);
    t = next;
  }
}
