/**
 * From frames to what the panel shows: the laps found in the data, the reference chosen among them, the comparison,
 * sector times and the theoretical best — or a message saying precisely what is missing.
 */
import { chooseReference, compareLaps, lapTraceInWindow, lapWindowsFromSamples, zonePlace, type LapComparison, type LapWindow, type ReferenceCandidate, type ReferenceChoice, type WindowedLapTrace, type ZonePlace } from '@eracing/telemetry-core/delta';
import { bestValidLap, isSectorBest, lapTimeDelta, sectorBests, sectorTimes, theoreticalBestLap } from '@eracing/telemetry-core/laps';
import type { Field } from '@grafana/data';

import type { LapRow, PanelData } from './frames';

/** A lap whose start is further than this from the line in the data began before the data did: not drawn. */
const MAX_LEAD_M = 50;
/** The data may begin this long after a lap's start crossing (a sample interval or two) and still hold the lap. */
const LATE_START_MS = 100;
/** Most laps drawn against the reference at once. */
const MAX_COMPARED = 10;

export interface ViewLap {
  key: string;
  /** The query the lap's frame answered. */
  refId?: string;
  car: string;
  session?: string;
  lap: number;
  label: string;
  valid: boolean;
  /** The laps table's flags, e.g. `out-lap, pit`; empty when valid or unknown. */
  flags: string;
  /** Epoch ms of the line crossing that started the lap. */
  startTime: number;
  trace: WindowedLapTrace;
  /** Seconds, the laps table's when the data has one; undefined while running. */
  lapTime?: number;
  sectorTimes: number[];
  inProgress: boolean;
  fields: ReadonlyMap<string, Field>;
}

export interface ChannelMeta {
  name: string;
  /** The field of the first lap that has the channel: unit, display name, range. */
  field: Field;
}

export interface SectorCell {
  time: number;
  /** Seconds against the reference lap's sector, of the shown milliseconds. */
  delta: number;
  /** The fastest valid time of the sector in the session (all cars in the laps table, else the laps shown). */
  sessionBest: boolean;
  /** The car's fastest valid time of the sector. */
  personalBest: boolean;
}

/** A loss zone of the first compared lap, and where it is by the track's corners. */
export interface LossZone {
  /** Reference lap distance, m. */
  start: number;
  end: number;
  /** Seconds lost over the zone. */
  timeLost: number;
  /** Undefined without a corners track frame. */
  place?: ZonePlace;
}

export interface LapDeltaView {
  kind: 'view';
  reference: ViewLap;
  /** The reference is an invalid lap, chosen explicitly. */
  flagged: boolean;
  laps: ViewLap[];
  comparison: LapComparison;
  channels: ChannelMeta[];
  /** Sector boundaries, reference lap distance (m). */
  sectors: number[];
  /** The first compared lap's biggest losses, biggest first. */
  zones: LossZone[];
  /** Per lap (reference first, then the compared laps), per sector. */
  sectorCells: Map<string, SectorCell[]>;
  /**
   * Per compared lap with a lap time: its time against the reference's, seconds of the shown milliseconds. The legend
   * and the sector table show this one figure.
   */
  lapDeltas: Map<string, number>;
  /** The analysed car's theoretical best (sum of its best valid sectors) and best valid lap, seconds. */
  theoreticalBest?: { car: string; time: number; bestLap?: number };
}

export interface ViewMessage {
  kind: 'message';
  title: string;
  text: string;
}

export type LapDeltaState = LapDeltaView | ViewMessage;

export interface ViewRequest {
  reference: ReferenceChoice;
  referenceCar?: string;
  referenceLap?: number;
  referenceSession?: string;
  compare: 'all' | 'latest';
  channels: string[];
  zones: number;
}

const keyOf = (session: string | undefined, car: string, lap: number) => `${session ?? ''}|${car}|${lap}`;

const sameSession = (a: string | undefined, b: string | undefined) => a === undefined || b === undefined || a === b;

