/** @jest-environment jsdom */
import { createDataFrame, type DataFrame, FieldType } from '@grafana/data';
import { NO_BUCKET } from '@eracing/panel-kit/colour-buckets';

import { findPositionTraces } from '../positions';
import { readCars } from './cars';
import { buildLine, chooseLineLap, lapCandidates, readLapTable, sliceValues } from './line';

const T0 = 1_764_000_000_000;
const LENGTH = 1000;

/** A car lapping a 1 km square-ish circuit at 10 Hz: laps of `lapSeconds`, starting mid-lap 1. */
function carFrame(car: string, lapSeconds: number[], startFraction = 0.5): DataFrame {
  const time: number[] = [];
  const x: number[] = [];
  const y: number[] = [];
  const lap: number[] = [];
  const distance: number[] = [];
  const speed: number[] = [];
  let t = T0;
  lapSeconds.forEach((seconds, index) => {
    const samples = seconds * 10;
    const from = index === 0 ? Math.floor(samples * startFraction) : 0;
    for (let i = from; i < samples; i++) {
      const s = (i / samples) * LENGTH;
      const angle = (s / LENGTH) * 2 * Math.PI;
      time.push(t);
      x.push(160 * Math.cos(angle));
      y.push(160 * Math.sin(angle));
      lap.push(index + 1);
      distance.push(s);
      speed.push(100 + index);
      t += 100;
    }
  });
  const labels = { car, session: 's' };
  return createDataFrame({
    name: `car ${car}`,
    fields: [
      { name: 'time', type: FieldType.time, values: time },
      { name: 'x', type: FieldType.number, values: x, labels },
      { name: 'y', type: FieldType.number, values: y, labels },
      { name: 'lap', type: FieldType.number, values: lap, labels },
      { name: 'lap_distance', type: FieldType.number, values: distance, labels },
      { name: 'speed', type: FieldType.number, values: speed, labels },
    ],
  });
}

function cars(frames: DataFrame[]) {
  return readCars(findPositionTraces(frames)).cars;
}

describe('choosing the lap for the line', () => {
  // Car 7: laps of 60, 52 (its best), 55 s, lap 4 in progress. Car 9: 58, 51 (the session best), 70 s.
  const seven = carFrame('7', [60, 52, 55, 20]);
  const nine = carFrame('9', [58, 51, 70, 10]);
  const all = lapCandidates(cars([seven, nine]), new Map(), LENGTH);

  it('times only complete laps: the first (cut by the window) and the last (in progress) are not', () => {
    const timed = all.filter((c) => c.lapTime !== undefined).map((c) => [c.key.car.car, c.lap, c.lapTime]);
    expect(timed).toEqual([
      ['7', 2, 52],
      ['7', 3, 55],
      ['9', 2, 51],
      ['9', 3, 70],
    ]);
  });

  it('best: the fastest complete lap, of a chosen car or of all', () => {
    expect(chooseLineLap(all, { kind: 'best' })).toMatchObject({ lapTime: 51, partial: false });
    expect(chooseLineLap(all, { kind: 'best' })?.slice.car.car).toBe('9');
    expect(chooseLineLap(all, { kind: 'best' }, '7')?.slice.lap).toBe(2);
  });

  it('the laps table overrules validity: an invalid lap is never the best', () => {
    const table = readLapTable([
      createDataFrame({
        name: 'laps',
        fields: [
          { name: 'car', type: FieldType.string, values: ['9'] },
          { name: 'lap', type: FieldType.number, values: [2] },
          { name: 'start', type: FieldType.time, values: [0] },
          { name: 'valid', type: FieldType.boolean, values: [false] },
          { name: 'lap_time', type: FieldType.number, values: [51_020] },
        ],
      }),
    ]);
    const checked = lapCandidates(cars([seven, nine]), table, LENGTH);
    expect(chooseLineLap(checked, { kind: 'best' })?.slice.car.car).toBe('7');
  });

  it('current and a chosen number', () => {
    expect(chooseLineLap(all, { kind: 'current' }, '9')?.slice.lap).toBe(4);
    expect(chooseLineLap(all, { kind: 'number', lap: 3 }, '7')?.slice.lap).toBe(3);
    expect(chooseLineLap(all, { kind: 'number', lap: 12 })).toBeUndefined();
  });

  it('with no complete lap yet, the longest lap stands in for the best, marked partial', () => {
    const fresh = lapCandidates(cars([carFrame('3', [60, 30])]), new Map(), LENGTH);
    const chosen = chooseLineLap(fresh, { kind: 'best' });
    expect(chosen).toMatchObject({ partial: true });
    expect(chosen?.slice.lap).toBe(2); // 300 samples of lap 1 against 300 of lap 2: a tie goes to the later lap
  });
});

describe('buildLine', () => {
  it("copies the lap's positions, values, times and distances, and groups colour runs", () => {
    const frame = carFrame('7', [60, 52, 55]);
    const [car] = cars([frame]);
    const slice = chooseLineLap(lapCandidates([car], new Map(), LENGTH), { kind: 'best' })!.slice;
    const values = sliceValues(slice, 'speed');
    expect(values.every((v) => v === 101)).toBe(true);
    const line = buildLine(slice, values, [100.5, 101.5], 3);
    expect(line.x).toHaveLength(520);
    expect(line.time[0]).toBe(frame.fields[0].values[slice.start]);
    expect(line.lapDistance[0]).toBe(0);
    expect(Array.from(new Set(line.buckets))).toEqual([1]);
    expect(line.runs.offsets[1]).toBe(0);
    expect(line.runs.offsets[2]).toBe(1); // one run of bucket 1: the whole lap
    expect(line.grid().nearest(line.x[100], line.y[100])).toBe(100);
  });

  it('gives samples of a missing colour field no bucket', () => {
    const frame = carFrame('7', [60, 52, 55]);
    const slice = chooseLineLap(lapCandidates(cars([frame]), new Map(), LENGTH), { kind: 'best' })!.slice;
    const line = buildLine(slice, sliceValues(slice, 'throttle'), [], 1);
    expect(line.buckets.every((b) => b === NO_BUCKET)).toBe(true);
    expect(line.runs.start).toHaveLength(0);
  });
});
