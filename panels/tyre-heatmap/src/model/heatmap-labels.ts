/** What the heatmap's columns and values are called: per lap, or per time bucket of a given width. */
import type { ColumnAggregate, WindowState } from '@eracing/telemetry-core/tyres';

import type { HeatmapColumns } from '../types';
import type { HeatmapCell } from './heatmap-model';

export interface ColumnKind {
  /** What the columns are: laps, or time buckets (also when lap columns were asked for and there are no laps). */
  columns: HeatmapColumns;
  /** Width of a time bucket, ms. */
  bucketMs: number;
  aggregate: ColumnAggregate;
}

export interface HeatmapLabels {
  /** What a cell's value is: "lap mean", "max per 10 s". */
  value: string;
  /** The title of the column axis: "Lap", or the buckets' start time and width. */
  axis: string;
  /** How many columns: "12 laps", "30 buckets of 10 s". */
  count: (columns: number) => string;
}

/** A bucket width the way an engineer says it: 10 s, 90 s, 1 min, 2 h. */
export function bucketWidthText(ms: number): string {
  const seconds = ms / 1000;
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
  return `${Number(seconds.toFixed(3))} s`;
}

export function heatmapLabels({ columns, bucketMs, aggregate }: ColumnKind): HeatmapLabels {
  if (columns === 'laps') {
    return {
      value: `lap ${aggregate}`,
      axis: 'Lap',
      count: (n) => `${n} lap${n === 1 ? '' : 's'}`,
    };
  }
  const width = bucketWidthText(bucketMs);
  return {
    value: `${aggregate} per ${width}`,
    axis: `UTC, per ${width}`,
    count: (n) => `${n} bucket${n === 1 ? '' : 's'} of ${width}`,
  };
}

/** The hover text of a cell: where (lap or bucket start), what, the value and whether it is out of the window. */
export function cellTooltip(
  column: Pick<HeatmapCell, 'lap' | 'label' | 'partial'>,
  row: { label: string },
  labels: HeatmapLabels,
  valueText: string,
  state: WindowState,
): string {
  const where = column.lap !== undefined ? `lap ${column.lap}` : `${column.label} UTC`;
  const flag = state === 'hot' ? ' ▲ hot' : state === 'cold' ? ' ▼ cold' : '';
  return `${where}${column.partial ? ' (partial)' : ''} · ${row.label}, ${labels.value}: ${valueText}${flag}`;
}
