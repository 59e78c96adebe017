/** @jest-environment jsdom */
import type { RaceEvent } from '@eracing/telemetry-core/protocol';

import { eventFrame } from './event-frames';

const events: RaceEvent[] = [
  { time: 5000, kind: 'pit_out', car: '7', lap: 4, text: 'Car 7 leaves the pit lane' },
  { time: 1000, kind: 'flag', flag: 'yellow', text: 'Yellow flag' },
  { time: 2000, kind: 'pit_in', car: '7', lap: 3, text: 'Car 7 into the pit lane' },
  { time: 3000, kind: 'flag', flag: 'green', text: 'Green flag' },
  { time: 4000, kind: 'lap', car: '11', lap: 3, duration: 91.5, text: 'Car 11 lap 3' },
];

describe('eventFrame', () => {
  it('sorts by time and spans pit stops and caution flags', () => {
    const frame = eventFrame(events, 'A');
    const column = (name: string) => frame.fields.find((f) => f.name === name)!.values;
    expect(column('time')).toEqual([1000, 2000, 3000, 4000, 5000]);
    expect(column('timeEnd')).toEqual([3000, 5000, null, null, null]);
    expect(column('tags')).toEqual([
      ['flag', 'session', 'yellow'],
      ['pit_in', 'car 7'],
      ['flag', 'session', 'green'],
      ['lap', 'car 11'],
      ['pit_out', 'car 7'],
    ]);
    expect(column('color')).toEqual(['#fade2a', '#8ab8ff', '#73bf69', '#dcbeff', '#8ab8ff']);
    expect(column('duration')).toEqual([null, null, null, 91.5, null]);
    expect(frame).toMatchObject({ name: 'events', refId: 'A', length: 5 });
  });
});
