import {
  type DisplayProcessor,
  type Field,
  type FieldColor,
  FieldColorModeId,
  type FieldConfig,
  FieldType,
  getDisplayProcessor,
  getFieldColorModeForField,
  getScaleCalculator,
  type GrafanaTheme2,
  ThresholdsMode,
} from '@grafana/data';
import { bucketValue, uniformEdges } from '@eracing/panel-kit/colour-buckets';

import { CONTINUOUS_BUCKETS } from '../render/track-layers';

export { CONTINUOUS_BUCKETS };

export interface ColourScale {
  min: number;
  max: number;
  /** Inner bucket edges, increasing. */
  edges: Float64Array;
  /** One CSS colour per bucket. */
  colours: string[];
  /** True when the colours step at thresholds rather than blend. */
  stepped: boolean;
  /** Formats values of the colour field (its unit and decimals). */
  display: DisplayProcessor;
  unit?: string;
}

/**
 * A colour for a line coloured by value: the field's own colour mode when it colours by value, else the panel's
 * default, else green-yellow-red. (The datasource gives fields a fixed car colour, which cannot show a value.)
 */
function byValueColour(field: Field, panelDefault?: FieldColor): FieldColor {
  if (getFieldColorModeForField(field).isByValue && field.config.color) return field.config.color;
  const fallback = { ...field, config: { ...field.config, color: panelDefault } };
  if (panelDefault && getFieldColorModeForField(fallback).isByValue) return panelDefault;
  return { mode: FieldColorModeId.ContinuousGrYlRd };
}

/** The range of the finite values. */
export function valueRange(values: ArrayLike<number>): { min: number; max: number } | undefined {
  let min = Infinity,
    max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : undefined;
}

/**
 * Grafana's colour for each bucket of the line, from the field config: its colour scheme or thresholds, over
 * `range` (the lap's own values or the field's min/max). Thresholds give one bucket per step, exactly.
 */
export function colourScale(
  field: Field,
  range: { min: number; max: number },
  theme: GrafanaTheme2,
  panelDefault?: FieldColor,
): ColourScale {
  const min = range.min;
  const max = range.max > range.min ? range.max : range.min + 1;
  const config: FieldConfig = { ...field.config, color: byValueColour(field, panelDefault), min, max };
  const scaled: Field = {
    ...field,
    type: FieldType.number,
    config,
    state: { ...field.state, range: { min, max, delta: max - min } },
  };
  const scale = getScaleCalculator(scaled, theme);
  const stepped = config.color?.mode === FieldColorModeId.Thresholds;
  let edges: Float64Array;
  if (stepped && config.thresholds?.steps.length) {
    const percent = config.thresholds.mode === ThresholdsMode.Percentage;
    edges = Float64Array.from(
      config.thresholds.steps
        .slice(1)
        .map((step) => (percent ? min + (step.value / 100) * (max - min) : step.value))
        .filter((value) => Number.isFinite(value)),
    ).sort();
  } else {
    edges = uniformEdges(min, max, CONTINUOUS_BUCKETS);
  }
  const colours = Array.from({ length: edges.length + 1 }, (_, k) => scale(bucketValue(edges, k, min, max)).color);
  const display = field.display ?? getDisplayProcessor({ field: scaled, theme });
  return { min, max, edges, colours, stepped, display, unit: config.unit };
}

/** A CSS gradient for the legend's colour bar, left (min) to right (max). */
export function legendGradient(scale: ColourScale): string {
  const { min, max, edges, colours, stepped } = scale;
  const at = (value: number) => `${(((value - min) / (max - min)) * 100).toFixed(2)}%`;
  if (!stepped) return `linear-gradient(to right, ${colours.join(', ')})`;
  const stops: string[] = [];
  colours.forEach((colour, k) => {
    const lo = k === 0 ? min : Math.min(max, Math.max(min, edges[k - 1]));
    const hi = k === edges.length ? max : Math.min(max, Math.max(min, edges[k]));
    stops.push(`${colour} ${at(lo)}`, `${colour} ${at(hi)}`);
  });
  return `linear-gradient(to right, ${stops.join(', ')})`;
}
