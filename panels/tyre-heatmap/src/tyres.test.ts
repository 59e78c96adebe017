/** @jest-environment jsdom */
import { createDataFrame, FieldType } from '@grafana/data';

import { tyreTemperatureCoverage } from './tyres';

const numbers = (name: string) => ({ name, type: FieldType.number, values: [80] });

describe('tyreTemperatureCoverage', () => {
  it('counts the surface-temperature zones per wheel across frames', () => {
    const front = createDataFrame({
      fields: [numbers('tyre_temp_fl_inner'), numbers('tyre_temp_fl_middle'), numbers('tyre_temp_fr_outer')],
    });
    const rear = createDataFrame({ fields: [numbers('tyre_temp_rr_inner'), numbers('tyre_temp_fl_inner')] });

    expect(tyreTemperatureCoverage([front, rear])).toEqual([
      { wheel: 'fl', zones: 2 },
      { wheel: 'fr', zones: 1 },
      { wheel: 'rl', zones: 0 },
      { wheel: 'rr', zones: 1 },
    ]);
  });

  it('ignores pressures, brake temperatures, unknown names and non-number fields', () => {
    const frame = createDataFrame({
      fields: [
        numbers('tyre_pressure_fl'),
        numbers('brake_temp_fl'),
        numbers('tyre_temp_fl'),
        numbers('tyre_temp_xx_inner'),
        { name: 'tyre_temp_fl_inner', type: FieldType.string, values: ['80'] },
      ],
    });
    expect(tyreTemperatureCoverage([frame]).every(({ zones }) => zones === 0)).toBe(true);
  });
});
