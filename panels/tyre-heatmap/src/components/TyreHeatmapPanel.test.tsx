/** @jest-environment jsdom */
import { createDataFrame, type DataFrame, FieldType } from '@grafana/data';
import { render, screen } from '@testing-library/react';

import { panelProps } from '../../../../test/panel-props';

import type { TyreHeatmapOptions } from '../types';
import { TyreHeatmapPanel } from './TyreHeatmapPanel';

function renderPanel(series: DataFrame[]) {
  return render(<TyreHeatmapPanel {...panelProps<TyreHeatmapOptions>(series)} />);
}

describe('TyreHeatmapPanel', () => {
  it('explains which fields it needs when there is no data', () => {
    renderPanel([]);
    expect(screen.getByText('No tyre channels')).toBeTruthy();
    expect(
      screen.getByText('This panel needs tyre_temp_<wheel>_<zone> fields, such as tyre_temp_fl_inner.'),
    ).toBeTruthy();
  });

  it('reports the tyre temperature channels it found per wheel', () => {
    const zones = ['inner', 'middle', 'outer'];
    renderPanel([
      createDataFrame({
        fields: [
          ...zones.map((zone) => ({ name: `tyre_temp_fl_${zone}`, type: FieldType.number, values: [85] })),
          { name: 'tyre_temp_rr_outer', type: FieldType.number, values: [90] },
        ],
      }),
    ]);
    expect(screen.queryByText('No tyre channels')).toBeNull();
    expect(screen.getByText('4 of 12 tyre temperature channels: FL 3/3, FR 0/3, RL 0/3, RR 1/3.')).toBeTruthy();
  });
});
