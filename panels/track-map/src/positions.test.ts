/** @jest-environment jsdom */
import { createDataFrame, FieldType } from '@grafana/data';

import { findPositionTraces, wantedFields } from './positions';

const numbers = (name: string, values: number[]) => ({ name, type: FieldType.number, values });

describe('findPositionTraces', () => {
  it('finds frames with x/y metres or lat/lon degrees, in series order', () => {
    const metres = createDataFrame({ fields: [numbers('x', [1, 2]), numbers('y', [3, 4])] });
    const degrees = createDataFrame({ fields: [numbers('lat', [52.07]), numbers('lon', [-1.01])] });
    const speed = createDataFrame({ fields: [numbers('speed', [200])] });

    const traces = findPositionTraces([degrees, speed, metres]);

    expect(traces.map(({ frame, kind }) => [frame, kind])).toEqual([
      [degrees, 'latlon'],
      [metres, 'xy'],
    ]);
  });

  it('prefers x/y when a frame has both', () => {
    const both = createDataFrame({
      fields: [numbers('lat', [52]), numbers('lon', [-1]), numbers('x', [0]), numbers('y', [0])],
    });
    expect(findPositionTraces([both]).map((trace) => trace.kind)).toEqual(['xy']);
  });

  it('leaves out the track geometry frames, which have x/y but are not cars', () => {
    const centreLine = createDataFrame({
      fields: [numbers('x', [0, 1]), numbers('y', [0, 1])],
      meta: { custom: { trackPart: 'centreLine' } },
    });
    const car = createDataFrame({ fields: [numbers('x', [1]), numbers('y', [1])] });
    expect(findPositionTraces([centreLine, car]).map((trace) => trace.frame)).toEqual([car]);
  });

  it('needs both coordinates as numbers', () => {
    const onlyX = createDataFrame({ fields: [numbers('x', [1])] });
    const textY = createDataFrame({
      fields: [numbers('x', [1]), { name: 'y', type: FieldType.string, values: ['1'] }],
    });
    expect(findPositionTraces([onlyX, textY])).toEqual([]);
  });

  it('reads the fields named in the options', () => {
    const frame = createDataFrame({
      fields: [numbers('gps_lat', [52]), numbers('gps_lon', [-1]), numbers('x', [0]), numbers('y', [0])],
    });
    const choice = { positions: 'latlon' as const, latField: 'gps_lat', lonField: 'gps_lon' };
    const [trace] = findPositionTraces([frame], choice);
    expect([trace.kind, trace.first.name, trace.second.name]).toEqual(['latlon', 'gps_lat', 'gps_lon']);
    expect(findPositionTraces([frame], { positions: 'xy', xField: 'east', yField: 'north' })).toEqual([]);
    expect(wantedFields({ positions: 'xy', xField: 'east', yField: 'north' })).toBe('east and north (metres)');
  });
});
