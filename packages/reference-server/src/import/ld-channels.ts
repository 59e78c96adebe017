/**
 * The channel directory of a MoTeC `.ld` log: a linked list of 124-byte channel headers, each pointing at its own
 * block of samples, and the known channels they are mapped to.
 *
 *   channel header: prev, next, data pointer, sample count (u32), counter (u16), data type class, data type size,
 *   rate in Hz (u16), shift, mul, scale, dec (i16), name[32], short name[8], unit[12]
 */
import { cString, type BinaryFile } from './binary-file';
import { keepChannel, mapToCatalog, type ChannelPlan } from './channel-map';

const CHANNEL_BYTES = 124;
const MAX_CHANNELS = 4096;

export interface LdChannel {
  at: number;
  name: string;
  shortName: string;
  unit: string;
  dataPtr: number;
  count: number;
  rate: number;
  size: number;
  type: SampleType;
  shift: number;
  mul: number;
  scale: number;
  dec: number;
}

/** How a channel's raw samples are stored. */
export type SampleType = 'f16' | 'f32' | 'f64' | 'i8' | 'i16' | 'i32';

function sampleType(typeClass: number, size: number): SampleType | undefined {
  if (typeClass === 0x07) {
    if (size === 2) return 'f16';
    if (size === 4) return 'f32';
    if (size === 8) return 'f64';
  } else if (typeClass === 0 || typeClass === 0x03 || typeClass === 0x05) {
    if (size === 2) return 'i16';
    if (size === 4) return 'i32';
    if (size === 1) return 'i8';
  }
  return undefined;
}

export function readChannels(file: BinaryFile, first: number, ignored: string[]): LdChannel[] {
  const channels: LdChannel[] = [];
  const seen = new Set<number>();
  for (let at = first; at !== 0;) {
    if (seen.has(at)) file.fail(at, 'the channel list loops back on itself');
    if (seen.size >= MAX_CHANNELS) file.fail(at, `more than ${MAX_CHANNELS} channels`);
    seen.add(at);
    const b = file.read(at, CHANNEL_BYTES, `channel header ${seen.size}`);
    const name = cString(b, 32, 32);
    const typeClass = b.readUInt16LE(18);
    const size = b.readUInt16LE(20);
    const channel: LdChannel = {
      at,
      name,
      shortName: cString(b, 64, 8),
      unit: cString(b, 72, 12),
      dataPtr: b.readUInt32LE(8),
      count: b.readUInt32LE(12),
      rate: b.readUInt16LE(22),
      size,
      type: 'i16',
      shift: b.readInt16LE(24),
      mul: b.readInt16LE(26),
      scale: b.readInt16LE(28),
      dec: b.readInt16LE(30),
    };
    at = b.readUInt32LE(4);
    const type = sampleType(typeClass, size);
    const label = name || `channel at byte ${channel.at}`;
    if (!type) ignored.push(`${label} (data type ${typeClass}/${size} unknown)`);
    else if (!(channel.rate > 0)) ignored.push(`${label} (rate 0 Hz)`);
    else if (channel.scale === 0) ignored.push(`${label} (scale 0)`);
    else if (channel.count === 0) ignored.push(`${label} (no samples)`);
    else if (!name) ignored.push(`${label} (no name)`);
    else {
      if (channel.dataPtr + channel.count * size > file.size) {
        file.fail(
          channel.at,
          `channel "${name}": ${channel.count} samples of ${size} bytes from byte ${channel.dataPtr} run past the end of the file (byte ${file.size}): the file is cut short`,
        );
      }
      channel.type = type;
      channels.push(channel);
    }
  }
  return channels;
}

/** Known channels and the MoTeC / ACC names they are logged under, most wanted first. */
const LD_NAMES: [string, string[]][] = [
  ['speed', ['Ground Speed', 'Speed', 'SPEED', 'Vehicle Speed', 'GPS Speed']],
  ['motor_rpm', ['Motor RPM', 'Engine RPM', 'RPMS', 'RPM']],
  ['throttle', ['Throttle Pos', 'THROTTLE', 'Throttle', 'Throttle Position']],
  ['brake', ['BRAKE', 'Brake Pos', 'Brake Pedal Pos', 'Brake']],
  ['steering', ['Steered Angle', 'Steering Angle', 'STEERANGLE', 'Steering Wheel Angle']],
  ['gear', ['Gear', 'GEAR']],
  ['lap', ['Lap Number', 'LAP_NUMBER', 'Lap']],
  ['lap_distance', ['Lap Distance', 'Lap Dist', 'LAP_DISTANCE']],
  ['g_lat', ['G Force Lat', 'G_LAT', 'Lateral G', 'G Lat']],
  ['g_long', ['G Force Long', 'G_LON', 'Longitudinal G', 'G Long']],
  ['lat', ['GPS Latitude', 'Latitude', 'GPS_LAT']],
  ['lon', ['GPS Longitude', 'Longitude', 'GPS_LONG']],
  ...(['fl', 'fr', 'rl', 'rr'] as const).flatMap((w): [string, string[]][] => {
    const acc = { fl: 'LF', fr: 'RF', rl: 'LR', rr: 'RR' }[w];
    const up = w.toUpperCase();
    return [
      [`tyre_pressure_${w}`, [`Tyre Pressure ${up}`, `TYRE_PRESS_${acc}`, `Tyre Pres ${up}`]],
      [`brake_temp_${w}`, [`Brake Temp ${up}`, `BRAKE_TEMP_${acc}`]],
      [`tyre_temp_${w}_inner`, [`Tyre Temp ${up} Inner`, `TYRE_TEMP_${acc}_INNER`]],
      [
        `tyre_temp_${w}_middle`,
        [`Tyre Temp ${up} Centre`, `Tyre Temp ${up} Center`, `Tyre Temp ${up} Middle`, `TYRE_TEMP_${acc}_MIDDLE`],
      ],
      [`tyre_temp_${w}_outer`, [`Tyre Temp ${up} Outer`, `TYRE_TEMP_${acc}_OUTER`]],
    ];
  }),
];

export function planChannels(channels: readonly LdChannel[]): ChannelPlan[] {
  const plans: (ChannelPlan | undefined)[] = channels.map(() => undefined);
  for (const [catalogName, names] of LD_NAMES) {
    for (const name of names) {
      const k = channels.findIndex((c, i) => !plans[i] && c.name === name);
      if (k < 0) continue;
      const plan = mapToCatalog(catalogName, channels[k].name, unitFor(catalogName, channels[k].unit));
      if (!plan) continue;
      plan.info.rateHz = channels[k].rate;
      plans[k] = plan;
      break;
    }
  }
  return channels.map(
    (c, i) =>
      plans[i] ?? keepChannel(c.name, c.unit, c.size > 4 || c.scale !== 1 || c.dec !== 0 ? 'f64' : 'f32', c.rate),
  );
}

/** Units as MoTeC writes them; "G" for g, "C" for °C, no unit for a lap count or gear. */
function unitFor(catalogName: string, unit: string): string {
  if (catalogName === 'lap' || catalogName === 'gear' || unit === '..' || unit === 'no') return '';
  if (catalogName === 'lat' || catalogName === 'lon') return 'deg';
  return unit;
}
