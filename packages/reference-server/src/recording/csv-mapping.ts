/**
 * Which CSV columns hold what: a mapping file and/or command-line flags, checked against the file's header.
 *
 *   {
 *     "time": { "column": "Time", "unit": "s" },              // s | ms (from --start-time), epoch_s | epoch_ms | iso
 *     "startTime": "2025-05-17T10:00:00Z",                     // for relative times
 *     "channels": {
 *       "speed": { "column": "Ground Speed", "unit": "km/h" },
 *       "tyre_temp_fl_inner": { "column": "LFtempR" }          // no unit: already in the channel's unit
 *     },
 *     "car": "7",                                              // or { "column": "Car" } for several cars in one file
 *     "cars": { "7": { "driver": "A. Driver", "team": "Team" } },
 *     "sectors": [1200, 2650]                                  // sector ends in metres (default: thirds of the lap)
 *   }
 *
 * Columns named exactly like a canonical channel (`speed`, `lap_distance`, …) are taken in the canonical unit without
 * a mapping, as are `time` (epoch ms) and `car`: a file written by `export` imports as it is.
 */
import fs from 'node:fs';
import { channelInfo, type ChannelInfo, type Unit, UNITS } from '@eracing/telemetry-core/channels';
import { acceptedUnits, unitConversion } from './unit-convert';

