/**
 * Laps of a recorded session, computed from its samples with the core's lap math — the same path for recordings and
 * CSV imports. A car's laps are split by its `lap` counter (the `lap_distance` wrap times the crossing), else by the
 * wraps of `lap_distance` alone, else by its x/y crossing the track's start/finish line.
 */
import { clockHitchMs } from '@eracing/telemetry-core/channels';
import { distanceFromCentreLine } from '@eracing/telemetry-core/distance';
import {
  classifyLaps,
  formatLapTime,
  lapEnergy,
  sectorBoundaries,
  sectorTimes,
  splitLapsByCounter,
  splitLapsByLine,
  type LapSplit,
  type PitInterval,
} from '@eracing/telemetry-core/laps';
import { type LapRecord, type RaceEvent, type TrackGeometry } from '@eracing/telemetry-core/protocol';

/** The channels lap computation reads, when a session has them. */
export const LAP_INPUT_CHANNELS = [
  'lap',
  'lap_distance',
  'x',
  'y',
  'speed',
  'energy_used',
  'energy_regen',
  'power',
] as const;
export type LapInputChannel = (typeof LAP_INPUT_CHANNELS)[number];

/** The channels lap computation reads for one car, its samples in time order. */
export interface CarLapInputs {
  car: string;
  time: Float64Array;
  channels: Partial<Record<LapInputChannel, ArrayLike<number>>>;
}

export interface LapContext {
  /** Start/finish line for the line split, sectors, and lap length. */
  track?: TrackGeometry;
  /** The lap running at the session start is an out lap. */
  sessionStart?: number;
  pits?: readonly PitInterval[];
  /** A lap with a longer data gap is incomplete. Default 1000 ms. */
  maxGapMs?: number;
  /** The logger's own lap times (s) by lap number: a complete lap takes its time from here rather than the samples. */
  loggerLapTimes?: Readonly<Record<string, number>>;
}

function hasFinite(values: ArrayLike<number> | undefined): values is ArrayLike<number> {
  if (!values) return false;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) return true;
  return false;
}

function usableLength(track: TrackGeometry | undefined): number | undefined {
  return track && track.length > 0 ? track.length : undefined;
}

function hasStartFinish(track: TrackGeometry | undefined): track is TrackGeometry {
  if (!track) return false;
  const { a, b } = track.startFinish;
  return a.x !== b.x || a.y !== b.y;
}

/** A lap counter made from the wraps of a lap distance (a drop by more than half a lap), starting at 1. */
export function counterFromWraps(distance: ArrayLike<number>, lapLength?: number): Float32Array {
  const counter = new Float32Array(distance.length).fill(NaN);
  let lap = 1;
  let previous = NaN;
  let longest = 0;
  for (let i = 0; i < distance.length; i++) {
    const d = distance[i];
    if (!Number.isFinite(d)) continue;
    if (previous - d > 0.5 * (lapLength ?? longest)) lap++;
    if (d > longest) longest = d;
    counter[i] = lap;
    previous = d;
  }
  return counter;
}

/** The laps of one car's samples; a lap without any sample is left out. */
export function splitCarLaps(trace: CarLapInputs, track?: TrackGeometry): LapSplit[] {
  const { time } = trace;
  const { lap, lap_distance: distance, x, y } = trace.channels;
  const lapLength = usableLength(track);
  let splits: LapSplit[] = [];
  // The crossing is timed from the speed either side of the lap-distance wrap, not from the track length: a logger's
  // lap distance often follows the car's own line and wraps at a length of its own.
  if (hasFinite(lap)) {
    splits = splitLapsByCounter(time, lap, hasFinite(distance) ? distance : undefined);
  } else if (hasFinite(distance)) {
    splits = splitLapsByCounter(time, counterFromWraps(distance, lapLength), distance);
  } else if (hasStartFinish(track) && hasFinite(x) && hasFinite(y)) {
    // The stretch before the first crossing (from the pit lane or the grid) is lap 1, the out lap.
    splits = splitLapsByLine(time, x, y, track.startFinish, { firstLap: 2 });
  }
  return splits.filter((s) => s.endIndex > s.startIndex);
}

