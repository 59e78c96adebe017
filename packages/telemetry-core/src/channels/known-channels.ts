import { grafanaUnit, type Unit } from './units';
import { WHEELS, TYRE_ZONES, tyreTempChannel, tyrePressureChannel, brakeTempChannel } from './wheels';

/** Storage type of a channel on the wire. Positions on the globe need float64; the rest fit float32. */
export type ChannelType = 'f32' | 'f64';

export interface ChannelInfo {
  /** Canonical channel name, e.g. `speed` or `tyre_temp_fl_inner`. */
  name: string;
  /** Human display name. */
  displayName: string;
  unit: Unit;
  /** Grafana unit id for the unit. */
  grafanaUnit: string;
  /** Nominal sample rate in Hz. */
  rateHz: number;
  /** Expected range of values, for axes and colour scales. */
  min: number;
  max: number;
  type: ChannelType;
}

type ChannelSpec = [name: string, displayName: string, unit: Unit, min: number, max: number, type?: ChannelType];

const WHEEL_NAMES = { fl: 'front left', fr: 'front right', rl: 'rear left', rr: 'rear right' } as const;

const SPECS: ChannelSpec[] = [
  ['lap', 'Lap', '', 0, 500],
  ['lap_distance', 'Lap distance', 'm', 0, 10000],
  ['x', 'Position X', 'm', -5000, 5000],
  ['y', 'Position Y', 'm', -5000, 5000],
  ['lat', 'Latitude', 'deg', -90, 90, 'f64'],
  ['lon', 'Longitude', 'deg', -180, 180, 'f64'],
  ['speed', 'Speed', 'km/h', 0, 350],
  ['throttle', 'Throttle', '%', 0, 100],
  ['brake', 'Brake', '%', 0, 100],
  ['steering', 'Steering angle', 'deg', -180, 180],
  ['gear', 'Gear', '', 0, 8],
  ['motor_rpm', 'Motor speed', 'rpm', 0, 20000],
  ['g_lat', 'Lateral acceleration', 'g', -4, 4],
  ['g_long', 'Longitudinal acceleration', 'g', -4, 4],
  ...WHEELS.flatMap((w) =>
    TYRE_ZONES.map((z): ChannelSpec => [tyreTempChannel(w, z), `Tyre temp ${WHEEL_NAMES[w]} ${z}`, '°C', 20, 130]),
  ),
  ...WHEELS.map((w): ChannelSpec => [tyrePressureChannel(w), `Tyre pressure ${WHEEL_NAMES[w]}`, 'bar', 1, 2.5]),
  ...WHEELS.map((w): ChannelSpec => [brakeTempChannel(w), `Brake temp ${WHEEL_NAMES[w]}`, '°C', 20, 1000]),
  ['battery_soc', 'Battery state of charge', '%', 0, 100],
  ['pack_voltage', 'Pack voltage', 'V', 500, 900],
  ['pack_current', 'Pack current', 'A', -600, 800],
  ['power', 'Electrical power', 'kW', -350, 400],
  ['energy_used', 'Energy used', 'kWh', 0, 60],
  ['energy_regen', 'Energy regenerated', 'kWh', 0, 30],
  ['motor_temp', 'Motor temperature', '°C', 20, 160],
  ['inverter_temp', 'Inverter temperature', '°C', 20, 110],
];

/** The canonical channels of the suite, at the simulator's 100 Hz. */
export const CHANNELS: readonly ChannelInfo[] = SPECS.map(([name, displayName, unit, min, max, type]) => ({
  name,
  displayName,
  unit,
  grafanaUnit: grafanaUnit(unit),
  rateHz: 100,
  min,
  max,
  type: type ?? 'f32',
}));

const BY_NAME = new Map(CHANNELS.map((c) => [c.name, c]));

export function channelInfo(name: string): ChannelInfo | undefined {
  return BY_NAME.get(name);
}
