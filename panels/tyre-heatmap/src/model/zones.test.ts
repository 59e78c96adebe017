import { resolveTyreChannels } from '@eracing/telemetry-core/tyres';

import { mappedZones } from './zones';

describe('mappedZones', () => {
  it('lists the mapped zones wheel by wheel, inner to outer, with their field names', () => {
    const { channels } = resolveTyreChannels(
      new Set(['tyre_temp_rr_outer', 'tyre_temp_fl_outer', 'tyre_temp_fl_inner', 'speed']),
      'auto',
      {},
    );
    expect(mappedZones(channels)).toEqual([
      { wheel: 'fl', zone: 'inner', name: 'tyre_temp_fl_inner' },
      { wheel: 'fl', zone: 'outer', name: 'tyre_temp_fl_outer' },
      { wheel: 'rr', zone: 'outer', name: 'tyre_temp_rr_outer' },
    ]);
  });
});
