/**
 * The tyre's operating window, read from threshold steps: the band of steps coloured green. A value below it is
 * cold, above it hot. Defaults are for a racing slick, °C.
 */

/** A threshold step as Grafana stores it: the base step has value null (or -Infinity). */
export interface ThresholdStepLike {
  value: number | null;
  color: string;
}

export interface OperatingWindow {
  /** Lowest value in the window. */
  low: number;
  /** The window ends below this value. */
  high: number;
}

export type WindowState = 'cold' | 'optimal' | 'hot' | 'unknown';

/**
 * A racing slick's thresholds, °C: cold below 70 (blue), warming up to 80, in the window 80–105 (green), getting hot
 * to 115, overheating above (red). Colours are Grafana colour names.
 */
export const RACING_SLICK_THRESHOLDS: readonly ThresholdStepLike[] = [
  { value: null, color: 'blue' },
  { value: 70, color: 'light-blue' },
  { value: 80, color: 'green' },
  { value: 105, color: 'orange' },
  { value: 115, color: 'red' },
];

/** Hue in degrees (0–360) and saturation (0–1) of `#rgb`, `#rrggbb`, `#rrggbbaa` or `rgb(a)(r, g, b…)`. */
export function colourHue(colour: string): { hue: number; saturation: number } | undefined {
  let rgb: number[] | undefined;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(colour.trim());
  if (hex) {
    const digits = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1].slice(0, 6);
    rgb = [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16));
  } else {
    const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(colour.trim());
    if (fn) rgb = fn.slice(1, 4).map(Number);
  }
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
export function operatingWindow(
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
      return { low, high: value };
    }
  }
  return low === undefined ? undefined : { low, high: Infinity };
}

export function windowState(value: number, window: OperatingWindow | undefined): WindowState {
  if (!Number.isFinite(value) || !window) return 'unknown';
  if (value < window.low) return 'cold';
  if (value >= window.high) return 'hot';
  return 'optimal';
}
