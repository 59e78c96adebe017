/**
 * Which of Grafana's threshold steps are the tyre's operating window: the band of steps coloured green. The core
 * has the window as values; the colours are how a dashboard says where it is.
 */
import { operatingWindow, RACING_SLICK, type OperatingWindow } from '@eracing/telemetry-core/tyres';

/** A threshold step as Grafana stores it: the base step has value null (or -Infinity). */
export interface ThresholdStepLike {
  value: number | null;
  color: string;
}

/**
 * A racing slick's thresholds (the core's {@link RACING_SLICK}), coloured: cold blue, warming light blue, the window
 * green, getting hot orange, overheating red. Colours are Grafana colour names; the base step is at -Infinity, as
 * Grafana's field config has it.
 */
export const RACING_SLICK_THRESHOLDS: readonly { value: number; color: string }[] = [
  { value: -Infinity, color: 'blue' },
  { value: RACING_SLICK.warmingC, color: 'light-blue' },
  { value: RACING_SLICK.window.low, color: 'green' },
  { value: RACING_SLICK.window.high, color: 'orange' },
  { value: RACING_SLICK.overheatingC, color: 'red' },
];

/** Hue in degrees (0–360) and saturation (0–1) of `#rgb`, `#rrggbb`, `#rrggbbaa` or `rgb(a)(r, g, b…)`. */
export function colourHue(colour: string): { hue: number; saturation: number } | undefined {
  const rgb = colourRgb(colour.trim());
  if (!rgb) return undefined;
  const [r, g, b] = rgb.map((c) => c / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const delta = max - min;
  const lightness = (max + min) / 2;
  const saturation = delta === 0 ? 0 : delta / (1 - Math.abs(2 * lightness - 1));
  let hue = 0;
  if (delta > 0) {
    if (max === r) hue = 60 * (((g - b) / delta + 6) % 6);
    else if (max === g) hue = 60 * ((b - r) / delta + 2);
    else hue = 60 * ((r - g) / delta + 4);
  }
  return { hue, saturation };
}

function colourRgb(colour: string): number[] | undefined {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(colour);
  if (hex) {
    const digits = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1].slice(0, 6);
    return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16));
  }
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(colour);
  return fn ? fn.slice(1, 4).map(Number) : undefined;
}

/** Green enough to mean "in the window": a hue from 75° to 165°, not grey. */
export function isWindowColour(colour: string): boolean {
  const hsl = colourHue(colour);
  return hsl !== undefined && hsl.saturation >= 0.2 && hsl.hue >= 75 && hsl.hue <= 165;
}

/**
 * The operating window of threshold steps sorted by value: from the first green step to the first step after it
 * that is not green. `resolve` turns a colour name into a CSS colour (Grafana's `theme.visualization.getColorByName`).
 * Undefined when no step is green.
 */
export function thresholdWindow(
  steps: readonly ThresholdStepLike[],
  resolve: (colour: string) => string = (colour) => colour,
): OperatingWindow | undefined {
  let low: number | undefined;
  for (const step of steps) {
    const value = step.value ?? -Infinity;
    const green = isWindowColour(resolve(step.color));
    if (low === undefined) {
      if (green) low = value;
    } else if (!green) {
      return operatingWindow(low, value);
    }
  }
  return low === undefined ? undefined : operatingWindow(low, Infinity);
}
