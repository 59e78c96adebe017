import type { Circuit } from './circuit';
import { appendPitApproach, buildPath, driveLap, planLap, type CarTrack } from './lap';
import type { LapKind } from './line';
import { Lru } from './lru';
import { Motion, type Counters } from './motion';
import { stopBlend } from './pit-stop';
import { Random, STREAM } from './random';
import type { LapData, Run, RunLap } from './run';
import { pitLimiterSpeed } from './speed-profile';
import { THERMAL_STATES, ThermalTrace, garageState, integrate, type ThermalEnvironment } from './thermal';
import { carSetup, type CarSetup } from './vehicle';

// Math's functions bound once: global lookups are slow inside vm contexts such as Jest's.
const { max, min, round } = Math;

/**
 * One car's endless practice session, computed piecewise and on demand.
 *
 * The session is a sequence of runs. Run r leaves the pit box at a scheduled time (a running sum of seeded,
 * known-in-advance slot lengths), does an out-lap, some flying laps and an in-lap, and ends when the car crosses
 * the line in the pit lane; the stop in the box follows at the start of the next out-lap, until the next
 * departure. Slots are long enough for every run to fit, so a run depends on nothing before it: any moment of
 * the session costs one run's laps, however long the session has been going. Each departure fits fresh tyres
 * to a battery swapped or charged, so thermal state and energy also restart per run.
 */

/** Extra time given to every run on top of its nominal duration, so that no run can overrun its slot. */
const SLOT_MARGIN = 0.04;
/** State of charge of a swapped or charged battery, % (less a seeded shortfall). */
const FRESH_SOC = 100;

export interface SimulationContext {
  seed: number;
  circuit: Circuit;
  env: ThermalEnvironment;
  laps: Lru<string, LapData>;
}

type LapKey = { seed: number; car: number; run: number; lap: number };

export class CarModel {
  readonly setup: CarSetup;
  readonly track: CarTrack;
  /** Lap distance of the box (the pit lane runs straight from the line). */
  readonly boxDistance: number;
  /** Time from the line (at the limiter speed) to standing in the box, and its energy. */
  readonly approach: { duration: number; used: number; regen: number };
  private readonly bounds: Record<LapKind, number>;
  private readonly departures: number[] = [];
  private readonly firstLaps: number[] = [];
  private readonly flyingLaps: number[] = [];
  private readonly runs = new Lru<number, Run>(8);

  constructor(
    private readonly ctx: SimulationContext,
    readonly number: number,
    readonly index: number,
  ) {
    this.setup = carSetup(ctx.seed, number);
    const { circuit } = ctx;
    const boxNode = round((45 + 8 * index) / circuit.spacing);
    this.track = { circuit, setup: this.setup, boxNode };
    const motion = this.pitApproach(0, this.freshCounters(FRESH_SOC));
    this.boxDistance = motion.length;
    const last = motion.count - 1;
    this.approach = { duration: motion.endTime, used: motion.used[last], regen: motion.regen[last] };
    this.bounds = this.nominalDurations();
  }

  private freshCounters(soc0: number): Counters {
    return { used: 0, regen: 0, soc0, capacity: this.setup.batteryCapacityKwh };
  }

  private pitApproach(t0: number, counters: Counters, motion = new Motion(this.track.boxNode + 2)): Motion {
    const { circuit, seed } = this.ctx;
    const plan = planLap(circuit, this.setup, { seed, car: this.number, run: -1, lap: 0 }, 'out');
    appendPitApproach(this.track, buildPath(circuit, plan), plan, motion, t0, pitLimiterSpeed(circuit), counters);
    return motion;
  }

  /** Upper bounds of the driven time of each kind of lap: the slowest of a few sample laps. */
  private nominalDurations(): Record<LapKind, number> {
    const worst: Record<LapKind, number> = { out: 0, flying: 0, in: 0 };
    for (let sample = 0; sample < 3; sample++) {
      const key = { seed: this.ctx.seed, car: this.number, run: -2 - sample, lap: 0 };
      const counters = this.freshCounters(FRESH_SOC);
      const out = this.drive('out', key, 0, 0, counters);
      const flying = this.drive('flying', { ...key, lap: 1 }, out.endTime, out.v[out.count - 1], counters);
      const inLap = this.drive('in', { ...key, lap: 2 }, flying.endTime, flying.v[flying.count - 1], counters);
      worst.out = max(worst.out, out.endTime - out.startTime);
      worst.flying = max(worst.flying, flying.endTime - flying.startTime);
      worst.in = max(worst.in, inLap.endTime - inLap.startTime);
    }
    return worst;
  }

