/** @jest-environment jsdom */
import {
  createTheme,
  FieldColorModeId,
  FieldType,
  getDisplayProcessor,
  toDataFrame,
  type DataFrame,
} from '@grafana/data';

import { barChartProblem, layOutBars } from '../src/panels/barchart-model';

const theme = createTheme();

/** Energy per lap as the lap comparison's bar chart gets it: lap as a string, two kWh fields with fixed colours. */
function energyPerLap(used: Array<number | null>, regen: Array<number | null>): DataFrame {
  const frame = toDataFrame({
    fields: [
      { name: 'lap', type: FieldType.string, values: used.map((_, i) => String(i + 1)) },
      {
        name: 'energy_used',
        type: FieldType.number,
        values: used,
        config: {
          displayName: 'Used',
          unit: 'kwatth',
          decimals: 2,
          color: { mode: FieldColorModeId.Fixed, fixedColor: 'orange' },
        },
      },
      {
        name: 'energy_regen',
        type: FieldType.number,
        values: regen,
        config: {
          displayName: 'Regenerated',
          unit: 'kwatth',
          decimals: 2,
          color: { mode: FieldColorModeId.Fixed, fixedColor: 'green' },
        },
      },
    ],
  });
  for (const field of frame.fields) field.display = getDisplayProcessor({ field, theme });
  return frame;
}

const options = { xField: 'lap', groupWidth: 0.7, barWidth: 0.9 };
const box = { width: 600, height: 200 };

describe('the preview bar chart', () => {
  it('draws one bar per lap and field, as tall as its value on a zero-based axis, in the field colour', () => {
    const layout = layOutBars(energyPerLap([1.2, 1.5, 0.9], [0.3, 0.4, 0.2]), options, box, theme);
    expect(layout.series).toEqual([
      { name: 'Used', color: theme.visualization.getColorByName('orange') },
      { name: 'Regenerated', color: theme.visualization.getColorByName('green') },
    ]);
    expect(layout.bars).toHaveLength(6);
    expect(layout.baseline).toBe(box.height);
    // Heights in proportion to the values, the tallest within the plot.
    const lap1Used = layout.bars.find((b) => b.title === 'lap 1 · Used: 1.20 kWh')!;
    const lap2Used = layout.bars.find((b) => b.title === 'lap 2 · Used: 1.50 kWh')!;
    expect(lap2Used.height / lap1Used.height).toBeCloseTo(1.5 / 1.2, 6);
    expect(lap2Used.height).toBeGreaterThan(box.height * 0.7);
    expect(lap2Used.y).toBeGreaterThanOrEqual(0);
    expect(lap2Used.color).toBe(theme.visualization.getColorByName('orange'));
    // Lap 2's group sits in the middle third; its two bars side by side, used first.
    const lap2 = layout.bars.filter((b) => b.title.startsWith('lap 2 '));
    expect(lap2[0].x).toBeGreaterThan(200);
    expect(lap2[1].x + lap2[1].width).toBeLessThan(400);
    expect(lap2[0].x + lap2[0].width).toBeLessThanOrEqual(lap2[1].x);
    expect(layout.categoryTicks.map((t) => t.text)).toEqual(['1', '2', '3']);
    expect(layout.valueTicks[0].text).toBe('0.00 kWh');
  });

  it('leaves out a missing value instead of drawing it as zero', () => {
    const layout = layOutBars(energyPerLap([1.2, null], [0.3, 0.1]), options, box, theme);
    expect(layout.bars.map((b) => b.title)).toEqual([
      'lap 1 · Used: 1.20 kWh',
      // Grafana's kWh unit shows values under 1 kWh in Wh.
      'lap 1 · Regenerated: 300.00 Wh',
      'lap 2 · Regenerated: 100.00 Wh',
    ]);
  });

  it('labels every n-th lap when the laps are too close for every label', () => {
    const many = Array.from({ length: 60 }, () => 1);
    const layout = layOutBars(energyPerLap(many, many), options, box, theme);
    expect(layout.categoryTicks.length).toBeLessThanOrEqual(box.width / 40);
    expect(layout.categoryTicks[1].text).toBe('5');
  });

  it('says why a frame cannot be drawn, as Grafana does', () => {
    expect(barChartProblem(undefined)).toBe('No data');
    const numbersOnly = toDataFrame({ fields: [{ name: 'lap', type: FieldType.number, values: [1] }] });
    expect(barChartProblem(numbersOnly, 'time')).toBe('Bar charts requires a string or time field');
    const noValues = toDataFrame({ fields: [{ name: 'lap', type: FieldType.string, values: ['1'] }] });
    expect(barChartProblem(noValues, 'lap')).toBe('No numeric fields found');
    expect(barChartProblem(energyPerLap([1], [0]), 'lap')).toBeUndefined();
    // A logger session without energy channels: laps, but no value to draw (not an axis of nWh round zero).
    expect(barChartProblem(energyPerLap([null, null], [null, null]), 'lap')).toBe('No data');
  });
});
