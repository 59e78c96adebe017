/**
 * The heatmap's columns: laps (the laps table's where it has the lap, complete, else spans of the telemetry frame's
 * lap field) or time buckets of the telemetry, and which of them the telemetry has to fill.
 */
import type { LapsFrameRow } from '@eracing/telemetry-core/frames';
import { columnSteps, lapColumns, timeBucketColumns, type HeatmapColumn } from '@eracing/telemetry-core/tyres';

import type { CarLaps, CarTelemetry } from './frames';

export interface HeatmapCell {
  label: string;
  lap?: number;
  startTime: number;
  endTime: number;
  partial: boolean;
}

export interface ColumnPlan {
  cells: HeatmapCell[];
  /** Per column: the laps-table row to read, or the telemetry span to aggregate. */
  tableRow: (number | undefined)[];
  spans: (HeatmapColumn | undefined)[];
}

export function planLapColumns(laps: CarLaps | undefined, telemetry: CarTelemetry | undefined): ColumnPlan {
  const byLap = new Map<number, { row?: LapsFrameRow; span?: HeatmapColumn }>();
  for (const row of laps?.rows ?? []) byLap.set(row.lap, { row });
  if (telemetry?.lap) {
    const time = telemetry.time.values as ArrayLike<number>;
    for (const span of lapColumns(time, telemetry.lap.values as ArrayLike<number>)) {
      // A lap still running in the table is taken from the telemetry when the frame has it.
      if (byLap.get(span.lap!)?.row?.endTime === undefined) byLap.set(span.lap!, { span });
    }
  }
  const plan: ColumnPlan = { cells: [], tableRow: [], spans: [] };
  for (const lap of [...byLap.keys()].sort((a, b) => a - b)) {
    const { row, span } = byLap.get(lap)!;
    const label = String(lap);
    plan.cells.push(
      row
        ? { label, lap, startTime: row.startTime, endTime: row.endTime ?? NaN, partial: row.endTime === undefined }
        : { label, lap, startTime: span!.startTime, endTime: span!.endTime, partial: span!.partial },
    );
    plan.tableRow.push(row?.row);
    plan.spans.push(span);
  }
  return plan;
}

export function planTimeColumns(telemetry: CarTelemetry | undefined, bucketMs: number): ColumnPlan {
  const spans = telemetry ? timeBucketColumns(telemetry.time.values as ArrayLike<number>, bucketMs) : [];
  return {
    cells: spans.map((span) => ({
      label: new Date(span.startTime).toISOString().slice(11, 19),
      startTime: span.startTime,
      endTime: span.endTime,
      partial: span.partial,
    })),
    tableRow: spans.map(() => undefined),
    spans,
  };
}

/** The columns the telemetry fills (not in the laps table), with their sampling steps, shared by every zone. */
export interface Computed {
  spans: HeatmapColumn[];
  at: number[];
  steps: Float64Array;
}

export function computedColumns(plan: ColumnPlan, telemetry: CarTelemetry | undefined): Computed {
  const spans: HeatmapColumn[] = [];
  const at: number[] = [];
  plan.spans.forEach((span, c) => {
    if (span && plan.tableRow[c] === undefined) {
      spans.push(span);
      at.push(c);
    }
  });
  const time = telemetry?.time.values as ArrayLike<number> | undefined;
  return { spans, at, steps: time && spans.length ? columnSteps(time, spans) : new Float64Array(0) };
}
