import type { ChartModel } from '../chart/types';
import { readoutText } from './readout';

describe('readoutText', () => {
  const model: ChartModel = {
    distance: [0, 1, 2],
    deltas: [{ label: 'Lap 3', color: 'red', values: [0, 0.1234, null] }],
    channels: [
      {
        name: 'speed',
        label: 'Speed',
        format: (v) => `${v} km/h`,
        series: [
          { label: 'Lap 3', color: 'red', values: [200, 201, 202] },
          { label: 'Lap 2 (reference)', color: 'grey', values: [199, NaN, 203] },
        ],
      },
    ],
    sectors: [],
    zones: [],
  };

  it('writes the distance, each lap’s delta and each channel’s values at the index, a dash where there is none', () => {
    expect(readoutText(model, 1)).toBe('1 m · Lap 3 +0.123 s · Speed 201 km/h / –');
    expect(readoutText(model, 2)).toBe('2 m · Lap 3 – · Speed 202 km/h / 203 km/h');
  });
});
