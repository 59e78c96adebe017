/** @jest-environment jsdom */
import { lapsTable, telemetryFrame } from '../testing/frames';
import { computedColumns, planLapColumns, planTimeColumns } from './heatmap-columns';
import { readTyreData } from './frames';
import { DEFAULT_OPTIONS } from '../types';

// 1 Hz from 0 s to 29 s, lap 1 then lap 2 from 15 s; the table has lap 1 complete and lap 2 running.
const time = Array.from({ length: 30 }, (_, i) => i * 1000);
const frame = telemetryFrame(time, { lap: time.map((t) => (t < 15_000 ? 1 : 2)), tyre_temp_fl_inner: time });
const table = lapsTable([
  { car: '7', lap: 2, start: 15_000, end: null, aggregates: { tyre_temp_fl_inner_mean: 1 } },
  { car: '7', lap: 1, start: 0, end: 15_000, aggregates: { tyre_temp_fl_inner_mean: 7 } },
]);

describe('planLapColumns', () => {
  it('takes complete laps from the table, the running one from the telemetry, in lap order', () => {
    const { telemetry, laps } = readTyreData([table, frame], DEFAULT_OPTIONS, '7');
    const plan = planLapColumns(laps, telemetry);
    expect(plan.cells.map((cell) => [cell.lap, cell.startTime, cell.partial])).toEqual([
      [1, 0, false],
      [2, 14_500, true], // the telemetry's lap change, halfway between its samples
    ]);
    expect(plan.tableRow).toEqual([1, undefined]);
    expect(plan.spans.map((span) => span?.lap)).toEqual([undefined, 2]);
    expect(computedColumns(plan, telemetry).at).toEqual([1]);
  });

  it('keeps a running lap of the table when there is no telemetry', () => {
    const { laps } = readTyreData([table], DEFAULT_OPTIONS, '7');
    const plan = planLapColumns(laps, undefined);
    expect(plan.cells.map((cell) => [cell.lap, cell.endTime, cell.partial])).toEqual([
      [1, 15_000, false],
      [2, NaN, true],
    ]);
  });
});

describe('planTimeColumns', () => {
  it('labels each bucket with its UTC start time', () => {
    const { telemetry } = readTyreData([frame], DEFAULT_OPTIONS, '7');
    expect(planTimeColumns(telemetry, 10_000).cells.map((cell) => [cell.label, cell.partial])).toEqual([
      ['00:00:00', false],
      ['00:00:10', false],
      ['00:00:20', true],
    ]);
  });
});
