/** @jest-environment jsdom */
import { createDataFrame, FieldType } from '@grafana/data';

import { findLapFrames } from './laps';

const numbers = (name: string, values: number[]) => ({ name, type: FieldType.number, values });

describe('findLapFrames', () => {
  it('lists the distinct laps of each frame with lap and lap_distance', () => {
    const car7 = createDataFrame({
      fields: [numbers('lap', [3, 3, 4, 4, 2]), numbers('lap_distance', [10, 20, 0, 5, 4900])],
    });
    const car12 = createDataFrame({ fields: [numbers('lap', [1]), numbers('lap_distance', [0])] });

    expect(findLapFrames([car7, car12]).map(({ frame, laps }) => [frame, laps])).toEqual([
      [car7, [2, 3, 4]],
      [car12, [1]],
    ]);
  });

  it('ignores missing lap numbers', () => {
    const frame = createDataFrame({ fields: [numbers('lap', [NaN, 5, NaN]), numbers('lap_distance', [0, 1, 2])] });
    expect(findLapFrames([frame])[0].laps).toEqual([5]);
  });

  it('needs both fields as numbers', () => {
    const noDistance = createDataFrame({ fields: [numbers('lap', [1])] });
    const textLap = createDataFrame({
      fields: [{ name: 'lap', type: FieldType.string, values: ['1'] }, numbers('lap_distance', [0])],
    });
    expect(findLapFrames([noDistance, textLap])).toEqual([]);
  });
});