  /** Drives a lap (an out-lap from the box) starting at t0 with speed v0, appending to `motion` when given. */
  private drive(kind: LapKind, key: LapKey, t0: number, v0: number, counters: Counters, motion?: Motion): Motion {
    const { circuit } = this.ctx;
    const plan = planLap(circuit, this.setup, key, kind);
    const path = buildPath(circuit, plan);
    const m = motion ?? new Motion(circuit.nodes + 1);
    if (kind === 'out') driveLap(this.track, plan, path, m, this.track.boxNode, t0, this.boxDistance, 0, counters);
    else driveLap(this.track, plan, path, m, 0, t0, 0, v0, counters);
    return m;
  }

  // ——— Schedule: known in advance, cheap, grows as the session goes on.

  private extendSchedule(): void {
    const r = this.departures.length;
    const random = Random.of(this.ctx.seed, STREAM.run, this.number, r, 0);
    const base = 2 + (this.number % 5);
    const flying = max(1, base + [-1, 0, 0, 1][random.int(0, 3)]);
    const stop = random.uniform(25, 70);
    if (r === 0) {
      this.departures.push(20 + 12 * this.index + random.uniform(0, 8));
      this.firstLaps.push(1);
    } else {
      const laps = this.flyingLaps[r - 1];
      const { out, flying: fly, in: inLap } = this.bounds;
      const slot = (out + laps * fly + inLap) * (1 + SLOT_MARGIN) + this.approach.duration + stop;
      this.departures.push(this.departures[r - 1] + slot);
      this.firstLaps.push(this.firstLaps[r - 1] + laps + 2);
    }
    this.flyingLaps.push(flying);
  }

  departure(r: number): number {
    while (this.departures.length <= r) this.extendSchedule();
    return this.departures[r];
  }

  firstLap(r: number): number {
    while (this.firstLaps.length <= r) this.extendSchedule();
    return this.firstLaps[r];
  }

  /** The run whose departure is the last at or before t (run 0 before the first departure). */
  runAt(t: number): number {
    while (this.departure(max(0, this.departures.length - 1)) <= t) this.extendSchedule();
    return upperBound(this.departures, t);
  }

  /** The run that holds lap number `lap`. */
  runOfLap(lap: number): number {
    while (this.firstLap(max(0, this.firstLaps.length - 1)) <= lap) this.extendSchedule();
    return upperBound(this.firstLaps, lap);
  }

  // ——— Runs: the laps' timing and energy, computed once per run on demand.

  run(r: number): Run {
    const cached = this.runs.get(r);
    if (cached) return cached;
    const { seed, circuit } = this.ctx;
    const departure = this.departure(r);
    const first = this.firstLap(r);
    const flying = this.flyingLaps[r];
    const soc0 = FRESH_SOC - Random.of(seed, STREAM.run, this.number, r, 2).uniform(0, 3);
    const counters = this.freshCounters(soc0);
    const laps: RunLap[] = [];
    let t = departure;
    let v = 0;
    for (let j = 0; j <= flying + 1; j++) {
      const kind: LapKind = j === 0 ? 'out' : j === flying + 1 ? 'in' : 'flying';
      const usedStart = counters.used;
      const regenStart = counters.regen;
      const m = this.drive(kind, { seed, car: this.number, run: r, lap: j }, t, v, counters);
      laps.push({
        kind,
        number: first + j,
        driveStart: t,
        end: m.endTime,
        vEnd: m.v[m.count - 1],
        driveDistance: m.s[0],
        length: m.length,
        sectors: [nodeTime(m, circuit.sectorNodes[0]), nodeTime(m, circuit.sectorNodes[1])],
        pitIn: kind === 'in' ? nodeTime(m, circuit.pitLane.entryNode) : NaN,
        pitOut: kind === 'out' ? nodeTime(m, circuit.pitLane.exitNode) : NaN,
        usedStart,
        regenStart,
        used: counters.used,
        regen: counters.regen,
      });
      t = m.endTime;
      v = m.v[m.count - 1];
    }
    const run: Run = {
      index: r,
      departure,
      soc0,
      laps,
      end: t,
      thermal: [garageState(seed, this.number, r, this.ctx.env)],
    };
    this.runs.set(r, run);
    return run;
  }

  /** Start time of lap j of run r: the previous lap's line crossing, or the session start for the very first lap. */
  lapStart(r: number, j: number): number {
    if (j > 0) return this.run(r).laps[j - 1].end;
    return r === 0 ? 0 : this.run(r - 1).end;
  }

