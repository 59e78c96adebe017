/**
 * CSV exports that say what they are: MoTeC i2 ("Format","MoTeC CSV File") and AiM Race Studio ("Format","AiM CSV
 * File"). Both open with metadata lines (venue, vehicle, driver, date, time), then a header row starting with "Time",
 * a units row, and the samples with time in seconds from the log's start. The mapping comes from the header: known
 * channels by their exported names, the others kept under a lower-case form of their name.
 */
import fs from 'node:fs';
import { channelInfo, UNITS } from '@eracing/telemetry-core/channels';
import type { ImportMapping } from '../recording/csv-mapping';
import { splitFields } from '../recording/csv-reader';
import { unitConversion } from '../recording/unit-convert';
import type { CsvFlavour } from './detect';
import { normaliseUnit } from './channel-map';

const HEAD_BYTES = 256 * 1024;

/** Exported column names of known channels (MoTeC first, then AiM). */
const EXPORT_NAMES: Record<string, string[]> = {
  speed: ['Ground Speed', 'Speed', 'GPS Speed', 'Vehicle Speed', 'SPEED'],
  motor_rpm: ['Motor RPM', 'Engine RPM', 'RPM', 'RPMS'],
  throttle: ['Throttle Pos', 'Throttle', 'TPS', 'THROTTLE', 'PPS'],
  brake: ['Brake Pos', 'BRAKE', 'Brake'],
  steering: ['Steered Angle', 'Steering Angle', 'STEERANGLE'],
  gear: ['Gear', 'GEAR', 'Calculated Gear'],
  lap: ['Lap Number', 'Lap'],
  lap_distance: ['Lap Distance', 'Distance on GPS Speed', 'Lap Dist'],
  g_lat: ['G Force Lat', 'GPS LatAcc', 'LatAcc', 'Lateral G', 'G_LAT'],
  g_long: ['G Force Long', 'GPS LonAcc', 'LonAcc', 'Longitudinal G', 'G_LON'],
  lat: ['GPS Latitude', 'Latitude'],
  lon: ['GPS Longitude', 'Longitude'],
  brake_temp_fl: ['Brake Temp FL'],
  brake_temp_fr: ['Brake Temp FR'],
  brake_temp_rl: ['Brake Temp RL'],
  brake_temp_rr: ['Brake Temp RR'],
  tyre_pressure_fl: ['Tyre Pressure FL', 'Tyre Pres FL'],
  tyre_pressure_fr: ['Tyre Pressure FR', 'Tyre Pres FR'],
  tyre_pressure_rl: ['Tyre Pressure RL', 'Tyre Pres RL'],
  tyre_pressure_rr: ['Tyre Pressure RR', 'Tyre Pres RR'],
};

function firstLines(file: string): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const n = fs.readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer
      .toString('utf8', 0, n)
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .slice(0, 200);
  } finally {
    fs.closeSync(fd);
  }
}

const cells = (line: string) => splitFields(line, ',').map((c) => c.trim());

/** A custom channel name from an exported one: "Air Temp Inlet" → "air_temp_inlet". */
function customName(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^(\d)/, 'c$1')
      .slice(0, 64) || 'channel'
  );
}

/** The mapping of an export, or nothing for a generic CSV (which needs its mapping file). */
export function exportMapping(flavour: CsvFlavour, file: string): ImportMapping {
  if (flavour === 'generic') return {};
  const lines = firstLines(file);
  const meta = new Map<string, string>();
  let headerIndex = -1;
  for (let i = 0; i < lines.length; i++) {
    const row = cells(lines[i]);
    if (row[0] === 'Time' && row.length > 2) {
      headerIndex = i;
      break;
    }
    // "Venue","Calder",,,"Worksheet","…": pairs of name and value.
    for (let k = 0; k + 1 < row.length; k += 1)
      if (row[k] && row[k + 1] && !meta.has(row[k])) meta.set(row[k], row[k + 1]);
  }
  if (headerIndex < 0) return {};
  const header = cells(lines[headerIndex]);
  const units = cells(lines[headerIndex + 1] ?? '');
  let dataLine = headerIndex + 2;
  while (dataLine < lines.length && !/^"?-?[\d.]/.test(lines[dataLine].trim())) dataLine++;

  const channels: NonNullable<ImportMapping['channels']> = {};
  const taken = new Set<string>();
  for (const [name, candidates] of Object.entries(EXPORT_NAMES)) {
    for (const candidate of candidates) {
      const k = header.indexOf(candidate);
      if (k < 0 || taken.has(candidate)) continue;
      const info = channelInfo(name)!;
      const unit = name === 'lap' || name === 'gear' ? undefined : normaliseUnit(units[k] ?? '') || undefined;
      if (unit !== undefined && !unitConversion(unit, info.unit)) continue;
      channels[name] = unit === undefined ? { column: candidate } : { column: candidate, unit };
      taken.add(candidate);
      break;
    }
  }
  header.forEach((column, k) => {
    if (k === 0 || taken.has(column) || !column) return;
    let name = customName(column);
    while (channels[name] || channelInfo(name)) name += '_';
    const unit = normaliseUnit(units[k] ?? '');
    const known = Object.keys(UNITS).find(
      (u) => u.toLowerCase() === unit.toLowerCase() || (u === '°C' && unit === '°c'),
    );
    channels[name] = known !== undefined ? { column, unit: known } : { column, unit: '' };
    taken.add(column);
  });
  const date = meta.get('Log Date') ?? meta.get('Date') ?? '';
  const time = meta.get('Log Time') ?? meta.get('Time') ?? '';
  const driver = meta.get('Driver') ?? meta.get('Racer');
  const vehicle = meta.get('Vehicle');
  return {
    headerLine: headerIndex + 1,
    dataLine: dataLine + 1,
    time: { column: 'Time', unit: 's' },
    startTime: startTime(date, time),
    channels,
    car: '1',
    cars: { '1': { driver: driver || 'Car 1', team: vehicle ?? '' } },
  };
}

/** Log date and time of an export (day/month/year, or AiM's "Saturday, March 7, 2020" and "11:02 AM"), as UTC. */
function startTime(date: string, time: string): number {
  const t = /(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?/i.exec(time);
  let hours = Number(t?.[1] ?? 0);
  if (t?.[4]?.toUpperCase() === 'PM' && hours < 12) hours += 12;
  if (t?.[4]?.toUpperCase() === 'AM' && hours === 12) hours = 0;
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})$/.exec(date.trim());
  let day: number;
  if (dmy) {
    const year = Number(dmy[3]) < 100 ? 2000 + Number(dmy[3]) : Number(dmy[3]);
    day = Date.UTC(year, Number(dmy[2]) - 1, Number(dmy[1]));
  } else {
    const parsed = Date.parse(`${date.replace(/^[A-Za-z]+,\s*/, '')} UTC`);
    day = Number.isFinite(parsed) ? parsed : Date.UTC(2000, 0, 1);
  }
  return day + ((hours * 60 + Number(t?.[2] ?? 0)) * 60 + Number(t?.[3] ?? 0)) * 1000;
}
