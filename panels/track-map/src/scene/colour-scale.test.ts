/** @jest-environment jsdom */
import {
  createTheme,
  type Field,
  FieldColorModeId,
  FieldType,
  getScaleCalculator,
  ThresholdsMode,
} from '@grafana/data';

import { colourScale, CONTINUOUS_BUCKETS, legendGradient, valueRange } from './colour-scale';

const theme = createTheme();

function speedField(config: Field['config'] = {}): Field {
  return { name: 'speed', type: FieldType.number, config: { unit: 'velocitykmh', ...config }, values: [100, 200] };
}

describe('colourScale', () => {
  it("samples a continuous scheme into buckets with Grafana's own colours", () => {
    const field = speedField({ color: { mode: FieldColorModeId.ContinuousBlYlRd } });
    const scale = colourScale(field, { min: 60, max: 280 }, theme);
    expect(scale.colours).toHaveLength(CONTINUOUS_BUCKETS);
    expect(scale.stepped).toBe(false);
    const grafana = getScaleCalculator(
      { ...field, config: { ...field.config, min: 60, max: 280 }, state: { range: { min: 60, max: 280, delta: 220 } } },
      theme,
    );
    const step = 220 / CONTINUOUS_BUCKETS;
    expect(scale.colours[0]).toBe(grafana(60 + step / 2).color);
    expect(scale.colours[CONTINUOUS_BUCKETS - 1]).toBe(grafana(280 - step / 2).color);
    expect(scale.colours[0]).not.toBe(scale.colours[CONTINUOUS_BUCKETS - 1]);
  });

  it('gives one bucket per threshold step, edged exactly at the steps', () => {
    const field = speedField({
      color: { mode: FieldColorModeId.Thresholds },
      thresholds: {
        mode: ThresholdsMode.Absolute,
        steps: [
          { value: -Infinity, color: 'blue' },
          { value: 120, color: 'green' },
          { value: 220, color: 'red' },
        ],
      },
    });
    const scale = colourScale(field, { min: 60, max: 280 }, theme);
    expect(Array.from(scale.edges)).toEqual([120, 220]);
    expect(scale.colours).toEqual(['blue', 'green', 'red'].map((c) => theme.visualization.getColorByName(c)));
    expect(scale.stepped).toBe(true);
    expect(legendGradient(scale)).toContain('27.27%'); // 120 km/h on the 60…280 bar
  });

  it('places percentage thresholds on the range', () => {
    const field = speedField({
      color: { mode: FieldColorModeId.Thresholds },
      thresholds: {
        mode: ThresholdsMode.Percentage,
        steps: [
          { value: -Infinity, color: 'blue' },
          { value: 50, color: 'red' },
        ],
      },
    });
    expect(Array.from(colourScale(field, { min: 100, max: 300 }, theme).edges)).toEqual([200]);
  });

  it("replaces the datasource's fixed car colour with the panel's by-value scheme, else green-yellow-red", () => {
    const fixed = speedField({ color: { mode: FieldColorModeId.Fixed, fixedColor: '#e6194b' } });
    const panelDefault = { mode: FieldColorModeId.ContinuousBlPu };
    const viaPanel = colourScale(fixed, { min: 0, max: 100 }, theme, panelDefault);
    const expected = colourScale(speedField({ color: panelDefault }), { min: 0, max: 100 }, theme);
    expect(viaPanel.colours).toEqual(expected.colours);
    const fallback = colourScale(fixed, { min: 0, max: 100 }, theme);
    const grYlRd = colourScale(
      speedField({ color: { mode: FieldColorModeId.ContinuousGrYlRd } }),
      { min: 0, max: 100 },
      theme,
    );
    expect(fallback.colours).toEqual(grYlRd.colours);
  });

  it('formats the legend in the field unit', () => {
    const scale = colourScale(speedField(), { min: 60.26, max: 276 }, theme);
    expect(scale.display(scale.max).suffix?.trim()).toBe('km/h');
  });

  it('finds the range of the finite values', () => {
    expect(valueRange([NaN, 3, -2, 8, NaN])).toEqual({ min: -2, max: 8 });
    expect(valueRange([NaN])).toBeUndefined();
  });
});