  /** The run and lap index holding time t. */
  locate(t: number): { run: number; lap: number } {
    const r = this.runAt(t);
    const run = this.run(r);
    if (t >= run.end) return { run: r + 1, lap: 0 };
    let j = 0;
    while (j < run.laps.length - 1 && run.laps[j].end <= t) j++;
    return { run: r, lap: j };
  }

  // ——— Laps: motion and thermal traces, cached in a shared LRU.

  lapData(r: number, j: number): LapData {
    const key = `${this.index}:${r}:${j}`;
    const cached = this.ctx.laps.get(key);
    if (cached) return cached;
    const run = this.run(r);
    const lap = run.laps[j];
    const counters: Counters = { ...this.freshCounters(run.soc0), used: lap.usedStart, regen: lap.regenStart };
    const lapKey = { seed: this.ctx.seed, car: this.number, run: r, lap: j };
    let motion: Motion;
    if (j > 0) {
      motion = this.drive(lap.kind, lapKey, lap.driveStart, run.laps[j - 1].vEnd, counters);
    } else {
      motion = new Motion(this.ctx.circuit.nodes + 2);
      if (r === 0) {
        // The car stands in its box from the session start until its first departure.
        motion.push(this.track.boxNode, 0, this.boxDistance, 0, 0, 0, 0, counters);
      } else {
        const previous = this.run(r - 1);
        const last = previous.laps[previous.laps.length - 1];
        this.pitApproach(
          previous.end,
          { ...this.freshCounters(previous.soc0), used: last.used, regen: last.regen },
          motion,
        );
      }
      this.drive('out', lapKey, lap.driveStart, 0, counters, motion);
      if (r === 0) {
        motion.x[0] = motion.x[1];
        motion.y[0] = motion.y[1];
        motion.kappa[0] = motion.kappa[1];
      }
    }
    const data: LapData = { motion };
    this.ctx.laps.set(key, data);
    return data;
  }

  /** Thermal state at the start of the driven part of lap j of run r (j may be one past the in-lap: the run's end). */
  thermalAt(r: number, j: number): Float64Array {
    const run = this.run(r);
    while (run.thermal.length <= j) this.integrateLap(r, run.thermal.length - 1);
    return run.thermal[j];
  }

  /** The thermal trace of the driven part of lap j of run r. */
  driveTrace(r: number, j: number): ThermalTrace {
    return this.lapData(r, j).drive ?? this.integrateLap(r, j);
  }

  /** Integrates lap j from its start state, keeping its trace and, when next in the chain, its end state. */
  private integrateLap(r: number, j: number): ThermalTrace {
    const data = this.lapData(r, j);
    const run = this.run(r);
    const lap = run.laps[j];
    const state = this.thermalAt(r, j).slice();
    const trace = data.drive ?? new ThermalTrace(lap.driveStart, lap.end);
    integrate(data.motion, lap.driveStart, lap.end, state, this.setup, this.ctx.env, data.drive ? undefined : trace);
    if (run.thermal.length === j + 1) run.thermal.push(state);
    data.drive = trace;
    return trace;
  }

  preTrace(r: number): ThermalTrace | undefined {
    if (r === 0) return undefined;
    const data = this.lapData(r, 0);
    if (data.pre) return data.pre;
    const previous = this.run(r - 1);
    const state = this.thermalAt(r - 1, previous.laps.length).slice();
    const run = this.run(r);
    const motion = data.motion;
    const start = motion.t[0];
    const arrival = start + this.approach.duration;
    const trace = new ThermalTrace(start, run.departure);
    trace.set(0, state);
    const garage = run.thermal[0];
    const arrived = new Float64Array(THERMAL_STATES);
    const blended = new Float64Array(THERMAL_STATES);
    let t = start;
    for (let k = 1; k < trace.count; k++) {
      const tk = trace.timeOf(k);
      if (t < arrival) {
        const until = min(tk, arrival);
        integrate(motion, t, until, state, this.setup, this.ctx.env);
        t = until;
        if (t === arrival) arrived.set(state);
      }
      if (tk > arrival) {
        stopBlend(arrived, garage, tk - arrival, run.departure - arrival, blended);
        trace.set(k, blended);
      } else trace.set(k, state);
    }
    data.pre = trace;
    return trace;
  }
}

/** Time the motion passes centre-line node `node` (motions built from one drive hold consecutive nodes). */
function nodeTime(motion: Motion, node: number): number {
  const i = node - motion.node[0];
  return i >= 0 && i < motion.count ? motion.t[i] : NaN;
}

/** Index of the last element ≤ value in an ascending array (0 when value is below the first). */
function upperBound(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (values[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
