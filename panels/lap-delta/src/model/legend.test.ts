/** @jest-environment jsdom */
import { formatTimeDelta, lapTimeMs } from '@eracing/telemetry-core/laps';

import { best, invalid, other, table, telemetry, view } from '../testing/simulated-session';
import { legend } from './legend';
import type { LapDeltaView } from './types';

describe('legend', () => {
  it('gives each compared lap its time against the reference, and names the reference', () => {
    const state = view([telemetry([other], 'A'), telemetry([best], 'B'), table]) as LapDeltaView;
    const delta = formatTimeDelta(lapTimeMs(other.lapTime!) / 1000 - lapTimeMs(best.lapTime!) / 1000);
    expect(legend(state)).toEqual({
      laps: [{ key: state.laps[0].key, label: `Lap ${other.lap}`, end: `${delta} s` }],
      reference: `vs Lap ${best.lap} (reference)`,
      invalidReference: undefined,
    });
  });

  it('says why an explicitly chosen reference is invalid', () => {
    const state = view([telemetry([other, invalid], 'A'), table], { reference: 'lap', referenceLap: invalid.lap });
    expect(legend(state as LapDeltaView).invalidReference).toBe((state as LapDeltaView).reference.flags);
    expect((state as LapDeltaView).reference.flags).not.toBe('');
  });
});
