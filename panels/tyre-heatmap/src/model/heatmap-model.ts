/**
 * The heatmap's model: rows wheel × zone (and a spread row per wheel), columns laps or time buckets, a value and a
 * colour per cell. Lap columns come from the laps table's per-lap aggregates where it has the lap, else they are
 * computed at full resolution from the telemetry frame's lap field (the running lap, laps since the table was read).
 */
import { WHEEL_SHORT_NAMES, WHEELS, type TyreZone, type Wheel } from '@eracing/telemetry-core/channels';
import { aggregateColumns, zoneSpread, type ColumnAggregate, type TyreChannelMap } from '@eracing/telemetry-core/tyres';
import type { Field, GrafanaTheme2 } from '@grafana/data';
import { interpolateRdBu, scaleDiverging } from 'd3';

import type { HeatmapColumns } from '../types';
import { valueColours } from './display';
import { heatmapLabels, type ColumnKind, type HeatmapLabels } from './heatmap-labels';
import type { CarTelemetry, TyreData } from './frames';
import {
  computedColumns,
  planLapColumns,
  planTimeColumns,
  type ColumnPlan,
  type Computed,
  type HeatmapCell,
} from './heatmap-columns';
import { mappedZones } from './zones';

export type { HeatmapCell } from './heatmap-columns';

export interface HeatmapRow {
  key: string;
  wheel: Wheel;
  /** Undefined for the wheel's spread row (inner − outer). */
  zone?: TyreZone;
  label: string;
  values: Float64Array;
  /** CSS colour per column. */
  colours: string[];
  /** The field whose unit and decimals format the row's values. */
  field: Field;
}

export interface HeatmapModel {
  columns: HeatmapCell[];
  rows: HeatmapRow[];
  /** Where the columns came from, for the panel's note. */
  source: 'laps table' | 'telemetry' | 'laps table and telemetry' | 'none';
  /** What the columns turned out to be: time buckets when lap columns were asked for and there are no laps. */
  kind: ColumnKind;
  labels: HeatmapLabels;
}

export interface HeatmapOptions {
  columns: HeatmapColumns;
  bucketMs: number;
  aggregate: ColumnAggregate;
  showSpread: boolean;
}

interface ZoneSource {
  wheel: Wheel;
  zone: TyreZone;
  /** The telemetry field, when the frame has it. */
  telemetry?: Field;
  /** The laps table's aggregate field, when the table has it. */
  table?: Field;
}

function zoneSources(data: TyreData, channels: TyreChannelMap, aggregate: ColumnAggregate): ZoneSource[] {
  const sources: ZoneSource[] = [];
  for (const { wheel, zone, name } of mappedZones(channels)) {
    const telemetry = data.telemetry?.fields.get(name);
    const table = data.laps?.fields.get(`${name}_${aggregate}`);
    if (telemetry || table) sources.push({ wheel, zone, telemetry, table });
  }
  return sources;
}

/** The values of one zone per column: the table's where planned, the telemetry's aggregated over the rest. */
function zoneValues(
  source: ZoneSource,
  plan: ColumnPlan,
  computed: Computed,
  telemetry: CarTelemetry | undefined,
  aggregate: ColumnAggregate,
): Float64Array {
  const values = new Float64Array(plan.cells.length).fill(NaN);
  for (let c = 0; c < plan.cells.length; c++) {
    const row = plan.tableRow[c];
    if (row === undefined) continue;
    const value = source.table?.values[row];
    values[c] = typeof value === 'number' ? value : NaN;
  }
  if (computed.spans.length && source.telemetry && telemetry) {
    const time = telemetry.time.values as ArrayLike<number>;
    const channel = source.telemetry.values as ArrayLike<number>;
    const aggregated = aggregateColumns(time, channel, computed.spans, aggregate, computed.steps);
    for (let k = 0; k < computed.at.length; k++) values[computed.at[k]] = aggregated[k];
  }
  return values;
}

function describeSource(plan: ColumnPlan): HeatmapModel['source'] {
  const fromTable = plan.tableRow.some((row) => row !== undefined);
  const fromTelemetry = plan.spans.some((span) => span !== undefined);
  if (fromTable && fromTelemetry) return 'laps table and telemetry';
  return fromTable ? 'laps table' : fromTelemetry ? 'telemetry' : 'none';
}

/** Spread (°C) that takes the full colour, unless the data reaches further. */
const SPREAD_REACH = 20;

/** Diverging colours for the spread: blue when the outer shoulder is hotter, red when the inner is, white at zero. */
function spreadColours(spread: Float64Array, theme: GrafanaTheme2): string[] {
  let reach = SPREAD_REACH;
  for (const v of spread) if (Math.abs(v) > reach) reach = Math.abs(v);
  const scale = scaleDiverging((t: number) => interpolateRdBu(1 - t)).domain([-reach, 0, reach]);
  return Array.from(spread, (v) => (Number.isFinite(v) ? scale(v) : theme.colors.background.secondary));
}

export function buildHeatmap(
  data: TyreData,
  channels: TyreChannelMap,
  theme: GrafanaTheme2,
  options: HeatmapOptions,
): HeatmapModel {
  const { telemetry, laps } = data;
  const byLaps = options.columns === 'laps' && (laps !== undefined || telemetry?.lap !== undefined);
  const plan = byLaps ? planLapColumns(laps, telemetry) : planTimeColumns(telemetry, options.bucketMs);
  const rows: HeatmapRow[] = [];
  const sources = zoneSources(data, channels, options.aggregate);
  const computed = computedColumns(plan, telemetry);
  for (const wheel of WHEELS) {
    const wheelRows: HeatmapRow[] = [];
    for (const source of sources) {
      if (source.wheel !== wheel) continue;
      const field = (source.telemetry ?? source.table)!;
      const values = zoneValues(source, plan, computed, telemetry, options.aggregate);
      const colours = valueColours(field, values, theme);
      wheelRows.push({
        key: `${wheel}-${source.zone}`,
        wheel,
        zone: source.zone,
        label: `${WHEEL_SHORT_NAMES[wheel]} ${source.zone}`,
        values,
        colours,
        field,
      });
    }
    rows.push(...wheelRows);
    const inner = wheelRows.find((row) => row.zone === 'inner');
    const outer = wheelRows.find((row) => row.zone === 'outer');
    if (options.showSpread && inner && outer) {
      const values = zoneSpread(inner.values, outer.values);
      rows.push({
        key: `${wheel}-spread`,
        wheel,
        label: `${WHEEL_SHORT_NAMES[wheel]} in − out`,
        values,
        colours: spreadColours(values, theme),
        field: inner.field,
      });
    }
  }
  const kind: ColumnKind = {
    columns: byLaps ? 'laps' : 'time',
    bucketMs: options.bucketMs,
    aggregate: options.aggregate,
  };
  return { columns: plan.cells, rows, source: describeSource(plan), kind, labels: heatmapLabels(kind) };
}
