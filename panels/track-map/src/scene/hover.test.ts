/** @jest-environment jsdom */
import { createDataFrame, createTheme, FieldType, getDisplayProcessor } from '@grafana/data';

import { findPositionTraces } from '../positions';
import { readCars } from './cars';
import { cursorOf, cursorPosition, tooltipRows, lineSample } from './hover';
import { buildLine, type LapSlice, sliceValues } from './line';

const T0 = 1_764_000_000_000;
const theme = createTheme();

/** Car 7 driving east along y = 0 at 10 m per 100 ms sample, lap 3, 20 samples. */
function carSeven() {
  const n = 20;
  const frame = createDataFrame({
    name: 'car 7',
    fields: [
      { name: 'time', type: FieldType.time, values: Array.from({ length: n }, (_, i) => T0 + i * 100) },
      { name: 'x', type: FieldType.number, values: Array.from({ length: n }, (_, i) => i * 10), labels: { car: '7' } },
      { name: 'y', type: FieldType.number, values: new Array(n).fill(0), labels: { car: '7' } },
      { name: 'lap', type: FieldType.number, values: new Array(n).fill(3) },
      { name: 'lap_distance', type: FieldType.number, values: Array.from({ length: n }, (_, i) => 500 + i * 10) },
      {
        name: 'speed',
        type: FieldType.number,
        values: Array.from({ length: n }, (_, i) => 300 + i * 0.5),
        config: { unit: 'velocitykmh', displayNameFromDS: 'Speed · car 7', decimals: 1 },
      },
    ],
  });
  for (const field of frame.fields) field.display = getDisplayProcessor({ field, theme });
  const cars = readCars(findPositionTraces([frame])).cars;
  const slice: LapSlice = { car: cars[0], lap: 3, start: 0, end: n };
  const line = buildLine(slice, sliceValues(slice, 'speed'), [], 1);
  return { frame, cars, line };
}

describe('hovering a sample', () => {
  it('reads car, lap, distance, time and the channels in their units, the colour channel first', () => {
    const { cars, line } = carSeven();
    const sample = lineSample(line, 4, cars);
    const rows = tooltipRows(sample, (t) => `t+${t - T0}`, { field: 'speed', title: 'Speed' });
    expect(rows).toEqual([
      { label: 'Car', value: '7' },
      { label: 'Lap', value: '3' },
      { label: 'Distance', value: '540 m' },
      { label: 'Time', value: 't+400' },
      { label: 'Speed', value: '302.0 km/h' },
    ]);
    expect(cursorOf(sample)).toEqual({ time: T0 + 400, car: '7', lap: 3, lapDistance: 540 });
  });

  it('falls back to the value the line kept once the samples have left the data', () => {
    const { line } = carSeven();
    const sample = lineSample(line, 4, []); // the car is no longer in the data
    const rows = tooltipRows(sample, String, { field: 'speed', title: 'Speed', display: (v) => `${v} km/h` });
    expect(rows.at(-1)).toEqual({ label: 'Speed', value: '302 km/h' });
  });
});

describe("following another panel's cursor", () => {
  it("puts the dot at the car's position at that time", () => {
    const { cars, line } = carSeven();
    expect(cursorPosition({ time: T0 + 730, car: '7' }, cars, line)).toEqual({ x: 70, y: 0 });
    expect(cursorPosition({ time: T0 + 730 }, cars, undefined)).toEqual({ x: 70, y: 0 });
  });

  it('uses the lap distance when the time is not in the data (a lap comparison hovers by distance)', () => {
    const { cars, line } = carSeven();
    expect(cursorPosition({ time: T0 - 3_600_000, car: '7', lapDistance: 612 }, cars, line)).toEqual({ x: 110, y: 0 });
  });

  it('shows no dot for a moment and place the map does not have', () => {
    const { cars, line } = carSeven();
    expect(cursorPosition({ time: T0 + 3_600_000 }, cars, line)).toBeUndefined();
    expect(cursorPosition({ time: T0 + 500, car: '99' }, cars, line)).toBeUndefined();
  });
});