export function buildView(data: PanelData, request: ViewRequest): LapDeltaState {
  if (data.cars.length === 0) {
    const found = data.otherFrames.length ? ` Found: ${data.otherFrames.join('; ')}.` : ' The query returned no frames.';
    return {
      kind: 'message',
      title: 'No laps',
      text: `This panel needs telemetry frames with time, lap and lap_distance (or speed) fields (a telemetry query of the eRacing datasource).${found}`,
    };
  }
  const laps = lapsInData(data);
  if (laps.length === 0) {
    const odometer = data.cars.every((car) => car.distanceKind === 'odometer');
    return {
      kind: 'message',
      title: 'No laps',
      text: odometer
        ? 'The frames have no lap_distance field, so their distance comes from speed and the laps table places the line: add a laps query for these cars.'
        : 'The frames have lap and lap_distance fields but no lap that starts at the line: query whole laps (history, by lap).',
    };
  }
  // The first query's laps are the ones compared; other queries bring reference laps.
  const first = data.cars[0];
  const pool = laps.filter((l) => l.refId === first.refId);
  const primary = newest(pool.filter((l) => l.car === first.car)) ?? newest(pool) ?? laps[0];
  const candidates: ReferenceCandidate[] = data.laps.map((row) => ({
    car: row.car,
    lap: row.lap,
    session: row.session,
    lapTime: row.lapTime,
    valid: row.valid,
  }));
  for (const lap of laps) {
    if (!data.laps.some((row) => row.car === lap.car && row.lap === lap.lap && sameSession(row.session, lap.session))) {
      candidates.push({ car: lap.car, lap: lap.lap, session: lap.session, lapTime: lap.lapTime, valid: lap.valid });
    }
  }
  const outcome = chooseReference(candidates, {
    choice: request.reference,
    car: primary.car,
    lap: primary.lap,
    session: primary.session,
    referenceCar: request.referenceCar,
    referenceLap: request.referenceLap,
    referenceSession: request.referenceSession,
  });
  if (outcome.kind === 'missing') {
    return {
      kind: 'message',
      title: 'Reference lap missing',
      text: `No ${outcome.wanted} in the data. Choose another reference, or add the lap to the queries.`,
    };
  }
  const wanted = outcome.reference;
  const reference = laps.find(
    (l) => l.car === wanted.car && l.lap === wanted.lap && sameSession(l.session, wanted.session),
  );
  if (!reference) {
    const how =
      request.reference === 'previous'
        ? `choose lap ${wanted.lap} as well as lap ${primary.lap} in the first query's laps (a lap variable may hold ` +
          'several), or add a history query of the last completed lap (lap choice "last", 1).'
        : 'add a telemetry query for that lap (history, lap choice "best" or its number).';
    return {
      kind: 'message',
      title: 'Reference lap missing',
      text:
        `The reference is lap ${wanted.lap} of car ${wanted.car}${wanted.session ? ` (session ${wanted.session})` : ''}, ` +
        `but the panel has no samples of it: ${how}`,
    };
  }
  const others = pool.filter((l) => l.key !== reference.key);
  const compared = (request.compare === 'latest' ? (primary.key === reference.key ? [] : [primary]) : others).slice(
    -MAX_COMPARED,
  );
  if (compared.length === 0) {
    return {
      kind: 'message',
      title: 'Only one lap',
      text:
        `The only lap to compare is the reference itself, lap ${reference.lap} of car ${reference.car}: ` +
        'choose another lap or another reference (the laps of the first query are compared).',
    };
  }
  labelLaps([reference, ...compared]);
  const referenceLength = reference.trace.length;
  const tracedLap = (lap: ViewLap) => ({
    // A lap in progress has no length yet: it runs on the reference's distance.
    trace: lap.inProgress ? { ...lap.trace, length: referenceLength } : lap.trace,
    channels: sliceChannels(lap, request.channels),
  });
  const channels = request.channels.flatMap((name): ChannelMeta[] => {
    const owner = [reference, ...compared].find((l) => l.fields.has(name));
    return owner ? [{ name, field: owner.fields.get(name)! }] : [];
  });
  const comparison = compareLaps(
    compared.map(tracedLap),
    tracedLap(reference),
    channels.map((c) => c.name),
    { zones: request.zones },
  );
  // The track frames' distances are on the centre line: scaled to the reference lap's length.
  const onReference = (d: number) => (data.trackLength ? (d * comparison.referenceLength) / data.trackLength : d);
  // Where the reference lap crossed its sector lines, from its own sector times: on its own line, unlike the track's
  // centre-line boundaries.
  const sectors =
    reference.sectorTimes.length > 1
      ? boundariesFromReference(reference, comparison)
      : (data.sectorBoundaries ?? []).map(onReference);
  const corners = data.corners.map((c) => ({ ...c, distance: onReference(c.distance) }));
  const zones = (comparison.laps[0]?.zones ?? []).map(
    (z): LossZone => ({
      start: z.startDistance,
      end: z.endDistance,
      timeLost: z.timeLost,
      place: zonePlace(z.startDistance, z.endDistance, corners),
    }),
  );
  for (const lap of [reference, ...compared]) {
    if (lap.sectorTimes.length === 0 && sectors.length) lap.sectorTimes = timedSectors(lap, sectors);
  }
  return {
    kind: 'view',
    reference,
    flagged: outcome.flagged,
    laps: compared,
    comparison,
    channels,
    sectors,
    zones,
    sectorCells: sectorCells([reference, ...compared], data.laps),
    lapDeltas: lapDeltas(reference, compared),
    theoreticalBest: theoretical(primary.car, data.laps),
  };
}

