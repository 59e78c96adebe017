/** @jest-environment jsdom */
import { DEFAULT_OPTIONS } from '../types';
import { lapsTable, telemetryFrame } from '../testing/frames';
import { manualMapping, readTyreData } from './frames';

const time = [1000, 1010, 1020];
const column = [80, 81, 82];

describe('readTyreData', () => {
  const car3 = telemetryFrame(time, { tyre_temp_fl_inner: column }, '3');
  const car7 = telemetryFrame(time, { lap: [1, 1, 1], tyre_temp_fl_inner: column, tyre_temp_rr_outer: column }, '7');

  it('takes the chosen car, else the car with the most tyre zones', () => {
    expect(readTyreData([car3, car7], DEFAULT_OPTIONS, '3')).toMatchObject({ car: '3', cars: ['3', '7'] });
    const auto = readTyreData([car3, car7], DEFAULT_OPTIONS, '');
    expect(auto.car).toBe('7');
    expect(auto.telemetry?.frame).toBe(car7);
    expect(auto.telemetry?.lap?.name).toBe('lap');
    expect(auto.mapping.zoneCount).toBe(2);
  });

  it('reads a laps table alone, finding the channels behind its aggregates, rows of the car in lap order', () => {
    const table = lapsTable([
      { car: '7', lap: 2, start: 100, end: 200, aggregates: { tyre_temp_rl_middle_mean: 90 } },
      { car: '3', lap: 1, start: 0, end: 100, aggregates: { tyre_temp_rl_middle_mean: 80 } },
      { car: '7', lap: 1, start: 0, end: 100, aggregates: { tyre_temp_rl_middle_mean: 85 } },
    ]);
    const data = readTyreData([table], DEFAULT_OPTIONS, '7');
    expect(data.telemetry).toBeUndefined();
    expect(data.mapping.channels.rl.zones).toEqual({ middle: 'tyre_temp_rl_middle' });
    expect(data.laps?.rows.map((row) => row.row)).toEqual([2, 0]);
    expect(readTyreData([table], DEFAULT_OPTIONS, '').car).toBe('7');
  });

  it('skips track frames that carry a time field', () => {
    const track = {
      ...telemetryFrame(time, { tyre_temp_fl_inner: column }, '9'),
      meta: { custom: { trackPart: 'centreLine' } },
    };
    expect(readTyreData([track, car3], DEFAULT_OPTIONS, '').car).toBe('3');
  });
});

describe('manualMapping', () => {
  const manual = { fl_inner: 'A', fl_left: 'B', fl_middle: 'C', fr_pressure: ' P ', rl_brake: '', nonsense: 'X' };

  it('is empty unless mapping by hand', () => {
    expect(manualMapping({ manual, manualZones: 'tyre', mapByHand: false })).toEqual({});
  });

  it('keeps the zone pickers of the chosen naming and every extra', () => {
    expect(manualMapping({ manual, manualZones: 'tyre', mapByHand: true })).toEqual({
      fl_inner: 'A',
      fl_middle: 'C',
      fr_pressure: 'P',
    });
    expect(manualMapping({ manual, manualZones: 'source', mapByHand: true })).toEqual({
      fl_left: 'B',
      fl_middle: 'C',
      fr_pressure: 'P',
    });
  });
});