/**
 * Lap distance of every sample along the track's centre line, where the track's sectors are measured: the position
 * projected onto the centre line, else the lap-distance channel (which may follow the car's own line).
 */
function lapDistanceColumn(trace: CarLapInputs, track?: TrackGeometry): ArrayLike<number> | undefined {
  const { lap_distance: distance, x, y } = trace.channels;
  if (track && track.centreLine.distance.length > 1 && hasFinite(x) && hasFinite(y)) {
    return distanceFromCentreLine(x, y, track.centreLine, { length: usableLength(track) });
  }
  return hasFinite(distance) ? distance : undefined;
}

/** The laps of one car: split, flagged, with sector times, distance covered and energy. */
export function carLaps(trace: CarLapInputs, context: LapContext = {}): LapRecord[] {
  const { track } = context;
  const splits = splitCarLaps(trace, track);
  if (!splits.length) return [];
  const classified = classifyLaps(splits, {
    sessionStart: context.sessionStart,
    pits: context.pits,
    maxGapMs: context.maxGapMs,
  });
  const { time, channels } = trace;
  const distance = track?.sectors.length ? lapDistanceColumn(trace, track) : undefined;
  const boundaries = track ? sectorBoundaries(track.sectors) : [];
  const energyChannels = {
    energy_used: channels.energy_used,
    energy_regen: channels.energy_regen,
    power: channels.power,
  };
  const hasEnergy = hasFinite(channels.energy_used) || hasFinite(channels.energy_regen) || hasFinite(channels.power);
  return classified.map((split, k): LapRecord => {
    const span = split;
    // The first lap of the recording starts where the data does, not at a line crossing: its first sector is
    // unknown, and the recording's start must not be taken for one.
    const startsAtLine = k > 0 || split.startIndex > 0;
    let sectors: number[] = [];
    if (distance) {
      sectors = timedSectors(
        sectorTimes(
          time.subarray(span.startIndex, span.endIndex),
          subarray(distance, span.startIndex, span.endIndex),
          boundaries,
          {
            startTime: startsAtLine ? span.startTime : undefined,
            endTime: span.complete ? span.endTime : undefined,
            length: usableLength(track),
          },
        ),
      );
    }
    const record: LapRecord = {
      car: trace.car,
      lap: split.lap,
      startTime: split.startTime,
      endTime: split.endTime,
      sectorTimes: sectors,
      valid: split.valid,
      flags: split.flags,
    };
    if (hasEnergy) {
      const energy = lapEnergy(time, energyChannels, span);
      record.energyUsed = finiteOr0(energy.energyUsed);
      record.energyRegen = finiteOr0(energy.energyRegen);
    }
    const logged = context.loggerLapTimes?.[String(split.lap)];
    if (split.lapTime !== undefined)
      record.lapTime = logged !== undefined && logged > 0 ? logged : split.lapTime - hitchMs(trace, span) / 1000;
    const length = split.complete && !split.flags.incomplete ? (split.length ?? usableLength(track)) : undefined;
    if (length !== undefined) record.length = length;
    return record;
  });
}

/** How far the logger's clock jumped ahead of the car inside the lap (see `clockHitchMs`): not lap time. */
function hitchMs(trace: CarLapInputs, span: LapSplit): number {
  const { lap_distance: distance, x, y } = trace.channels;
  if (hasFinite(distance)) return clockHitchMs(trace.time, distance, span.startIndex, span.endIndex);
  if (!hasFinite(x) || !hasFinite(y)) return 0;
  // A running distance along the path, for the hitch test only.
  const path = new Float64Array(span.endIndex - span.startIndex);
  for (let i = 1; i < path.length; i++) {
    const a = span.startIndex + i - 1;
    const step = Math.hypot(x[a + 1] - x[a], y[a + 1] - y[a]);
    path[i] = path[i - 1] + (Number.isFinite(step) ? step : 0);
  }
  return clockHitchMs(trace.time.subarray(span.startIndex, span.endIndex), path, 0, path.length);
}

