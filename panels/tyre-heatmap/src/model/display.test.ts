/** @jest-environment jsdom */
import { createTheme, ThresholdsMode } from '@grafana/data';
import { windowState } from '@eracing/telemetry-core/tyres';

import { numberField, TYRE_FIELD_CONFIG } from '../testing/frames';
import { fieldWindow } from './display';

const theme = createTheme();
const steps = [
  { value: -Infinity, color: 'blue' },
  { value: 50, color: 'green' },
  { value: 75, color: 'red' },
];

describe('fieldWindow', () => {
  it('is the green band of absolute thresholds, in °C', () => {
    const field = numberField('tyre_temp_fl_inner', [90], TYRE_FIELD_CONFIG);
    expect(fieldWindow(field, theme)).toEqual({ low: 80, high: 105 });
  });

  it('reads percentage thresholds as shares of the field’s min to max, so that hot and cold are right', () => {
    const config = { ...TYRE_FIELD_CONFIG, min: 20, max: 120, thresholds: { mode: ThresholdsMode.Percentage, steps } };
    const window = fieldWindow(numberField('tyre_temp_fl_inner', [90], config), theme);
    // 50 % to 75 % of 20–120 °C, not 50 °C to 75 °C.
    expect(window).toEqual({ low: 70, high: 95 });
    expect(windowState(90, window)).toBe('optimal');
    expect(windowState(60, window)).toBe('cold');
    expect(windowState(100, window)).toBe('hot');
  });

  it('takes the values’ range for percentage thresholds without min and max, and has none for an empty range', () => {
    const config = {
      ...TYRE_FIELD_CONFIG,
      min: undefined,
      max: undefined,
      thresholds: { mode: ThresholdsMode.Percentage, steps },
    };
    expect(fieldWindow(numberField('tyre_temp_fl_inner', [60, 100, 140], config), theme)).toEqual({
      low: 100,
      high: 120,
    });
    expect(fieldWindow(numberField('tyre_temp_fl_inner', [80, 80], config), theme)).toBeUndefined();
  });
});
