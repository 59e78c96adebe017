/**
 * The speed profile of a lap on its line: the corner limit v² ≤ u·μg/|κ| at every node, then a forward pass under the
 * traction/motor limit and a backward pass under the braking limit, both reduced by the lateral load on a friction
 * ellipse, and the pit lane limiter.
 */
import type { Circuit } from './circuit';
import type { LapPath, LapPlan } from './lap';
import { GRAVITY, carLimits, motorForce, resistance, type CarSetup } from './vehicle';

// Math's functions bound once: global lookups are slow inside vm contexts such as Jest's.
const { abs, max, min, sqrt } = Math;

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

/** Limits that apply at each node of a lap for a given plan. */
export interface NodeLimits {
  vmax2: Float64Array;
  /** Lateral grip available (m/s²) after the driver's margin. */
  lateral: Float64Array;
  braking: Float64Array;
  pit: Uint8Array;
}

export function nodeLimits(circuit: Circuit, setup: CarSetup, plan: LapPlan, path: LapPath): NodeLimits {
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
export function speedProfile(
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

export function pitLimiterSpeed(circuit: Circuit): number {
  return (PIT_LIMITER_SHARE * circuit.pitLane.speedLimitKmh) / 3.6;
}
