/** The laps that start at the line in the panel's data, cut from the telemetry by the laps table or the samples. */
import { lapTraceInWindow, lapWindowsFromSamples, type LapWindow } from '@eracing/telemetry-core/delta';
import type { LapsFrameRow } from '@eracing/telemetry-core/frames';

import type { CarSamples, PanelData } from '../data/frames';
import type { ViewLap } from './types';

/** A lap whose start is further than this from the line in the data began before the data did: not drawn. */
const MAX_LEAD_M = 50;
/** The data may begin this long after a lap's start crossing (a sample interval or two) and still hold the lap. */
const LATE_START_MS = 100;
/** The laps table's times are whole milliseconds: a crossing in the samples this near is the same one, timed finer. */
const TABLE_ROUNDING_MS = 1;

export const keyOf = (session: string | undefined, car: string, lap: number) => `${session ?? ''}|${car}|${lap}`;

export const sameSession = (a: string | undefined, b: string | undefined) =>
  a === undefined || b === undefined || a === b;

/**
 * The laps already cut from a time column, by lap and window: a live panel gets a new window of the running car
 * several times a second, while the reference lap's frame (a history query) stays the same object.
 */
const cutLaps = new WeakMap<object, Map<string, ViewLap>>();

/** Every lap that starts at the line in the data, once (the copy with the most samples). */
export function lapsInData(data: PanelData): ViewLap[] {
  const byKey = new Map<string, ViewLap>();
  const keepLongest = (lap: ViewLap) => {
    const existing = byKey.get(lap.key);
    if (!existing || samplesOf(existing) < samplesOf(lap)) byKey.set(lap.key, lap);
  };
  for (const car of data.cars) {
    let cut = cutLaps.get(car.time);
    if (!cut) cutLaps.set(car.time, (cut = new Map()));
    const windows = lapWindows(car);
    for (const lap of distinctLaps(car.lap)) {
      const row = data.laps.find((r) => r.car === car.car && r.lap === lap && sameSession(r.session, car.session));
      const window = windows.of(lap, row);
      if (!window || beganBeforeData(car, window)) continue;
      const cacheKey = `${lap}|${window.startTime}|${window.endTime}|${window.length}|${window.samplesUntil}|${data.trackLength}`;
      let found = cut.get(cacheKey);
      if (!found) {
        found = cutLap(car, lap, window, row, data.trackLength);
        if (!found) continue;
        cut.set(cacheKey, found);
      }
      keepLongest(found);
    }
  }
  // Copies: the view labels them and may time their sectors; the cached ones stay as cut.
  return [...byKey.values()].map((lap) => ({ ...lap, sectorTimes: lap.sectorTimes.slice() }));
}

const samplesOf = (lap: ViewLap) => lap.trace.endIndex - lap.trace.startIndex;

/** A lap's window: the laps table's crossings (timed finer by the samples where they agree), else the samples'. */
function lapWindows(car: CarSamples) {
  const odometer = car.distanceKind === 'odometer';
  let fromSamples: LapWindow[] | undefined;
  const inSamples = (lap: number) => {
    fromSamples ??= lapWindowsFromSamples(car.time, car.lap, car.lapDistance);
    return fromSamples.find((w) => w.lap === lap);
  };
  return {
    of(lap: number, row: LapsFrameRow | undefined): LapWindow | undefined {
      if (!row) return odometer ? undefined : inSamples(lap);
      // A lap with an end but no lap time was cut by the recording: not a whole lap, so it has no end crossing
      // to stretch over the reference's length, only samples up to where it was cut.
      const window: LapWindow =
        row.lapTime !== undefined
          ? { lap, startTime: row.startTime, endTime: row.endTime, length: odometer ? undefined : row.length }
          : { lap, startTime: row.startTime, samplesUntil: row.endTime };
      return odometer ? window : finerCrossings(window, inSamples(lap));
    },
  };
}

/** A lap that began before the data did (a live window starting mid-lap) is not drawn: skipped before cutting. */
function beganBeforeData(car: CarSamples, window: LapWindow): boolean {
  const lateStart = car.time[0] - window.startTime > LATE_START_MS;
  return lateStart && (car.distanceKind === 'odometer' || !(car.lapDistance[0] <= MAX_LEAD_M));
}

function cutLap(
  car: CarSamples,
  lap: number,
  window: LapWindow,
  row: LapsFrameRow | undefined,
  trackLength: number | undefined,
): ViewLap | undefined {
  const trace = lapTraceInWindow(car.time, car.lapDistance, window, {
    lapLength: trackLength,
    distanceKind: car.distanceKind,
  });
  if (!trace || !(firstDistance(trace.distance) <= MAX_LEAD_M)) return undefined;
  return {
    key: keyOf(car.session, car.car, lap),
    refId: car.refId,
    car: car.car,
    session: car.session,
    lap,
    label: `Lap ${lap}`,
    valid: row ? row.valid : trace.complete,
    flags: row?.flags ?? (trace.complete ? '' : 'incomplete'),
    startTime: trace.startTime,
    trace,
    // The laps table's time where there is one (a logger's own lap time, a clock hitch taken out): the figure
    // the table and the lap variable show.
    lapTime: row?.lapTime ?? trace.lapTime,
    sectorTimes: row?.sectorTimes.slice() ?? [],
    inProgress: window.endTime === undefined,
    fields: car.fields,
  };
}

function finerCrossings(window: LapWindow, inSamples: LapWindow | undefined): LapWindow {
  if (!inSamples) return window;
  const near = (a: number | undefined, b: number | undefined) =>
    a !== undefined && b !== undefined && Math.abs(a - b) <= TABLE_ROUNDING_MS;
  return {
    ...window,
    startTime: near(inSamples.startTime, window.startTime) ? inSamples.startTime : window.startTime,
    endTime: near(inSamples.endTime, window.endTime) ? inSamples.endTime : window.endTime,
  };
}

function distinctLaps(column: ArrayLike<number>): number[] {
  const laps = new Set<number>();
  let last = NaN;
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (v !== last && Number.isFinite(v)) laps.add(v);
    last = v;
  }
  return [...laps].sort((a, b) => a - b);
}

function firstDistance(distance: ArrayLike<number>): number {
  for (let i = 0; i < distance.length; i++) if (Number.isFinite(distance[i])) return distance[i];
  return NaN;
}
