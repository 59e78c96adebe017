/** @jest-environment jsdom */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { createTheme } from '@grafana/data';

import {
  colourHue,
  isWindowColour,
  RACING_SLICK_THRESHOLDS,
  thresholdWindow,
  type ThresholdStepLike,
} from './threshold-window';

/** Grafana's dark theme colours of the names used in the defaults. */
const GRAFANA: Record<string, string> = {
  blue: '#5794F2',
  'light-blue': '#8AB8FF',
  green: '#73BF69',
  orange: '#FF9830',
  red: '#F2495C',
};
const resolve = (name: string) => GRAFANA[name] ?? name;

describe('thresholdWindow', () => {
  it('is the green band of the racing-slick defaults: 80 to 105 °C', () => {
    expect(thresholdWindow(RACING_SLICK_THRESHOLDS, resolve)).toEqual({ low: 80, high: 105 });
  });

  it('spans consecutive green steps, is open-ended when green is last, and absent without green', () => {
    const steps = [
      { value: null, color: '#5794F2' },
      { value: 60, color: 'rgb(115, 191, 105)' },
      { value: 90, color: '#37872D' },
      { value: 120, color: '#F2495C' },
    ];
    expect(thresholdWindow(steps)).toEqual({ low: 60, high: 120 });
    expect(thresholdWindow(steps.slice(0, 3))).toEqual({ low: 60, high: Infinity });
    expect(thresholdWindow([{ value: null, color: 'green' }], resolve)).toEqual({ low: -Infinity, high: Infinity });
    expect(thresholdWindow([steps[0], steps[3]])).toBeUndefined();
  });
});

describe('colourHue', () => {
  it('reads hex and rgb colours', () => {
    expect(colourHue('#f00')).toEqual({ hue: 0, saturation: 1 });
    expect(colourHue('#00ff0080')?.hue).toBe(120);
    expect(colourHue('rgba(0, 0, 255, 0.5)')?.hue).toBe(240);
    expect(colourHue('green')).toBeUndefined();
    expect(isWindowColour('#808080')).toBe(false);
    expect(isWindowColour('#FF9830')).toBe(false);
    expect(isWindowColour('#73BF69')).toBe(true);
  });
});

describe('the packaged dashboards', () => {
  it('give the racing-slick window, 80 to 105 °C, on every tyre panel', () => {
    const theme = createTheme();
    const windows: unknown[] = [];
    for (const name of ['tyres-brakes', 'live-session']) {
      const dashboard = JSON.parse(
        readFileSync(path.join(__dirname, '../../../../dashboards', `${name}.json`), 'utf8'),
      );
      const panels = (dashboard.panels as Panel[]).flatMap((panel) => [panel, ...(panel.panels ?? [])]);
      for (const panel of panels.filter((p) => p.type === 'eracing-tyreheatmap-panel')) {
        const steps = panel.fieldConfig.defaults.thresholds.steps;
        windows.push(thresholdWindow(steps, (colour) => theme.visualization.getColorByName(colour)));
      }
    }
    expect(windows).toEqual([
      { low: 80, high: 105 },
      { low: 80, high: 105 },
      { low: 80, high: 105 },
    ]);
  });
});

interface Panel {
  type: string;
  panels?: Panel[];
  fieldConfig: { defaults: { thresholds: { steps: ThresholdStepLike[] } } };
}
