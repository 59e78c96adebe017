/**
 * What Grafana's bar chart draws, as plain geometry: one group of bars per value of the x field (a string field,
 * e.g. the lap), one bar per number field in each group, on a value axis from zero with round ticks.
 */
import {
  FieldType,
  formattedValueToString,
  getFieldDisplayName,
  getFieldSeriesColor,
  type DataFrame,
  type Field,
  type GrafanaTheme2,
} from '@grafana/data';
import { scaleLinear } from 'd3';

export interface BarChartOptions {
  xField?: string;
  /** Share of a category's slot the group of bars takes (Grafana's `groupWidth`). */
  groupWidth: number;
  /** Share of a bar's slot the bar takes (Grafana's `barWidth`). */
  barWidth: number;
}

export interface BarSeries {
  name: string;
  color: string;
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
  /** "Lap 4 · Used: 1.23 kWh", the bar's tooltip. */
  title: string;
}

export interface AxisTick {
  /** Pixels from the plot's top (value axis) or left (category axis). */
  at: number;
  text: string;
}

export interface BarChartLayout {
  series: BarSeries[];
  bars: Bar[];
  valueTicks: AxisTick[];
  categoryTicks: AxisTick[];
  /** Height of the zero line from the plot's top. */
  baseline: number;
}

export interface PlotBox {
  width: number;
  height: number;
}

/** Why a frame cannot be drawn as bars, in Grafana's words; undefined when it can. */
export function barChartProblem(frame: DataFrame | undefined, xField?: string): string | undefined {
  if (!frame || frame.length === 0) return 'No data';
  if (!categoryField(frame, xField)) return 'Bar charts requires a string or time field';
  const fields = valueFields(frame);
  if (fields.length === 0) return 'No numeric fields found';
  if (!fields.some((f) => f.values.some(isValue))) return 'No data';
  return undefined;
}

function categoryField(frame: DataFrame, xField?: string): Field | undefined {
  if (xField) return frame.fields.find((f) => f.name === xField || getFieldDisplayName(f, frame) === xField);
  return frame.fields.find((f) => f.type === FieldType.string || f.type === FieldType.time);
}

function valueFields(frame: DataFrame): Field[] {
  return frame.fields.filter((f) => f.type === FieldType.number && !f.config.custom?.hideFrom?.viz);
}

const isValue = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function text(field: Field, value: unknown): string {
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return '—';
  return field.display ? formattedValueToString(field.display(value)) : String(value);
}

/** The bars of `frame` laid out in `box`; call only when `barChartProblem` found none. */
export function layOutBars(
  frame: DataFrame,
  options: BarChartOptions,
  box: PlotBox,
  theme: GrafanaTheme2,
): BarChartLayout {
  const categories = categoryField(frame, options.xField)!;
  const fields = valueFields(frame);
  const series = fields.map((field) => ({
    name: getFieldDisplayName(field, frame),
    color: getFieldSeriesColor(field, theme).color,
  }));

  const values = fields.flatMap((f) => f.values.filter(isValue));
  const configMin = fields.map((f) => f.config.min).find((v) => typeof v === 'number');
  const configMax = fields.map((f) => f.config.max).find((v) => typeof v === 'number');
  const low = Math.min(0, configMin ?? 0, ...values);
  const high = Math.max(configMax ?? 0, ...values, low + 1e-9);
  const scale = scaleLinear().domain([low, high]).range([box.height, 0]).nice(5);
  const baseline = scale(0);

  const slot = box.width / frame.length;
  const group = slot * options.groupWidth;
  const barSlot = group / fields.length;
  const bars: Bar[] = [];
  for (let row = 0; row < frame.length; row++) {
    const category = text(categories, categories.values[row]);
    fields.forEach((field, k) => {
      const value = field.values[row];
      if (!isValue(value)) return;
      const top = scale(value);
      bars.push({
        x: row * slot + (slot - group) / 2 + k * barSlot + (barSlot * (1 - options.barWidth)) / 2,
        y: Math.min(top, baseline),
        width: barSlot * options.barWidth,
        height: Math.abs(baseline - top),
        color: series[k].color,
        title: `${categories.name} ${category} · ${series[k].name}: ${text(field, value)}`,
      });
    });
  }

  // Every category label fits when about 40 px apart; otherwise every n-th.
  const every = Math.max(1, Math.ceil(40 / slot));
  const categoryTicks: AxisTick[] = [];
  for (let row = 0; row < frame.length; row += every) {
    categoryTicks.push({ at: row * slot + slot / 2, text: text(categories, categories.values[row]) });
  }
  const valueTicks = scale.ticks(5).map((v: number) => ({ at: scale(v), text: text(fields[0], v) }));
  return { series, bars, valueTicks, categoryTicks, baseline };
}
