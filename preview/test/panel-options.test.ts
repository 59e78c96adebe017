/** @jest-environment jsdom */
// The core panels' option configs and the panel header's notices.
import { toDataFrame } from '@grafana/data';

import { frameNotices } from '../src/dashboard/panel-header';
import { radio, slider } from '../src/panels/choice';

describe('option configs', () => {
  it('makes a radio of [value, label] pairs, under a category when given', () => {
    expect(
      radio('graphMode', 'Graph mode', 'area', [
        ['none', 'None'],
        ['area', 'Area'],
      ]),
    ).toEqual({
      path: 'graphMode',
      name: 'Graph mode',
      defaultValue: 'area',
      settings: {
        options: [
          { value: 'none', label: 'None' },
          { value: 'area', label: 'Area' },
        ],
      },
    });
    expect(radio('legend.placement', 'Legend placement', 'bottom', [['bottom', 'Bottom']], ['Legend'])).toEqual({
      path: 'legend.placement',
      name: 'Legend placement',
      category: ['Legend'],
      defaultValue: 'bottom',
      settings: { options: [{ value: 'bottom', label: 'Bottom' }] },
    });
  });

  it.each([
    [slider('lineWidth', 'Line width', 1, 10), { min: 0, max: 10, step: 1 }],
    [slider('barWidth', 'Bar width', 0.97, 1, 0.01), { min: 0, max: 1, step: 0.01 }],
  ])('makes a slider from 0 to its max: %j', (config, settings) => {
    expect(config.settings).toEqual(settings);
  });
});

describe('frameNotices', () => {
  it('lists each distinct notice text once, with the last severity it had', () => {
    const frame = (notices: Array<{ severity: 'info' | 'warning'; text: string }>) =>
      toDataFrame({ fields: [], meta: { notices } });
    const series = [
      frame([{ severity: 'info', text: 'No lap_distance' }]),
      frame([
        { severity: 'warning', text: 'No lap_distance' },
        { severity: 'info', text: 'Car 7 has no data' },
      ]),
    ];
    expect(frameNotices(series)).toEqual([
      { severity: 'warning', text: 'No lap_distance' },
      { severity: 'info', text: 'Car 7 has no data' },
    ]);
    expect(frameNotices(undefined)).toEqual([]);
  });
});
