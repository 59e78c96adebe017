/** Colours and text of values through Grafana's field config: the field's display processor, unit and thresholds. */
import type { OperatingWindow } from '@eracing/telemetry-core/tyres';
import {
  formattedValueToString,
  getDisplayProcessor,
  getFieldConfigWithMinMax,
  getScaleCalculator,
  ThresholdsMode,
  type DisplayProcessor,
  type Field,
  type GrafanaTheme2,
} from '@grafana/data';

import { thresholdWindow } from './threshold-window';

const processors = new WeakMap<Field, DisplayProcessor>();
/**
 * Absolute thresholds' windows by thresholds object: Grafana hands every emission new fields, but their thresholds are
 * the panel's same object.
 */
const windows = new WeakMap<object, OperatingWindow | null>();

/** The field's display processor: Grafana's (set by applyFieldOverrides), else one made from its config. */
export function displayOf(field: Field, theme: GrafanaTheme2): DisplayProcessor {
  if (field.display) return field.display;
  let processor = processors.get(field);
  if (!processor) {
    processor = getDisplayProcessor({ field, theme });
    processors.set(field, processor);
  }
  return processor;
}

export interface ShownValue {
  text: string;
  colour: string;
}

export function showValue(field: Field, value: number, theme: GrafanaTheme2): ShownValue {
  if (!Number.isFinite(value)) return { text: '–', colour: theme.colors.background.secondary };
  const shown = displayOf(field, theme)(value);
  return { text: formattedValueToString(shown), colour: shown.color ?? theme.colors.text.primary };
}

/**
 * A colour per value through the field's colour scale (colour scheme or thresholds, min/max): what the field's display
 * processor gives, without formatting text that is only needed on hover.
 */
export function valueColours(field: Field, values: ArrayLike<number>, theme: GrafanaTheme2): string[] {
  const scale = getScaleCalculator(field, theme);
  const none = theme.colors.background.secondary;
  return Array.from(values, (value) => (Number.isFinite(value) ? scale(value).color : none));
}

/**
 * The operating window of the field's thresholds: the green band (see `thresholdWindow`), in the field's
 * unit. Percentage thresholds are shares of the field's range (its min and max, else its values'), as Grafana reads them.
 */
export function fieldWindow(field: Field, theme: GrafanaTheme2): OperatingWindow | undefined {
  const thresholds = field.config.thresholds;
  if (!thresholds) return undefined;
  const byName = (colour: string) => theme.visualization.getColorByName(colour);
  if (thresholds.mode === ThresholdsMode.Percentage) {
    const { min, max } = getFieldConfigWithMinMax(field);
    if (typeof min !== 'number' || typeof max !== 'number' || !(max > min)) return undefined;
    const steps = thresholds.steps.map((step) => ({ ...step, value: min + ((max - min) * step.value) / 100 }));
    return thresholdWindow(steps, byName);
  }
  let window = windows.get(thresholds);
  if (window === undefined) {
    window = thresholdWindow(thresholds.steps, byName) ?? null;
    windows.set(thresholds, window);
  }
  return window ?? undefined;
}
