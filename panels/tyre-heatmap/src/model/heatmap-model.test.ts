/** @jest-environment jsdom */
import { createTheme } from '@grafana/data';

import { DEFAULT_OPTIONS } from '../types';
import { lapsTable, telemetryFrame } from '../testing/frames';
import { readTyreData } from './frames';
import { buildHeatmap, type HeatmapOptions } from './heatmap-model';

const theme = createTheme();
const colour = (name: string) => theme.visualization.getColorByName(name);

// 10 Hz from 5 s to 34.9 s; a lap every 10 s (lap 1 from 0 s); the inner zone reads the seconds, the outer 80.
const time = Float64Array.from({ length: 300 }, (_, i) => 5000 + i * 100);
const lap = Float64Array.from(time, (t) => Math.floor(t / 10_000) + 1);
const telemetry = telemetryFrame(time, {
  lap,
  tyre_temp_fl_inner: Float64Array.from(time, (t) => t / 1000),
  tyre_temp_fl_outer: Float64Array.from(time, () => 80),
});
const table = lapsTable([
  {
    car: '7',
    lap: 1,
    start: 0,
    end: 10_000,
    aggregates: {
      tyre_temp_fl_inner_mean: 85,
      tyre_temp_fl_outer_mean: 80,
      tyre_temp_fl_inner_max: 95,
      tyre_temp_fl_outer_max: 90,
    },
  },
  {
    car: '7',
    lap: 2,
    start: 10_000,
    end: 20_000,
    aggregates: {
      tyre_temp_fl_inner_mean: 112,
      tyre_temp_fl_outer_mean: 100,
      tyre_temp_fl_inner_max: 120,
      tyre_temp_fl_outer_max: 101,
    },
  },
  // still running when the table was read
  {
    car: '7',
    lap: 3,
    start: 20_000,
    end: null,
    aggregates: { tyre_temp_fl_inner_mean: 1, tyre_temp_fl_outer_mean: 1 },
  },
  { car: '3', lap: 1, start: 0, end: 10_000, aggregates: { tyre_temp_fl_inner_mean: 50, tyre_temp_fl_outer_mean: 50 } },
]);
const options: HeatmapOptions = { columns: 'laps', bucketMs: 10_000, aggregate: 'mean', showSpread: true };

function heatmap(series = [table, telemetry], opts: Partial<HeatmapOptions> = {}) {
  const data = readTyreData(series, DEFAULT_OPTIONS, '7');
  return buildHeatmap(data, data.mapping.channels, theme, { ...options, ...opts });
}

describe('buildHeatmap by lap', () => {
  it('takes completed laps from the laps table and the rest from the telemetry at full resolution', () => {
    const model = heatmap();
    expect(model.source).toBe('laps table and telemetry');
    expect(model.labels.value).toBe('lap mean');
    expect(model.columns.map((c) => [c.lap, c.partial])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
    ]);
    expect(model.rows.map((row) => row.label)).toEqual(['FL inner', 'FL outer', 'FL in − out']);
    const [inner, outer, spread] = model.rows;
    expect(inner.values[0]).toBe(85);
    expect(inner.values[1]).toBe(112);
    // lap 3 runs from 19.95 s to 29.95 s on a channel equal to the seconds; lap 4 to the last sample, 34.9 s
    expect(inner.values[2]).toBeCloseTo(24.95, 9);
    expect(inner.values[3]).toBeCloseTo((29.95 + 34.9) / 2, 9);
    expect(Array.from(outer.values)).toEqual([80, 100, 80, 80]);
    expect(spread.values[0]).toBe(5);
    expect(spread.values[1]).toBe(12);
    expect(spread.zone).toBeUndefined();
    expect(inner.colours.slice(0, 2)).toEqual([colour('green'), colour('orange')]);
    expect(inner.colours[2]).toBe(colour('blue'));
  });

  it('reads the laps table alone, its running lap included, and its max aggregate', () => {
    const model = heatmap([table], { aggregate: 'max', showSpread: false });
    expect(model.source).toBe('laps table');
    expect(model.columns.map((c) => [c.lap, c.partial])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(model.rows.map((row) => Array.from(row.values))).toEqual([
      [95, 120, NaN],
      [90, 101, NaN],
    ]);
  });

  it('computes every lap from the telemetry without a table, with the lap max', () => {
    const model = heatmap([telemetry], { aggregate: 'max' });
    expect(model.source).toBe('telemetry');
    expect(model.columns.map((c) => [c.lap, c.partial])).toEqual([
      [1, true],
      [2, false],
      [3, false],
      [4, true],
    ]);
    expect(Array.from(model.rows[0].values)).toEqual([9.9, 19.9, 29.9, 34.9]);
  });
});

describe('buildHeatmap by time', () => {
  it('makes a column per time bucket from the telemetry', () => {
    const model = heatmap(undefined, { columns: 'time', showSpread: false });
    expect(model.columns.map((c) => [c.label, c.partial])).toEqual([
      ['00:00:05', true],
      ['00:00:10', false],
      ['00:00:20', false],
      ['00:00:30', true],
    ]);
    expect(model.rows[0].values[1]).toBeCloseTo(15, 9);
    expect(model.kind.columns).toBe('time');
    expect(model.labels.value).toBe('mean per 10 s');
  });

  it('says time buckets when lap columns were asked for and the telemetry has no lap field', () => {
    const lapless = telemetryFrame(time, { tyre_temp_fl_inner: Float64Array.from(time, (t) => t / 1000) });
    const model = heatmap([lapless], { columns: 'laps', aggregate: 'max', bucketMs: 30_000 });
    expect(model.columns.map((c) => c.lap)).toEqual([undefined, undefined]);
    expect(model.labels.value).toBe('max per 30 s');
  });

  it('has no columns from a laps table alone', () => {
    expect(heatmap([table], { columns: 'time' }).columns).toEqual([]);
  });
});
