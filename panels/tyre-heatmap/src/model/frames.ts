/**
 * The frames the panel reads: one car's telemetry frame (time, lap, tyre channels) and the `laps` table with
 * per-lap aggregates, with the tyre channels found in them by the core's naming conventions and the manual mapping.
 */
import {
  carOf as frameCar,
  isLapsFrame as isLapsTable,
  isTelemetryFrame,
  numberFields,
  readLapsFrame,
  timeField,
  type LapsFrameRow,
} from '@eracing/telemetry-core/frames';
import {
  manualSlot,
  resolveTyreChannels,
  type ManualTyreMapping,
  type TyreMappingResult,
} from '@eracing/telemetry-core/tyres';
import type { DataFrame, Field } from '@grafana/data';

import type { TyreHeatmapOptions } from '../types';

const AGGREGATE_SUFFIX = /_(mean|min|max)$/;

export interface TyreData {
  mapping: TyreMappingResult;
  /** The car shown, when the frames say. */
  car?: string;
  /** The car's telemetry frame: time plus channels, when the data has one. */
  telemetry?: CarTelemetry;
  /** The car's rows of the laps table, when the data has one. */
  laps?: CarLaps;
  /** Cars the data has, for the message when the chosen one is missing. */
  cars: string[];
}

export interface CarTelemetry {
  frame: DataFrame;
  time: Field;
  lap?: Field;
  /** Number fields by name. */
  fields: Map<string, Field>;
}

export interface CarLaps {
  frame: DataFrame;
  /** The car's rows of the table, by the core's reader, in lap order. */
  rows: LapsFrameRow[];
  /** Aggregate fields by name (`tyre_temp_fl_inner_mean`, …). */
  fields: Map<string, Field>;
}

/** The manual mapping the options ask for: only the zone pickers of the chosen naming, and the extras. */
export function manualMapping(
  options: Pick<TyreHeatmapOptions, 'manual' | 'manualZones' | 'mapByHand'>,
): ManualTyreMapping {
  const mapping: ManualTyreMapping = {};
  if (!options.mapByHand) return mapping;
  for (const [key, name] of Object.entries(options.manual ?? {})) {
    const trimmed = name?.trim();
    if (!trimmed) continue;
    const part = key.slice(3);
    const zoneNaming =
      part === 'inner' || part === 'outer' ? 'tyre' : part === 'left' || part === 'right' ? 'source' : 'both';
    if (manualSlot(key) && (zoneNaming === 'both' || zoneNaming === options.manualZones)) mapping[key] = trimmed;
  }
  return mapping;
}

function carLaps(frame: DataFrame, car: string | undefined): CarLaps {
  const rows = readLapsFrame(frame).filter((row) => car === undefined || row.car === car);
  return { frame, rows: rows.sort((a, b) => a.lap - b.lap), fields: numberFields(frame) };
}

/**
 * Resolved mappings by field names and options: a live query emits new frames ~30 times a second, with the same
 * fields each time, so the channels are found once.
 */
const mappings = new Map<string, TyreMappingResult>();
const MAPPINGS_KEPT = 32;

function cachedMapping(names: Set<string>, preset: TyreHeatmapOptions['preset'], manual: ManualTyreMapping) {
  const key = `${preset}\u0000${JSON.stringify(manual)}\u0000${[...names].join('\u0000')}`;
  let mapping = mappings.get(key);
  if (!mapping) {
    mapping = resolveTyreChannels(names, preset, manual);
    if (mappings.size >= MAPPINGS_KEPT) mappings.delete(mappings.keys().next().value!);
    mappings.set(key, mapping);
  }
  return mapping;
}

/** Picks the car's frames and finds its tyre channels. `car` empty: the first car with tyre data. */
export function readTyreData(series: readonly DataFrame[], options: TyreHeatmapOptions, car: string): TyreData {
  const manual = manualMapping(options);
  const telemetryFrames = series.filter(isTelemetryFrame);
  const lapsTable = series.find(isLapsTable);
  const cars = [...new Set(telemetryFrames.map(frameCar).filter((c): c is string => c !== undefined))];
  const tableCars = lapsTable?.fields.find((f) => f.name === 'car')?.values;
  if (tableCars) for (const c of tableCars) if (!cars.includes(String(c))) cars.push(String(c));

  const fieldsOf = new Map<DataFrame, Map<string, Field>>();
  const fields = (frame: DataFrame) => {
    let found = fieldsOf.get(frame);
    if (!found) fieldsOf.set(frame, (found = numberFields(frame)));
    return found;
  };
  const tableChannels = lapsTable
    ? [...numberFields(lapsTable).keys()].map((n) => n.replace(AGGREGATE_SUFFIX, ''))
    : [];
  const resolve = (frame: DataFrame | undefined) => {
    const names = new Set<string>(frame ? fields(frame).keys() : []);
    for (const name of tableChannels) names.add(name);
    return cachedMapping(names, options.preset, manual);
  };

  let frame: DataFrame | undefined;
  let mapping: TyreMappingResult | undefined;
  if (car) {
    frame = telemetryFrames.find((f) => frameCar(f) === car);
    // A single frame that names no car (another datasource) is the car's.
    if (!frame && telemetryFrames.length === 1 && frameCar(telemetryFrames[0]) === undefined)
      frame = telemetryFrames[0];
  } else {
    // The first car with the most tyre zones.
    for (const candidate of telemetryFrames) {
      const found = resolve(candidate);
      if (!mapping || found.zoneCount > mapping.zoneCount) [frame, mapping] = [candidate, found];
    }
  }
  mapping ??= resolve(frame);
  const shown =
    car || (frame ? frameCar(frame) : undefined) || (tableCars ? String(tableCars[0] ?? '') || undefined : undefined);
  const time = frame && timeField(frame);
  return {
    mapping,
    car: shown,
    cars,
    telemetry: frame && time ? { frame, time, lap: fields(frame).get('lap'), fields: fields(frame) } : undefined,
    laps: lapsTable ? carLaps(lapsTable, shown) : undefined,
  };
}
