/** @jest-environment jsdom */
import { createTheme, FieldColorModeId, ThresholdsMode } from '@grafana/data';

import { numberField, TYRE_FIELD_CONFIG } from '../testing/frames';
import { fittingTicks, temperatureLegend, type LegendTick } from './legend';
import { valueColours } from './display';

const theme = createTheme();
const colour = (name: string) => theme.visualization.getColorByName(name);
const field = (config = {}, values = [60, 90, 120]) =>
  numberField('tyre_temp_fl_inner', values, { ...TYRE_FIELD_CONFIG, ...config });

describe('temperatureLegend', () => {
  it('spans min to max with a flat band per threshold step, in the colours the cells get', () => {
    const legend = temperatureLegend(field(), theme)!;
    expect([legend.min, legend.max]).toEqual([20, 130]);
    expect(legend.ticks.map((tick) => [tick.text, tick.major])).toEqual([
      ['20.0 °C', true],
      ['70.0 °C', false],
      ['80.0 °C', true],
      ['105.0 °C', true],
      ['115.0 °C', false],
      ['130.0 °C', true],
    ]);
    expect(legend.ticks[2].at).toBeCloseTo(60 / 110, 12);
    const [cold, warming, window, hot, overheating] = valueColours(field(), [50, 75, 90, 110, 120], theme);
    expect([cold, warming, window, hot, overheating]).toEqual(
      ['blue', 'light-blue', 'green', 'orange', 'red'].map(colour),
    );
    expect(legend.gradient).toBe(
      `linear-gradient(to right, ${cold} 0%, ${cold} 45.45%, ${warming} 45.45%, ${warming} 54.55%, ` +
        `${window} 54.55%, ${window} 77.27%, ${hot} 77.27%, ${hot} 86.36%, ${overheating} 86.36%, ${overheating} 100%)`,
    );
  });

  it('marks the operating window, the green band of the thresholds', () => {
    const legend = temperatureLegend(field(), theme)!;
    expect(legend.window?.text).toBe('80.0 °C to 105.0 °C');
    expect(legend.window?.from).toBeCloseTo(60 / 110, 12);
    expect(legend.window?.to).toBeCloseTo(85 / 110, 12);
    expect(legend.description).toBe(
      'Temperature scale from 20.0 °C to 130.0 °C, steps at 70.0 °C, 80.0 °C, 105.0 °C, 115.0 °C; ' +
        'operating window 80.0 °C to 105.0 °C',
    );
  });

  it('takes the range from the values without min and max, as the cells do, and only the steps inside it', () => {
    const legend = temperatureLegend(field({ min: undefined, max: undefined }, [75, 100, 110]), theme)!;
    expect([legend.min, legend.max]).toEqual([75, 110]);
    expect(legend.ticks.map((tick) => tick.value)).toEqual([75, 80, 105, 110]);
    expect(legend.window?.from).toBeCloseTo(5 / 35, 12);
  });

  it('reads percentage thresholds as a share of the range, the window too', () => {
    const steps = [
      { value: -Infinity, color: 'blue' },
      { value: 50, color: 'green' },
      { value: 75, color: 'red' },
    ];
    const legend = temperatureLegend(field({ thresholds: { mode: ThresholdsMode.Percentage, steps } }), theme)!;
    expect(legend.ticks.map((tick) => tick.value)).toEqual([20, 75, 102.5, 130]);
    // The green step, 50 % to 75 % of 20–130 °C.
    expect(legend.window?.text).toBe('75.0 °C to 102.5 °C');
    expect(legend.window?.from).toBeCloseTo(0.5, 12);
    expect(legend.window?.to).toBeCloseTo(0.75, 12);
  });

  it('samples a continuous colour scheme along the bar', () => {
    const legend = temperatureLegend(field({ color: { mode: FieldColorModeId.ContinuousBlYlRd } }), theme)!;
    const stops = legend.gradient.match(/ \d+(\.\d+)?%/g)!;
    expect(stops).toHaveLength(12);
    expect(legend.gradient).toContain(
      `${valueColours(field({ color: { mode: FieldColorModeId.ContinuousBlYlRd } }), [130], theme)[0]} 100%`,
    );
  });

  it('has no legend for an empty range', () => {
    expect(temperatureLegend(field({ min: 80, max: 80 }), theme)).toBeUndefined();
  });
});

describe('fittingTicks', () => {
  const tick = (at: number, major = false): LegendTick => ({ value: at * 100, at, text: String(at), major });

  it('keeps the ends and window edges first, then the steps with room', () => {
    const ticks = [tick(0, true), tick(0.45), tick(0.55, true), tick(0.77, true), tick(0.86), tick(1, true)];
    expect(fittingTicks(ticks, 1000, 44).map((t) => t.at)).toEqual([0, 0.45, 0.55, 0.77, 0.86, 1]);
    // 300 px: 0.45 is 30 px from the window's 0.55, 0.86 27 px from 0.77
    expect(fittingTicks(ticks, 300, 44).map((t) => t.at)).toEqual([0, 0.55, 0.77, 1]);
  });
});
