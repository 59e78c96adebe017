/** @jest-environment jsdom */
import { createDataFrame, type DataFrame, FieldType } from '@grafana/data';
import { render, screen } from '@testing-library/react';

import { panelProps } from '../../../../test/panel-props';

import type { LapDeltaOptions } from '../types';
import { LapDeltaPanel } from './LapDeltaPanel';

function renderPanel(series: DataFrame[]) {
  return render(<LapDeltaPanel {...panelProps<LapDeltaOptions>(series)} />);
}

describe('LapDeltaPanel', () => {
  it('explains which fields it needs when there is no data', () => {
    renderPanel([]);
    expect(screen.getByText('No laps')).toBeTruthy();
    expect(screen.getByText('This panel needs frames with lap and lap_distance fields.')).toBeTruthy();
  });

  it('shows the no-laps state when the lap fields are empty', () => {
    renderPanel([
      createDataFrame({
        fields: [
          { name: 'lap', type: FieldType.number, values: [] },
          { name: 'lap_distance', type: FieldType.number, values: [] },
        ],
      }),
    ]);
    expect(screen.getByText('No laps')).toBeTruthy();
  });

  it('counts the laps it found', () => {
    renderPanel([
      createDataFrame({
        fields: [
          { name: 'lap', type: FieldType.number, values: [1, 1, 2, 3] },
          { name: 'lap_distance', type: FieldType.number, values: [0, 100, 0, 0] },
        ],
      }),
    ]);
    expect(screen.queryByText('No laps')).toBeNull();
    expect(screen.getByText('3 laps in 1 frame.')).toBeTruthy();
  });
});
