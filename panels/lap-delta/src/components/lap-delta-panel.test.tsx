/** @jest-environment jsdom */
import { createDataFrame, type DataFrame, FieldType } from '@grafana/data';
import { render, screen } from '@testing-library/react';

import { panelProps } from '../../../../test/panel-props';

import { DEFAULT_OPTIONS, type LapDeltaOptions } from '../types';
import { LapDeltaPanel } from './lap-delta-panel';

function renderPanel(series: DataFrame[], options: Partial<LapDeltaOptions> = {}) {
  const props = panelProps<LapDeltaOptions>(series, { ...DEFAULT_OPTIONS, ...options });
  return render(<LapDeltaPanel {...props} replaceVariables={(text) => text} />);
}

/** Two laps of 100 m at 10 m/s, sampled at 10 Hz. */
function twoLaps(): DataFrame {
  const time: number[] = [];
  const lap: number[] = [];
  const distance: number[] = [];
  for (let t = 0.05; t < 20; t += 0.1) {
    time.push(1000 * t);
    lap.push(t < 10 ? 1 : 2);
    distance.push((10 * t) % 100);
  }
  return createDataFrame({
    refId: 'A',
    fields: [
      { name: 'time', type: FieldType.time, values: time },
      { name: 'lap', type: FieldType.number, values: lap, labels: { car: '7' } },
      { name: 'lap_distance', type: FieldType.number, values: distance, labels: { car: '7' } },
    ],
  });
}

describe('LapDeltaPanel', () => {
  it('names the fields it needs when there is no data', () => {
    renderPanel([]);
    expect(screen.getByText('No laps')).toBeTruthy();
    expect(screen.getByText(/needs telemetry frames with time, lap and lap_distance \(or speed\) fields/)).toBeTruthy();
  });

  it('lists the frames it found without the lap fields', () => {
    renderPanel([createDataFrame({ name: 'car 7', fields: [{ name: 'speed', type: FieldType.number, values: [1] }] })]);
    expect(screen.getByText(/Found: car 7 \(speed\)/)).toBeTruthy();
  });

  it('says which reference lap is missing', () => {
    renderPanel([twoLaps()], { reference: 'lap', referenceLap: '5' });
    expect(screen.getByText('Reference lap missing')).toBeTruthy();
    expect(screen.getByText(/No lap 5 of car 7 in the data/)).toBeTruthy();
  });

  it('says when the reference is the only lap', () => {
    renderPanel([twoLaps()], { reference: 'lap', referenceLap: '2', compare: 'latest' });
    expect(screen.getByText('Only one lap')).toBeTruthy();
  });
});