/**
 * The sector times a lap can be said to have: the leading run of finite ones. A sector that could not be timed (the
 * lap began after its start, or a gap hides a boundary) ends the list: the protocol's sector times are numbers.
 */
export function timedSectors(times: readonly number[]): number[] {
  const out: number[] = [];
  for (const t of times) {
    if (!Number.isFinite(t) || t <= 0) break;
    out.push(t);
  }
  return out;
}

/**
 * Laps in the order a session lists them: by the time they ended, cars in session order at the same time, laps still
 * running (no end) last.
 */
export function orderLaps(laps: LapRecord[], cars: readonly string[]): LapRecord[] {
  const order = new Map(cars.map((car, k) => [car, k]));
  return laps.sort(
    (a, b) =>
      (a.endTime ?? Infinity) - (b.endTime ?? Infinity) ||
      (order.get(a.car) ?? 0) - (order.get(b.car) ?? 0) ||
      a.lap - b.lap,
  );
}

function subarray(values: ArrayLike<number>, start: number, end: number): ArrayLike<number> {
  const typed = values as Float32Array | Float64Array;
  return typeof typed.subarray === 'function'
    ? typed.subarray(start, end)
    : Array.prototype.slice.call(values, start, end);
}

function finiteOr0(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

/**
 * A `lap` event at each line crossing that ends a lap (with its duration when the lap was timed), and a `sector` event
 * at the end of each timed sector.
 */
export function lapEvents(laps: readonly LapRecord[]): RaceEvent[] {
  const events: RaceEvent[] = [];
  const lastLap = new Map<string, number>();
  for (const lap of laps) lastLap.set(lap.car, Math.max(lastLap.get(lap.car) ?? -Infinity, lap.lap));
  laps.forEach((lap) => {
    let t = lap.startTime;
    lap.sectorTimes.forEach((duration, k) => {
      if (!Number.isFinite(duration)) return;
      t += duration * 1000;
      events.push({
        time: t,
        kind: 'sector',
        car: lap.car,
        lap: lap.lap,
        sector: k + 1,
        duration,
        text: `Car ${lap.car} lap ${lap.lap} sector ${k + 1}: ${formatLapTime(duration)}`,
      });
    });
    const crossedLine = lap.lapTime !== undefined || lap.lap < lastLap.get(lap.car)!;
    if (!crossedLine || lap.endTime === undefined) return;
    const event: RaceEvent = {
      time: lap.endTime,
      kind: 'lap',
      car: lap.car,
      lap: lap.lap,
      text: `Car ${lap.car} lap ${lap.lap}`,
    };
    if (lap.lapTime !== undefined) {
      event.duration = lap.lapTime;
      event.text += `: ${formatLapTime(lap.lapTime)}${lap.valid ? '' : ' (invalid)'}`;
    }
    events.push(event);
  });
  return events.sort((a, b) => a.time - b.time);
}

/**
 * A car's pit-lane visits from recorded `pit_in` / `pit_out` events. Leaving the pit lane without having entered it
 * means the car was there from the session start.
 */
export function pitsFromEvents(events: readonly RaceEvent[], car: string, sessionStart: number): PitInterval[] {
  const pits: PitInterval[] = [];
  for (const event of events) {
    if (event.car !== car) continue;
    const open = pits[pits.length - 1];
    const inside = open !== undefined && open.out === undefined;
    if (event.kind === 'pit_in' && !inside) pits.push({ in: event.time });
    else if (event.kind === 'pit_out' && inside) open.out = event.time;
    else if (event.kind === 'pit_out' && !pits.length)
      pits.push({ in: Math.min(sessionStart, event.time), out: event.time });
  }
  return pits;
}
