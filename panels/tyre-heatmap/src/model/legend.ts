/**
 * The temperature legend: the colour bar of a zone field from its min to its max, coloured by the same scale as the
 * cells (Grafana's scale calculator over the field config), with a tick at both ends, at each threshold step and at
 * the edges of the operating window.
 */
import { FieldColorModeId, getMinMaxAndDelta, getScaleCalculator, ThresholdsMode } from '@grafana/data';
import type { Field, GrafanaTheme2 } from '@grafana/data';

import { fieldWindow, showValue } from './display';

export interface LegendTick {
  value: number;
  /** Position on the bar, 0 (min) to 1 (max). */
  at: number;
  text: string;
  /** An end of the bar, or an edge of the operating window: kept when ticks are thinned. */
  major: boolean;
}

export interface TemperatureLegend {
  min: number;
  max: number;
  /** CSS `linear-gradient` of the bar, left (min) to right (max). */
  gradient: string;
  ticks: LegendTick[];
  /** The operating window on the bar, 0 to 1, when the thresholds have one that meets the range. */
  window?: { from: number; to: number; text: string };
  /** What the legend says, for screen readers and the hover title. */
  description: string;
}

/** Colour stops of a continuous scheme. */
const CONTINUOUS_STOPS = 12;

/** Threshold values inside (min, max), absolute whatever the thresholds mode. */
function thresholdValues(field: Field, min: number, max: number): number[] {
  const thresholds = field.config.thresholds;
  if (!thresholds) return [];
  const percent = thresholds.mode === ThresholdsMode.Percentage;
  return thresholds.steps
    .map((step) => step.value)
    .filter((value): value is number => typeof value === 'number' && Number.isFinite(value))
    .map((value) => (percent ? min + ((max - min) * value) / 100 : value))
    .filter((value) => value > min && value < max)
    .sort((a, b) => a - b);
}

const percentOf = (at: number) => `${Number((at * 100).toFixed(2))}%`;

/** The legend of a zone field; undefined when its range is empty. */
export function temperatureLegend(field: Field, theme: GrafanaTheme2): TemperatureLegend | undefined {
  const range = field.state?.range ?? getMinMaxAndDelta(field);
  const min = range.min;
  const max = range.max;
  if (typeof min !== 'number' || typeof max !== 'number' || !Number.isFinite(min) || !Number.isFinite(max)) {
    return undefined;
  }
  if (!(max > min)) return undefined;
  const scale = getScaleCalculator(field, theme);
  const position = (value: number) => (value - min) / (max - min);
  const steps = thresholdValues(field, min, max);

  const stops: string[] = [];
  if ((field.config.color?.mode ?? FieldColorModeId.Thresholds) === FieldColorModeId.Thresholds) {
    // One flat band per threshold step, the colour a cell in it gets.
    const edges = [min, ...steps, max];
    for (let i = 0; i + 1 < edges.length; i++) {
      const colour = scale((edges[i] + edges[i + 1]) / 2).color;
      stops.push(`${colour} ${percentOf(position(edges[i]))}`, `${colour} ${percentOf(position(edges[i + 1]))}`);
    }
  } else {
    for (let i = 0; i < CONTINUOUS_STOPS; i++) {
      const at = i / (CONTINUOUS_STOPS - 1);
      stops.push(`${scale(min + at * (max - min)).color} ${percentOf(at)}`);
    }
  }

  const text = (value: number) => showValue(field, value, theme).text;
  const operating = fieldWindow(field, theme);
  const windowLow = operating && Math.max(min, operating.low);
  const windowHigh = operating && Math.min(max, operating.high);
  const window =
    operating && windowLow! < windowHigh!
      ? {
          from: position(windowLow!),
          to: position(windowHigh!),
          text: `${text(operating.low)}${Number.isFinite(operating.high) ? ` to ${text(operating.high)}` : ' and up'}`,
        }
      : undefined;
  const isWindowEdge = (value: number) => value === operating?.low || value === operating?.high;
  const ticks: LegendTick[] = [min, ...steps, max].map((value, i, all) => ({
    value,
    at: position(value),
    text: text(value),
    major: i === 0 || i === all.length - 1 || isWindowEdge(value),
  }));
  const description =
    `Temperature scale from ${text(min)} to ${text(max)}` +
    (steps.length ? `, steps at ${steps.map(text).join(', ')}` : '') +
    (window ? `; operating window ${window.text}` : '');
  return { min, max, gradient: `linear-gradient(to right, ${stops.join(', ')})`, ticks, window, description };
}

/**
 * The ticks that fit a bar `width` pixels wide with `gap` pixels between labels: the ends and window edges first, then
 * the other steps where there is room.
 */
export function fittingTicks(ticks: readonly LegendTick[], width: number, gap: number): LegendTick[] {
  const kept: LegendTick[] = [];
  const fits = (tick: LegendTick) => kept.every((other) => Math.abs(other.at - tick.at) * width >= gap);
  for (const tick of ticks) if (tick.major && fits(tick)) kept.push(tick);
  for (const tick of ticks) if (!tick.major && fits(tick)) kept.push(tick);
  return kept.sort((a, b) => a.at - b.at);
}
