/** @jest-environment jsdom */
import { createDataFrame, type DataFrame, FieldType } from '@grafana/data';
import { render, screen } from '@testing-library/react';

import { panelProps } from '../../../../test/panel-props';

import type { TrackMapOptions } from '../types';
import { TrackMapPanel } from './TrackMapPanel';

function renderPanel(series: DataFrame[]) {
  return render(<TrackMapPanel {...panelProps<TrackMapOptions>(series)} />);
}

describe('TrackMapPanel', () => {
  it('explains which fields it needs when there is no data', () => {
    renderPanel([]);
    expect(screen.getByText('No data')).toBeTruthy();
    expect(screen.getByText('This panel needs frames with x/y or lat/lon fields.')).toBeTruthy();
  });

  it('shows the no-data state when no frame has positions', () => {
    renderPanel([createDataFrame({ fields: [{ name: 'speed', type: FieldType.number, values: [120] }] })]);
    expect(screen.getByText('No data')).toBeTruthy();
  });

  it('summarises the position frames it found', () => {
    const metres = createDataFrame({
      fields: [
        { name: 'x', type: FieldType.number, values: [0, 1, 2] },
        { name: 'y', type: FieldType.number, values: [0, 1, 2] },
      ],
    });
    const degrees = createDataFrame({
      fields: [
        { name: 'lat', type: FieldType.number, values: [52.07, 52.08] },
        { name: 'lon', type: FieldType.number, values: [-1.01, -1.02] },
      ],
    });
    renderPanel([metres, degrees]);
    expect(screen.queryByText('No data')).toBeNull();
    expect(screen.getByText('Positions in 2 frames (1 in x/y metres, 1 in lat/lon), 5 samples.')).toBeTruthy();
  });
});
