import {
  CHANNELS,
  TYRE_ZONES,
  WHEELS,
  brakeTempChannel,
  tyrePressureChannel,
  tyreTempChannel,
} from '@eracing/telemetry-core/channels';
import type { ChannelColumn } from '@eracing/telemetry-core/protocol';
import { EARTH_RADIUS_M } from '@eracing/telemetry-core/track';
import type { Circuit } from './circuit';
import type { Motion } from './motion';
import type { CarModel } from './race';
import type { LapData } from './run';
import { BRAKE, CARCASS, INVERTER, MOTOR, THERMAL_STATES, type ThermalTrace } from './thermal';
import { GRAVITY, gearFor, motorForce, motorRpm, resistance } from './vehicle';

// Math's functions bound once: global lookups are slow inside vm contexts such as Jest's.
const { atan, cos, max, min, sqrt } = Math;

/** Sample period of every channel, ms (100 Hz). */
export const SAMPLE_MS = 10;

const INDEX = new Map(CHANNELS.map((c, i) => [c.name, i]));
function column(name: string): number {
  const i = INDEX.get(name);
  if (i === undefined) throw new Error(`unknown channel ${name}`);
  return i;
}

const LAP = column('lap');
const LAP_DISTANCE = column('lap_distance');
const X = column('x');
const Y = column('y');
const LAT = column('lat');
const LON = column('lon');
const SPEED = column('speed');
const THROTTLE = column('throttle');
const BRAKE_PEDAL = column('brake');
const STEERING = column('steering');
const GEAR = column('gear');
const RPM = column('motor_rpm');
const G_LAT = column('g_lat');
const G_LONG = column('g_long');
const SOC = column('battery_soc');
const VOLTAGE = column('pack_voltage');
const CURRENT = column('pack_current');
const POWER = column('power');
const USED = column('energy_used');
const REGEN = column('energy_regen');
const MOTOR_TEMP = column('motor_temp');
const INVERTER_TEMP = column('inverter_temp');
/** Thermal state index → channel column, for the channels read straight from the thermal state. */
const THERMAL_COLUMNS: Array<[state: number, column: number]> = [
  ...WHEELS.flatMap((w, wi) =>
    TYRE_ZONES.map((z, zi): [number, number] => [wi * 3 + zi, column(tyreTempChannel(w, z))]),
  ),
  ...WHEELS.map((w, wi): [number, number] => [BRAKE + wi, column(brakeTempChannel(w))]),
  [MOTOR, MOTOR_TEMP],
  [INVERTER, INVERTER_TEMP],
];
const PRESSURE_COLUMNS = WHEELS.map((w) => column(tyrePressureChannel(w)));

const P_ATM = 1.01325;
/** Cold inflation pressures (gauge, bar) set at the reference temperature, front and rear. */
const COLD_PRESSURE = [1.4, 1.4, 1.35, 1.35];
const COLD_REFERENCE = 20;
const RAD_TO_DEG = 180 / Math.PI;
const DEG = Math.PI / 180;

/** Where a car is in its session: one lap's motion and thermal traces, resolved once and reused sample to sample. */
interface Cursor {
  run: number;
  lapIndex: number;
  lap: number;
  start: number;
  end: number;
  driveStart: number;
  data: LapData;
  drive: ThermalTrace;
  /** Before departure on an out-lap: the pit lane and stop trace, or the garage state for the very first lap. */
  pre?: ThermalTrace;
  garage: Float64Array;
  hint: number;
}

export class CarSampler {
  private cursor?: Cursor;
  private readonly thermal = new Float64Array(THERMAL_STATES);
  private readonly counters = new Float64Array(3);
  private readonly latScale: number;
  private readonly lonScale: number;

  constructor(
    private readonly model: CarModel,
    private readonly circuit: Circuit,
  ) {
    // The local projection of the core, inlined: lat = lat0 + y/(R·rad), lon = lon0 + x/(R·rad·cos lat0).
    this.latScale = 1 / (EARTH_RADIUS_M * DEG);
    this.lonScale = 1 / (EARTH_RADIUS_M * DEG * cos(circuit.projection.origin.lat * DEG));
  }

  /** Where the car is at time t (seconds since the session start). */
  cursorAt(t: number): Cursor {
    const c = this.cursor;
    if (c && t >= c.start && t < c.end) return c;
    const model = this.model;
    const { run: r, lap: j } = model.locate(t);
    const run = model.run(r);
    const lap = run.laps[j];
    const data = model.lapData(r, j);
    const next: Cursor = {
      run: r,
      lapIndex: j,
      lap: lap.number,
      start: model.lapStart(r, j),
      end: lap.end,
      driveStart: lap.driveStart,
      data,
      drive: model.driveTrace(r, j),
      garage: model.thermalAt(r, 0),
      hint: 0,
    };
    if (j === 0 && t < lap.driveStart) next.pre = model.preTrace(r);
    this.cursor = next;
    return next;
  }