/**
 * The laps already cut from a time column, by lap and window: a live panel gets a new window of the running car
 * several times a second, while the reference lap's frame (a history query) stays the same object.
 */
const cutLaps = new WeakMap<object, Map<string, ViewLap>>();

/** Every lap that starts at the line in the data, once (the copy with the most samples). */
export function lapsInData(data: PanelData): ViewLap[] {
  const byKey = new Map<string, ViewLap>();
  for (const car of data.cars) {
    let cut = cutLaps.get(car.time);
    if (!cut) cutLaps.set(car.time, (cut = new Map()));
    let fromSamples: LapWindow[] | undefined;
    for (const lap of distinctLaps(car.lap)) {
      const row = data.laps.find((r) => r.car === car.car && r.lap === lap && sameSession(r.session, car.session));
      const odometer = car.distanceKind === 'odometer';
      let window: LapWindow | undefined;
      if (row) {
        // A lap with an end but no lap time was cut by the recording: not a whole lap, so it has no end crossing
        // to stretch over the reference's length, only samples up to where it was cut.
        const whole = row.lapTime !== undefined;
        window = whole
          ? { lap, startTime: row.startTime, endTime: row.endTime, length: odometer ? undefined : row.length }
          : { lap, startTime: row.startTime, samplesUntil: row.endTime };
        if (!odometer) {
          fromSamples ??= lapWindowsFromSamples(car.time, car.lap, car.lapDistance);
          window = finerCrossings(window, fromSamples.find((w) => w.lap === lap));
        }
      } else if (!odometer) {
        fromSamples ??= lapWindowsFromSamples(car.time, car.lap, car.lapDistance);
        window = fromSamples.find((w) => w.lap === lap);
      }
      if (!window) continue;
      // A lap that began before the data did (a live window starting mid-lap) is not drawn: skip it before cutting.
      const lateStart = car.time[0] - window.startTime > LATE_START_MS;
      if (lateStart && (odometer || !(car.lapDistance[0] <= MAX_LEAD_M))) continue;
      const cacheKey = `${lap}|${window.startTime}|${window.endTime}|${window.length}|${window.samplesUntil}|${data.trackLength}`;
      const known = cut.get(cacheKey);
      if (known) {
        const key = keyOf(car.session, car.car, lap);
        const existing = byKey.get(key);
        if (!existing || existing.trace.endIndex - existing.trace.startIndex < known.trace.endIndex - known.trace.startIndex)
          byKey.set(key, known);
        continue;
      }
      const trace = lapTraceInWindow(car.time, car.lapDistance, window, {
        lapLength: data.trackLength,
        distanceKind: car.distanceKind,
      });
      if (!trace || !(firstDistance(trace.distance) <= MAX_LEAD_M)) continue;
      const key = keyOf(car.session, car.car, lap);
      const existing = byKey.get(key);
      if (existing && existing.trace.endIndex - existing.trace.startIndex >= trace.endIndex - trace.startIndex) continue;
      const found: ViewLap = {
        key,
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
      cut.set(cacheKey, found);
      byKey.set(key, found);
    }
  }
  // Copies: the view labels them and may time their sectors; the cached ones stay as cut.
  return [...byKey.values()].map((lap) => ({ ...lap, sectorTimes: lap.sectorTimes.slice() }));
}

/** The laps table's times are whole milliseconds: a crossing in the samples this near is the same one, timed finer. */
const TABLE_ROUNDING_MS = 1;

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

function newest(laps: ViewLap[]): ViewLap | undefined {
  return laps.reduce<ViewLap | undefined>((a, b) => (!a || b.lap > a.lap ? b : a), undefined);
}

/** "Lap 7" when every lap drawn is of one car and session, else "Car 7 · lap 7" (and the session when they differ). */
function labelLaps(laps: ViewLap[]): void {
  const cars = new Set(laps.map((l) => l.car)).size;
  const sessions = new Set(laps.map((l) => l.session ?? '')).size;
  for (const lap of laps) {
    let label = cars > 1 || sessions > 1 ? `Car ${lap.car} · lap ${lap.lap}` : `Lap ${lap.lap}`;
    if (sessions > 1 && lap.session) label += ` (${lap.session})`;
    lap.label = label;
  }
}

function sliceChannels(lap: ViewLap, names: readonly string[]): Record<string, ArrayLike<number>> {
  const out: Record<string, ArrayLike<number>> = {};
  const { startIndex, endIndex } = lap.trace;
  for (const name of names) {
    const values = lap.fields.get(name)?.values as ArrayLike<number> | undefined;
    if (!values) continue;
    out[name] = ArrayBuffer.isView(values)
      ? (values as unknown as Float32Array).subarray(startIndex, endIndex)
      : Array.prototype.slice.call(values, startIndex, endIndex);
  }
  return out;
}

/** Where the reference lap was at the end of each of its sectors but the last, from its sector times. */
function boundariesFromReference(reference: ViewLap, comparison: LapComparison): number[] {
  const { referenceTime, distance } = comparison;
  const out: number[] = [];
  let elapsed = 0;
  for (const t of reference.sectorTimes.slice(0, -1)) {
    elapsed += t;
    let i = 0;
    while (i < referenceTime.length && !(referenceTime[i] >= elapsed)) i++;
    if (i === 0 || i >= referenceTime.length) continue;
    const f = (elapsed - referenceTime[i - 1]) / (referenceTime[i] - referenceTime[i - 1]);
    out.push(distance[i - 1] + f * (distance[i] - distance[i - 1]));
  }
  return out;
}

function timedSectors(lap: ViewLap, boundaries: number[]): number[] {
  const { trace } = lap;
  const ms = Float64Array.from(trace.time, (t) => t * 1000);
  return sectorTimes(ms, trace.distance, boundaries, {
    startTime: 0,
    endTime: trace.lapTime === undefined ? undefined : trace.lapTime * 1000,
    length: trace.length,
  });
}

function sectorCells(laps: ViewLap[], rows: LapRow[]): Map<string, SectorCell[]> {
  const reference = laps[0];
  const bests = sectorBests(rows.length ? rows : laps);
  const cells = new Map<string, SectorCell[]>();
  for (const lap of laps) {
    const own = bests.byCar.get(lap.car) ?? [];
    cells.set(
      lap.key,
      lap.sectorTimes.map((time, k) => ({
        time,
        delta: reference.sectorTimes[k] === undefined ? NaN : lapTimeDelta(time, reference.sectorTimes[k]),
        sessionBest: lap.valid && isSectorBest(time, bests.session[k]),
        personalBest: lap.valid && isSectorBest(time, own[k]),
      })),
    );
  }
  return cells;
}

function lapDeltas(reference: ViewLap, laps: ViewLap[]): Map<string, number> {
  const deltas = new Map<string, number>();
  if (reference.lapTime === undefined) return deltas;
  for (const lap of laps) {
    if (lap.lapTime !== undefined && !lap.inProgress) deltas.set(lap.key, lapTimeDelta(lap.lapTime, reference.lapTime));
  }
  return deltas;
}

function theoretical(car: string, rows: LapRow[]): LapDeltaView['theoreticalBest'] {
  const own = rows.filter((r) => r.car === car);
  const time = theoreticalBestLap(own);
  if (time === undefined) return undefined;
  return { car, time, bestLap: bestValidLap(own.map((r) => ({ ...r, car })))?.lapTime };
}
