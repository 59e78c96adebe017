/** @jest-environment jsdom */
import { lapTimeMs } from '@eracing/telemetry-core/laps';
import { type DataFrame, FieldType } from '@grafana/data';

import { lapTableFrame } from '../../../../datasource/src/frames/lap-table';
import {
  best,
  car,
  carLaps,
  invalid,
  laps,
  other,
  otherCar,
  SESSION,
  source,
  table,
  telemetry,
  track,
  valid,
  view,
} from '../testing/simulated-session';
import type { LapDeltaView } from './types';

describe('buildView', () => {
  it('compares the first query’s laps with the car’s best valid lap from another query', () => {
    const state = view([telemetry([other], 'A'), telemetry([best], 'B'), table]) as LapDeltaView;
    expect(state.kind).toBe('view');
    expect(state.reference.lap).toBe(best.lap);
    expect(state.flagged).toBe(false);
    expect(state.laps.map((l) => l.lap)).toEqual([other.lap]);
    // The delta at the line is the lap-time difference of the laps table.
    const delta = state.comparison.laps[0].slip.delta;
    expect(delta[delta.length - 1]).toBeCloseTo(other.lapTime! - best.lapTime!, 3);
    expect(state.channels.map((c) => c.name)).toEqual(['speed']); // no throttle in the frames
    // Sector rows from the table; boundaries where the reference crossed its sector lines.
    expect(state.sectorCells.get(state.reference.key)!.map((c) => c.time)).toEqual(
      best.sectorTimes.map((t) => lapTimeMs(t) / 1000),
    );
    expect(state.sectors).toHaveLength(best.sectorTimes.length - 1);
    expect(state.sectors[0]).toBeGreaterThan(0);
    expect(state.theoreticalBest!.time).toBeLessThanOrEqual(lapTimeMs(best.lapTime!) / 1000 + 0.002);
    expect(state.comparison.laps[0].zones.length).toBeGreaterThan(0);
  });

  it('names the loss zones by the track’s corners, on the reference lap’s distance', () => {
    const state = view([telemetry([other], 'A'), telemetry([best], 'B'), table, ...track]) as LapDeltaView;
    expect(state.zones.length).toBeGreaterThan(0);
    const scale = state.comparison.referenceLength / source.track.length;
    for (const zone of state.zones) {
      expect(zone.place?.label).toMatch(/^(T\d+(–T\d+)?|T\d+ (entry|exit)|after T\d+|before T\d+)$/);
      // A corner named as covered has its apex, scaled to the reference lap, in the zone.
      if (/^T\d+(–T\d+)?$/.test(zone.place!.label)) {
        for (const corner of zone.place!.corners) {
          expect(corner.distance).toBeGreaterThanOrEqual(zone.start);
          expect(corner.distance).toBeLessThanOrEqual(zone.end);
          const apex = source.track.corners.find((c) => c.number === corner.number)!.distance;
          expect(corner.distance).toBeCloseTo(apex * scale, 6);
        }
      }
    }
  });

  it('gives the loss zones in metres without the track', () => {
    const state = view([telemetry([other], 'A'), telemetry([best], 'B'), table]) as LapDeltaView;
    expect(state.zones.length).toBeGreaterThan(0);
    expect(state.zones.every((z) => z.place === undefined)).toBe(true);
  });

  it('highlights the fastest valid sectors: the session’s (purple) and the car’s (green)', () => {
    const state = view([telemetry([other, best], 'A'), table], { reference: 'lap', referenceLap: other.lap });
    if (state.kind !== 'view') throw new Error(state.text);
    const cells = state.sectorCells.get(state.laps[0].key)!;
    const validRows = laps.filter((l) => l.valid);
    // The laps frame carries whole milliseconds, and the panel compares what it shows.
    const shown = (seconds: number | undefined) => (seconds === undefined ? Infinity : lapTimeMs(seconds) / 1000);
    cells.forEach((cell, k) => {
      const sessionBest = Math.min(...validRows.map((l) => shown(l.sectorTimes[k])));
      const carBest = Math.min(...valid.map((l) => shown(l.sectorTimes[k])));
      expect(cell.sessionBest).toBe(cell.time <= sessionBest);
      expect(cell.personalBest).toBe(cell.time <= carBest);
    });
  });

  it('allows an invalid lap as the chosen reference, flagged', () => {
    const state = view([telemetry([other, invalid], 'A'), table], { reference: 'lap', referenceLap: invalid.lap });
    expect(state).toMatchObject({ kind: 'view', flagged: true, reference: { lap: invalid.lap, valid: false } });
  });

  it('never takes an invalid lap as the best', () => {
    const fastestInvalid = { ...invalid };
    const state = view([telemetry([other, best, invalid], 'A'), table]) as LapDeltaView;
    expect(state.reference.lap).toBe(best.lap);
    expect(fastestInvalid.valid).toBe(false);
  });

  it('takes a lap of another car as reference', () => {
    const theirs = laps.find((l) => l.car === otherCar && l.valid)!;
    const state = view([telemetry([other], 'A'), telemetry([theirs], 'B'), table], {
      reference: 'car-lap',
      referenceCar: otherCar,
      referenceLap: theirs.lap,
    }) as LapDeltaView;
    expect(state.reference).toMatchObject({
      car: otherCar,
      lap: theirs.lap,
      label: `Car ${otherCar} · lap ${theirs.lap}`,
    });
  });

  it('without lap_distance, integrates speed and cuts laps at the laps table’s crossings', () => {
    const withoutDistance = (frame: DataFrame): DataFrame => ({
      ...frame,
      fields: frame.fields.filter((f) => f.name !== 'lap_distance'),
    });
    const frames = [telemetry([other], 'A'), telemetry([best], 'B')];
    const exact = view([...frames, table]) as LapDeltaView;
    const state = view([...frames.map(withoutDistance), table]) as LapDeltaView;
    expect(state.kind).toBe('view');
    expect(state.reference.lap).toBe(best.lap);
    const ours = state.comparison.laps[0].slip;
    const truth = exact.comparison.laps[0].slip;
    // Both end at the lap-time difference; in between, integrated speed stays within a few milliseconds.
    expect(ours.delta[ours.delta.length - 1]).toBeCloseTo(other.lapTime! - best.lapTime!, 3);
    let worst = 0;
    for (let i = 0; i < ours.delta.length; i += 10) {
      const metres = ours.distance[i];
      const k = Math.min(
        truth.distance.length - 1,
        Math.round((metres / ours.distance.at(-1)!) * (truth.distance.length - 1)),
      );
      worst = Math.max(worst, Math.abs(ours.delta[i] - truth.delta[k]));
    }
    expect(worst).toBeLessThan(0.002);
    expect(view(frames.map(withoutDistance))).toMatchObject({
      kind: 'message',
      text: expect.stringContaining('add a laps query'),
    });
  });

  it('takes the lap before the newest lap queried as the previous lap', () => {
    const k = valid.findIndex((l, i) => valid[i + 1]?.lap === l.lap + 1);
    const [a, b] = valid.slice(k, k + 2);
    const state = view([telemetry([a, b], 'A'), table], { reference: 'previous' }) as LapDeltaView;
    expect(state.kind).toBe('view');
    expect(state).toMatchObject({ flagged: false, reference: { lap: a.lap } });
    expect(state.laps.map((l) => l.lap)).toEqual([b.lap]);
    const delta = state.comparison.laps[0].slip.delta;
    expect(delta[delta.length - 1]).toBeCloseTo(b.lapTime! - a.lapTime!, 3);
  });

  it('compares the lap in progress with the previous lap from a query of the last completed lap', () => {
    const running = carLaps[carLaps.length - 1];
    const previous = carLaps.find((l) => l.lap === running.lap - 1)!;
    const live = telemetry([{ ...running, endTime: running.startTime + 30_000 }], 'A');
    const liveTable = lapTableFrame(
      laps.map((l) => (l === running ? { ...l, endTime: undefined, lapTime: undefined } : l)),
      [],
      'D',
      SESSION,
    );
    const state = view([live, telemetry([previous], 'C'), liveTable], {
      reference: 'previous',
      compare: 'latest',
    }) as LapDeltaView;
    expect(state.kind).toBe('view');
    expect(state.reference.lap).toBe(previous.lap);
    expect(state.laps[0]).toMatchObject({ lap: running.lap, inProgress: true });
  });

  it('says how to bring in the previous lap when its samples are missing', () => {
    expect(view([telemetry([other], 'A'), table], { reference: 'previous' })).toMatchObject({
      kind: 'message',
      title: 'Reference lap missing',
      text: expect.stringContaining(`choose lap ${other.lap - 1} as well as lap ${other.lap}`),
    });
  });

  it('names what is missing: fields, the reference lap, a second lap', () => {
    expect(view([])).toMatchObject({ kind: 'message', title: 'No laps' });
    const noDistance: DataFrame = {
      name: 'car 7',
      length: 1,
      fields: [{ name: 'throttle', type: FieldType.number, config: {}, values: [1] }],
    };
    expect(view([noDistance])).toMatchObject({
      kind: 'message',
      title: 'No laps',
      text: expect.stringContaining('car 7 (throttle)'),
    });
    expect(view([telemetry([other], 'A'), table])).toMatchObject({
      kind: 'message',
      title: 'Reference lap missing',
      text: expect.stringContaining(`lap ${best.lap} of car ${car}`),
    });
    expect(view([telemetry([other], 'A'), table], { reference: 'lap', referenceLap: 999 })).toMatchObject({
      kind: 'message',
      title: 'Reference lap missing',
      text: expect.stringContaining('lap 999'),
    });
    expect(view([telemetry([best], 'A'), table])).toMatchObject({ kind: 'message', title: 'Only one lap' });
  });

  it('works without the laps table, finding the laps in the samples', () => {
    // Three laps in a row: the crossings between them are in the samples.
    const k = valid.findIndex((l, i) => valid[i + 2]?.lap === l.lap + 2 && valid[i + 1].lap === l.lap + 1);
    const [a, b, c] = valid.slice(k, k + 3);
    const state = view([telemetry([a, b, c], 'A')], { reference: 'lap', referenceLap: b.lap }) as LapDeltaView;
    expect(state.kind).toBe('view');
    const first = state.laps.find((l) => l.lap === a.lap)!;
    const delta = state.comparison.laps[state.laps.indexOf(first)].slip.delta;
    expect(delta[delta.length - 1]).toBeCloseTo(a.lapTime! - b.lapTime!, 3);
  });

  it('keeps laps apart when the data jumps from one lap to a later one', () => {
    const state = view([telemetry([other, best], 'A')], { reference: 'lap', referenceLap: best.lap }) as LapDeltaView;
    const delta = state.comparison.laps[0].slip.delta;
    const last = delta.filter(Number.isFinite).at(-1)!;
    expect(Math.abs(last - (other.lapTime! - best.lapTime!))).toBeLessThan(0.05);
  });

  it('compares the lap in progress (live) over the distance it has covered', () => {
    const running = carLaps[carLaps.length - 1];
    const partial = telemetry([best], 'B');
    const live = telemetry([{ ...running, endTime: running.startTime + 30_000 }], 'A');
    const liveTable = lapTableFrame(
      laps.map((l) => (l === running ? { ...l, endTime: undefined, lapTime: undefined } : l)),
      [],
      'D',
      SESSION,
    );
    const state = view([live, partial, liveTable], { compare: 'latest' }) as LapDeltaView;
    expect(state.laps[0]).toMatchObject({ lap: running.lap, inProgress: true });
    const delta = state.comparison.laps[0].slip.delta;
    const covered = delta.findIndex(Number.isNaN);
    expect(covered).toBeGreaterThan(500);
    expect(covered).toBeLessThan(delta.length - 100);
  });

  it('never takes a lap cut by the end of the recording for a whole lap', () => {
    const cut = carLaps[carLaps.length - 1];
    const endTime = cut.startTime + 30_000;
    const cutRow = {
      ...cut,
      endTime,
      lapTime: undefined,
      length: 700,
      valid: false,
      flags: { ...cut.flags, incomplete: true },
    };
    const samples = telemetry([{ ...cut, endTime }], 'A');
    const reference = telemetry([best], 'B');
    const cutTable = lapTableFrame(
      laps.map((l) => (l === cut ? cutRow : l)),
      [],
      'D',
      SESSION,
    );
    const state = view([samples, reference, cutTable], { compare: 'latest' }) as LapDeltaView;
    expect(state.laps[0]).toMatchObject({ lap: cut.lap });
    expect(state.laps[0].trace.complete).toBe(false);
    const delta = state.comparison.laps[0].slip.delta;
    const covered = delta.findIndex(Number.isNaN);
    expect(covered).toBeGreaterThan(500);
    expect(covered).toBeLessThan(delta.length - 100);
  });
});