  lapMotion(t: number): Motion {
    return this.cursorAt(t).data.motion;
  }

  /**
   * Writes samples k0 ≤ k < k1 (k = 10 ms steps since the session start) into rows from `row` of the columns,
   * which are in CHANNELS order.
   */
  fill(k0: number, k1: number, columns: ChannelColumn[], row: number): void {
    const { setup } = this.model;
    const thermal = this.thermal;
    const counters = this.counters;
    const origin = this.circuit.projection.origin;
    const m = setup.mass;
    const brakeForce = m * setup.brakeDecel;
    const steer = setup.steeringRatio * RAD_TO_DEG;
    const ocvSpan = (setup.ocvFull - setup.ocvEmpty) / 100;
    for (let k = k0; k < k1; k++, row++) {
      const t = k / 100;
      const c = this.cursorAt(t);
      if (c.pre === undefined && c.lapIndex === 0 && t < c.driveStart && c.run > 0) {
        c.pre = this.model.preTrace(c.run);
      }
      const motion = c.data.motion;
      const i = motion.segmentAt(t, c.hint);
      c.hint = i;
      const stop = motion.isStop(i);
      const a = stop ? 0 : motion.a[i];
      const tau = t - motion.t[i];
      const v0 = motion.v[i];
      const d = motion.s[i + 1] - motion.s[i];
      let ds = stop ? 0 : v0 * tau + 0.5 * a * tau * tau;
      if (ds > d) ds = d;
      if (ds < 0) ds = 0;
      const f = d > 0 ? ds / d : 0;
      const v = stop ? 0 : max(0, v0 + a * tau);
      const x = motion.x[i] + f * (motion.x[i + 1] - motion.x[i]);
      const y = motion.y[i] + f * (motion.y[i + 1] - motion.y[i]);
      const kappa = motion.kappa[i] + f * (motion.kappa[i + 1] - motion.kappa[i]);
      const aLat = v * v * kappa;

      columns[LAP][row] = c.lap;
      columns[LAP_DISTANCE][row] = motion.s[i] + ds;
      columns[X][row] = x;
      columns[Y][row] = y;
      columns[LAT][row] = origin.lat + y * this.latScale;
      columns[LON][row] = origin.lon + x * this.lonScale;
      columns[SPEED][row] = v * 3.6;
      const demand = stop ? 0 : m * a + resistance(setup, v);
      columns[THROTTLE][row] = demand > 0 ? min(100, (100 * demand) / motorForce(setup, v)) : 0;
      columns[BRAKE_PEDAL][row] = demand < 0 ? min(100, (-100 * demand) / brakeForce) : 0;
      columns[STEERING][row] = (atan(setup.wheelbase * kappa) + setup.understeer * aLat) * steer;
      const gear = stop ? 0 : gearFor(setup, v, a >= 0);
      columns[GEAR][row] = gear;
      columns[RPM][row] = motorRpm(setup, v, gear);
      columns[G_LAT][row] = aLat / GRAVITY;
      columns[G_LONG][row] = a / GRAVITY;

      motion.countersAt(t, i, counters);
      const power = stop ? 0 : motion.power[i];
      const soc = counters[2];
      const ocv = setup.ocvEmpty + ocvSpan * soc;
      const watts = power * 1000;
      // Terminal voltage under load: V = OCV − R·I with I = P/V.
      const voltage = (ocv + sqrt(max(0, ocv * ocv - 4 * setup.packResistance * watts))) / 2;
      columns[SOC][row] = soc;
      columns[VOLTAGE][row] = voltage;
      columns[CURRENT][row] = watts / voltage;
      columns[POWER][row] = power;
      columns[USED][row] = counters[0];
      columns[REGEN][row] = counters[1];

      if (t >= c.driveStart) c.drive.sample(t, thermal);
      else if (c.pre) c.pre.sample(t, thermal);
      else thermal.set(c.garage);
      for (let j = 0; j < THERMAL_COLUMNS.length; j++)
        columns[THERMAL_COLUMNS[j][1]][row] = thermal[THERMAL_COLUMNS[j][0]];
      for (let w = 0; w < 4; w++) {
        const gas = thermal[CARCASS + w] + 273.15;
        columns[PRESSURE_COLUMNS[w]][row] = ((COLD_PRESSURE[w] + P_ATM) * gas) / (COLD_REFERENCE + 273.15) - P_ATM;
      }
    }
  }
}