export const TIME_UNITS = ['s', 'ms', 'epoch_s', 'epoch_ms', 'iso'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

export interface ColumnMapping {
  column: string;
  unit?: string;
}

export interface ImportMapping {
  time?: { column: string; unit?: TimeUnit };
  startTime?: string | number;
  channels?: Record<string, ColumnMapping>;
  car?: string | { column: string };
  cars?: Record<string, { driver?: string; team?: string }>;
  sectors?: number[];
  /** 1-based line of the header row (an export's metadata comes before it). Default 1. */
  headerLine?: number;
  /** 1-based line of the first row of samples (a units row may sit between). Default: after the header. */
  dataLine?: number;
}

/** A mapped channel, ready to read: its column index and the conversion to its canonical unit. */
export interface ResolvedChannel {
  info: ChannelInfo;
  column: number;
  header: string;
  sourceUnit: string;
  convert: (value: number) => number;
  automatic: boolean;
}

export interface ResolvedMapping {
  time: { column: number; header: string; unit: TimeUnit };
  /** Epoch ms that relative times count from. */
  startTime?: number;
  car: { fixed: string } | { column: number; header: string };
  channels: ResolvedChannel[];
  /** Header columns nothing reads. */
  unmapped: string[];
  cars: NonNullable<ImportMapping['cars']>;
  sectors?: number[];
}

export class MappingError extends Error {}

const CUSTOM_CHANNEL = /^[a-z][a-z0-9_]{0,63}$/;

export function readMappingFile(file: string): ImportMapping {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new MappingError(`${file}: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MappingError(`${file}: a mapping is a JSON object with "time" and "channels"`);
  }
  return value as ImportMapping;
}

/** `speed=Ground Speed:km/h` → speed from column "Ground Speed" in km/h. The unit follows the last colon. */
export function parseColumnFlag(flag: string): [channel: string, mapping: ColumnMapping] {
  const eq = flag.indexOf('=');
  if (eq <= 0 || eq === flag.length - 1)
    throw new MappingError(`--column ${flag}: expected channel=Column or channel=Column:unit`);
  const channel = flag.slice(0, eq).trim();
  const rest = flag.slice(eq + 1);
  const colon = rest.lastIndexOf(':');
  return colon > 0
    ? [channel, { column: rest.slice(0, colon), unit: rest.slice(colon + 1) }]
    : [channel, { column: rest }];
}

/** `Time:s` → the time column "Time" in seconds. */
export function parseTimeFlag(flag: string): NonNullable<ImportMapping['time']> {
  const colon = flag.lastIndexOf(':');
  if (colon <= 0) return { column: flag };
  return { column: flag.slice(0, colon), unit: flag.slice(colon + 1) as TimeUnit };
}

/** Epoch ms from an ISO 8601 date-time or a number of epoch ms. */
export function parseDateTime(value: string | number, what: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
  } else if (/^\d+(\.\d+)?$/.test(value.trim())) {
    return Number(value);
  } else {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return ms;
  }
  throw new MappingError(`${what}: "${value}" is neither an ISO date-time nor epoch milliseconds`);
}

function unitName(unit: string): string {
  return unit === '' ? 'no unit' : unit;
}

/** Checks a mapping against the header and resolves column names to indices. */
export function resolveMapping(mapping: ImportMapping, header: readonly string[]): ResolvedMapping {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (!index.has(name)) index.set(name, i);
  });
  const used = new Set<number>();
  const columnOf = (name: string, what: string): number => {
    const i = index.get(name) ?? index.get(name.trim());
    if (i === undefined) {
      throw new MappingError(
        `${what}: column "${name}" is not in the header (${header.map((h) => `"${h}"`).join(', ')})`,
      );
    }
    used.add(i);
    return i;
  };

  const timeMapping = mapping.time ?? (index.has('time') ? { column: 'time', unit: 'epoch_ms' as const } : undefined);
  if (!timeMapping?.column)
    throw new MappingError('no time column: map one with --time Column:unit or "time" in the mapping');
  const timeUnit = timeMapping.unit ?? 's';
  if (!(TIME_UNITS as readonly string[]).includes(timeUnit)) {
    throw new MappingError(`time unit "${timeUnit}" is not one of ${TIME_UNITS.join(', ')}`);
  }
  const time = { column: columnOf(timeMapping.column, 'time'), header: timeMapping.column, unit: timeUnit };
  let startTime: number | undefined;
  if (mapping.startTime !== undefined) startTime = parseDateTime(mapping.startTime, 'start time');
  if ((timeUnit === 's' || timeUnit === 'ms') && startTime === undefined) {
    throw new MappingError(
      `time column "${time.header}" counts ${timeUnit} from the start: give the start with --start-time`,
    );
  }

  let car: ResolvedMapping['car'];
  if (typeof mapping.car === 'object' && mapping.car !== null) {
    car = { column: columnOf(mapping.car.column, 'car'), header: mapping.car.column };
  } else if (mapping.car !== undefined && mapping.car !== '') {
    car = { fixed: String(mapping.car) };
  } else if (index.has('car')) {
    car = { column: columnOf('car', 'car'), header: 'car' };
  } else {
    car = { fixed: '1' };
  }

  const channels: ResolvedChannel[] = [];
  for (const [name, entry] of Object.entries(mapping.channels ?? {})) {
    if (!entry || typeof entry.column !== 'string')
      throw new MappingError(`channel ${name}: expected { "column": "…" }`);
    channels.push(resolveChannel(name, entry, columnOf(entry.column, `channel ${name}`), false));
  }
  const mapped = new Set(channels.map((c) => c.info.name));
  header.forEach((name, i) => {
    if (used.has(i) || mapped.has(name) || !channelInfo(name)) return;
    used.add(i);
    mapped.add(name);
    channels.push(resolveChannel(name, { column: name }, i, true));
  });

  const sectors = mapping.sectors;
  if (
    sectors !== undefined &&
    (!Array.isArray(sectors) || sectors.some((d, k) => !(d > 0) || (k > 0 && d <= sectors[k - 1])))
  ) {
    throw new MappingError('sectors: expected increasing sector ends in metres, e.g. [1200, 2650]');
  }
  return {
    time,
    startTime,
    car,
    channels,
    unmapped: header.filter((_, i) => !used.has(i)),
    cars: mapping.cars ?? {},
    sectors,
  };
}

function resolveChannel(name: string, entry: ColumnMapping, column: number, automatic: boolean): ResolvedChannel {
  const canonical = channelInfo(name);
  if (canonical) {
    const convert = unitConversion(entry.unit, canonical.unit);
    if (!convert) {
      throw new MappingError(
        `channel ${name}: cannot convert "${entry.unit}" to ${unitName(canonical.unit)} ` +
          `(accepted: ${acceptedUnits(canonical.unit).map(unitName).join(', ')})`,
      );
    }
    return {
      info: { ...canonical },
      column,
      header: entry.column,
      sourceUnit: entry.unit ?? canonical.unit,
      convert,
      automatic,
    };
  }
  if (!CUSTOM_CHANNEL.test(name)) {
    throw new MappingError(`channel "${name}": a channel name is lower case letters, digits and "_"`);
  }
  const unit = (entry.unit ?? '') as Unit;
  if (!(unit in UNITS))
    throw new MappingError(`channel ${name}: unknown unit "${entry.unit}" (known: ${Object.keys(UNITS).join(', ')})`);
  return {
    info: {
      name,
      displayName: name.replace(/_/g, ' '),
      unit,
      grafanaUnit: UNITS[unit],
      rateHz: 0,
      min: Infinity,
      max: -Infinity,
      type: 'f32',
    },
    column,
    header: entry.column,
    sourceUnit: unit,
    convert: (v) => v,
    automatic,
  };
}
