/** Telemetry frames and laps tables as the eRacing datasource emits them, for the panel's tests and bench. */
import {
  FieldColorModeId,
  FieldType,
  ThresholdsMode,
  type DataFrame,
  type Field,
  type FieldConfig,
} from '@grafana/data';

import { RACING_SLICK_THRESHOLDS } from '../model/threshold-window';

/** The panel's default field config (°C, the racing-slick thresholds, colours by threshold), the catalog's range. */
export const TYRE_FIELD_CONFIG: FieldConfig = {
  unit: 'celsius',
  min: 20,
  max: 130,
  decimals: 1,
  color: { mode: FieldColorModeId.Thresholds },
  thresholds: {
    mode: ThresholdsMode.Absolute,
    steps: [...RACING_SLICK_THRESHOLDS],
  },
};

export function numberField(
  name: string,
  values: ArrayLike<number>,
  config: FieldConfig = TYRE_FIELD_CONFIG,
  car = '7',
): Field {
  return { name, type: FieldType.number, config, values: values as number[], labels: { car, session: 's1' } };
}

/** A car's telemetry frame: `time` (epoch ms) plus the given columns. */
export function telemetryFrame(
  time: ArrayLike<number>,
  columns: Record<string, ArrayLike<number>>,
  car = '7',
): DataFrame {
  const fields: Field[] = [{ name: 'time', type: FieldType.time, config: {}, values: time as number[] }];
  for (const [name, values] of Object.entries(columns)) {
    const config = name.startsWith('tyre_pressure')
      ? { unit: 'pressurebar', decimals: 2 }
      : name === 'lap'
        ? {}
        : TYRE_FIELD_CONFIG;
    fields.push(numberField(name, values, config, car));
  }
  return { name: `car ${car}`, refId: 'A', length: time.length, fields };
}

/** The datasource's `laps` frame: car, lap, start, end and `<channel>_<stat>` aggregates. */
export function lapsTable(
  rows: { car: string; lap: number; start: number; end: number | null; aggregates: Record<string, number> }[],
): DataFrame {
  const names = [...new Set(rows.flatMap((row) => Object.keys(row.aggregates)))];
  return {
    name: 'laps',
    refId: 'B',
    length: rows.length,
    fields: [
      { name: 'car', type: FieldType.string, config: {}, values: rows.map((r) => r.car) },
      { name: 'lap', type: FieldType.number, config: {}, values: rows.map((r) => r.lap) },
      { name: 'start', type: FieldType.time, config: {}, values: rows.map((r) => r.start) },
      { name: 'end', type: FieldType.time, config: {}, values: rows.map((r) => r.end) },
      ...names.map((name) => ({
        name,
        type: FieldType.number,
        config: TYRE_FIELD_CONFIG,
        values: rows.map((r) => r.aggregates[name] ?? null),
      })),
    ],
  };
}
