/** @jest-environment jsdom */
import { createTheme } from '@grafana/data';

import { DEFAULT_OPTIONS } from '../types';
import { telemetryFrame } from '../testing/frames';
import { carStateAt, firstZoneField, missingCoreNotice } from './car-state';
import { readTyreData } from './frames';

const theme = createTheme();
const colour = (name: string) => theme.visualization.getColorByName(name);
const shown = { showPressure: true, showBrake: true, showCore: true };

const frame = telemetryFrame([1000, 1010, 1020, 1030], {
  tyre_temp_fl_inner: [60, 65, 90, 120],
  tyre_temp_fl_outer: [60, NaN, NaN, 100],
  tyre_temp_rr_middle: [75, 75, 75, 75],
  tyre_pressure_fl: [1.7, 1.71, 1.72, 1.8],
  brake_temp_fl: [300, 310, 320, 330],
});
const data = readTyreData([frame], DEFAULT_OPTIONS, '');

describe('carStateAt', () => {
  it('shows the latest sample: value in the unit, colour and window state by the thresholds', () => {
    const state = carStateAt(data.telemetry!, data.mapping.channels, theme, shown);
    expect(state.time).toBe(1030);
    const fl = state.wheels[0];
    expect(fl.zones).toEqual([
      { zone: 'inner', text: '120.0 °C', colour: colour('red'), state: 'hot' },
      { zone: 'outer', text: '100.0 °C', colour: colour('green'), state: 'optimal' },
    ]);
    expect(fl.pressure).toBe('1.80 bar');
    expect(fl.brake).toBe('330.0 °C');
    expect(fl.core).toBeUndefined();
    expect(state.wheels[3].zones).toEqual([
      { zone: 'middle', text: '75.0 °C', colour: colour('light-blue'), state: 'cold' },
    ]);
    expect(state.wheels[1].zones).toEqual([]);
  });

  it('shows the sample at or before a cursor time, the last finite value of a gappy channel', () => {
    const state = carStateAt(data.telemetry!, data.mapping.channels, theme, { ...shown, at: 1025 });
    expect(state.time).toBe(1020);
    expect(state.wheels[0].zones).toEqual([
      { zone: 'inner', text: '90.0 °C', colour: colour('green'), state: 'optimal' },
      { zone: 'outer', text: '60.0 °C', colour: colour('blue'), state: 'cold' },
    ]);
    const before = carStateAt(data.telemetry!, data.mapping.channels, theme, { ...shown, at: 999 });
    expect(before.time).toBeUndefined();
    expect(before.wheels[0].zones[0]).toMatchObject({ text: '–', state: 'unknown' });
  });

  it('leaves out what the options hide', () => {
    const state = carStateAt(data.telemetry!, data.mapping.channels, theme, {
      showPressure: false,
      showBrake: true,
      showCore: false,
    });
    expect(state.wheels[0].pressure).toBeUndefined();
    expect(state.wheels[0].brake).toBe('330.0 °C');
  });
});

describe('missingCoreNotice', () => {
  it('says the session has no core temperature, and which names were looked for', () => {
    expect(missingCoreNotice(data.telemetry!, data.mapping)).toBe(
      'No core temperature in this session: tyre_core_temp_fl to tyre_core_temp_rr are not in the data. ' +
        'Turn it off or map the fields in the panel options.',
    );
  });

  it('names the wheels without it when some have it, and says nothing when all have it', () => {
    const core = (wheels: string[]) =>
      readTyreData(
        [
          telemetryFrame([1000], {
            tyre_temp_fl_inner: [80],
            ...Object.fromEntries(wheels.map((w) => [`tyre_core_temp_${w}`, [90]])),
          }),
        ],
        DEFAULT_OPTIONS,
        '',
      );
    const some = core(['fl', 'fr']);
    expect(missingCoreNotice(some.telemetry!, some.mapping)).toMatch(
      /^No core temperature for RL, RR in this session: tyre_core_temp_rl and tyre_core_temp_rr are not in the data\./,
    );
    const one = core(['fl', 'fr', 'rl']);
    expect(missingCoreNotice(one.telemetry!, one.mapping)).toMatch(
      /^No core temperature for RR in this session: tyre_core_temp_rr is not/,
    );
    const all = core(['fl', 'fr', 'rl', 'rr']);
    expect(missingCoreNotice(all.telemetry!, all.mapping)).toBeUndefined();
  });

  it('looks for the names of the naming the zones were found by', () => {
    const motec = readTyreData([telemetryFrame([1000], { LFtempL: [80], LFtempM: [80] })], DEFAULT_OPTIONS, '');
    expect(missingCoreNotice(motec.telemetry!, motec.mapping)).toContain('LFtempCM to RRtempCM are not in the data');
  });
});

describe('firstZoneField', () => {
  it('is the first zone with data, front left inner first', () => {
    expect(firstZoneField(data.telemetry!, data.mapping.channels)?.name).toBe('tyre_temp_fl_inner');
    const rear = readTyreData([telemetryFrame([1000], { tyre_temp_rr_outer: [80] })], DEFAULT_OPTIONS, '');
    expect(firstZoneField(rear.telemetry!, rear.mapping.channels)?.name).toBe('tyre_temp_rr_outer');
  });
});
