/** @jest-environment jsdom */
import { createDataFrame, type DataFrame, FieldType } from '@grafana/data';
import { render, screen } from '@testing-library/react';

import { panelProps } from '../../../../test/panel-props';

import { DEFAULT_OPTIONS, type TrackMapOptions } from '../types';
import { TrackMapPanel } from './track-map-panel';

function renderPanel(series: DataFrame[], options: Partial<TrackMapOptions> = {}) {
  const props = panelProps<TrackMapOptions>(series, { ...DEFAULT_OPTIONS, ...options });
  const eventBus = { getStream: () => ({ subscribe: () => ({ unsubscribe() {} }) }), publish() {} };
  return render(<TrackMapPanel {...props} width={400} height={300} eventBus={eventBus as never} />);
}

const numbers = (name: string, values: number[]) => ({ name, type: FieldType.number, values });

describe('TrackMapPanel', () => {
  it('names the fields it needs when there is no data', () => {
    renderPanel([]);
    expect(screen.getByText('No data')).toBeTruthy();
    expect(
      screen.getByText('This panel needs frames with x and y (metres), or lat and lon (degrees) fields.'),
    ).toBeTruthy();
  });

  it('names the fields chosen in the options', () => {
    renderPanel([createDataFrame({ fields: [numbers('speed', [120])] })], {
      positions: 'latlon',
      latField: 'gps_lat',
      lonField: 'gps_lon',
    });
    expect(screen.getByText('This panel needs frames with gps_lat and gps_lon (degrees) fields.')).toBeTruthy();
  });

  it('says so when every position is a dropout', () => {
    renderPanel([createDataFrame({ fields: [numbers('lat', [0, 0, NaN]), numbers('lon', [0, 0, 1])] })]);
    expect(screen.getByText('No positions')).toBeTruthy();
  });

  it('draws the map with its legend when a frame has positions', () => {
    const frame = createDataFrame({
      fields: [numbers('x', [0, 50, 100, 50]), numbers('y', [0, 40, 0, -40]), numbers('speed', [100, 150, 200, 120])],
    });
    renderPanel([frame]);
    expect(screen.getByTestId('trackmap')).toBeTruthy();
    expect(screen.getByTestId('trackmap-legend').textContent).toContain('speed');
  });

  it('stacks the trails above the racing line, and the labels above the car markers', () => {
    const frame = createDataFrame({
      fields: [numbers('x', [0, 50, 100, 50]), numbers('y', [0, 40, 0, -40]), numbers('speed', [100, 150, 200, 120])],
    });
    renderPanel([frame]);
    // Later siblings paint over earlier ones.
    const layers = Array.from(screen.getByTestId('trackmap').querySelectorAll('canvas'), (c) => c.dataset.testid);
    expect(layers).toEqual([
      'trackmap-track',
      'trackmap-line',
      'trackmap-trails',
      'trackmap-markers',
      'trackmap-labels',
    ]);
  });
});
