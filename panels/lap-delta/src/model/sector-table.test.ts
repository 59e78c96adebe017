/** @jest-environment jsdom */
import { formatLapTime } from '@eracing/telemetry-core/laps';

import { best, other, table, telemetry, view } from '../testing/simulated-session';
import { sectorTable } from './sector-table';
import type { LapDeltaView } from './types';

describe('sectorTable', () => {
  const state = view([telemetry([other], 'A'), telemetry([best], 'B'), table]) as LapDeltaView;
  const model = sectorTable(state)!;

  it('has the reference first, without deltas, then the compared laps with theirs', () => {
    expect(model.sectors).toBe(best.sectorTimes.length);
    expect(model.rows.map((r) => [r.label, r.reference, r.lapIndex])).toEqual([
      [`Lap ${best.lap}`, true, -1],
      [`Lap ${other.lap}`, false, 0],
    ]);
    expect(model.rows[0].cells.every((c) => c!.delta === undefined)).toBe(true);
    expect(model.rows[0].lapDelta).toBeUndefined();
    const lap = model.rows[1];
    expect(lap.lapTime).toBe(formatLapTime(other.lapTime));
    expect(lap.lapDelta!.slower).toBe(other.lapTime! > best.lapTime!);
    lap.cells.forEach((cell, k) => expect(cell!.delta!.slower).toBe(state.sectorCells.get(lap.key)![k].delta > 0));
  });

  it('marks the session’s best sectors over the car’s, and only where the view has them', () => {
    for (const row of model.rows) {
      row.cells.forEach((cell, k) => {
        const source = state.sectorCells.get(row.key)![k];
        expect(cell!.best).toBe(source.sessionBest ? 'session' : source.personalBest ? 'personal' : undefined);
      });
    }
  });

  it('writes the theoretical best beside the best lap', () => {
    const { theoreticalBest } = state;
    expect(model.theoretical).toMatchObject({ car: theoreticalBest!.car, time: formatLapTime(theoreticalBest!.time) });
    expect(model.theoretical!.bestLap).toMatch(new RegExp(`^best lap ${formatLapTime(theoreticalBest!.bestLap)}, `));
  });

  it('is absent when no lap has a sector time', () => {
    const bare = { ...state, reference: { ...state.reference, sectorTimes: [] }, laps: [] };
    expect(sectorTable(bare)).toBeUndefined();
  });
});
