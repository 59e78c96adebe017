import type { LapTrace } from './time-slip';
import { lapDistanceFromLine } from '../distance/distance';
import { CurveCursor } from '../distance/curve';
import { firstAtOrAfter } from '../channels/samples';
import { splitLapsByCounter } from '../laps/split';

/** Where a lap lies in a car's samples: its line crossings, as the laps table gives them. */
export interface LapWindow {
  lap: number;
  /** The line crossing that started the lap, epoch ms. */
  startTime: number;
  /** The crossing that ended it, epoch ms; absent while the lap runs. */
  endTime?: number;
  /** Distance covered in the lap, metres, when known (the laps table's `length`). */
  length?: number;
  /** Without `endTime`: the lap's samples end before this (the data has a gap where the lap ended), epoch ms. */
  samplesUntil?: number;
}

/** A lap's trace for {@link deltaTime}, with where it came from. */
export interface WindowedLapTrace extends LapTrace {
  lap: number;
  startTime: number;
  /** The lap's samples are `startIndex` to `endIndex` (exclusive) of the car's columns. */
  startIndex: number;
  endIndex: number;
  /** Both ends are known crossings: `lapTime` and `length` pin the end of the lap. */
  complete: boolean;
}

export interface LapTraceOptions {
  /**
   * How the distance column reads: 'lap' (a lap-distance channel from the line, wrapping each lap; default) or
   * 'odometer' (a running distance, e.g. integrated speed: the lap's distance is measured from its value at the start).
   */
  distanceKind?: 'lap' | 'odometer';
  /** Lap length, metres, when the window has none (the track length): places a wrapping channel's first samples. */
  lapLength?: number;
}

/**
 * One lap cut from a car's columns by its line crossings: the samples in [startTime, endTime), time in seconds since
 * the start, distance in metres from the line. Samples that still read the previous lap's distance (a logger that
 * updates late) come out negative and are left out by the delta; NaN samples (dropouts) are skipped. Undefined when
 * the window holds fewer than two samples.
 */
export function lapTraceInWindow(
  time: ArrayLike<number>,
  distance: ArrayLike<number>,
  window: LapWindow,
  opts: LapTraceOptions = {},
): WindowedLapTrace | undefined {
  const startIndex = firstAtOrAfter(time, window.startTime);
  const end = window.endTime ?? window.samplesUntil;
  const endIndex = end === undefined ? time.length : firstAtOrAfter(time, end, startIndex);
  if (endIndex - startIndex < 2) return undefined;
  const odometer = opts.distanceKind === 'odometer';
  // An odometer measures its own laps: a length from elsewhere (the track's) would disagree with its drift.
  const length =
    odometer && window.endTime !== undefined && window.length === undefined
      ? odometerAt(time, distance, endIndex, window.endTime) - odometerAt(time, distance, startIndex, window.startTime)
      : window.length;
  const lapDistance = odometer
    ? fromOdometer(time, distance, startIndex, endIndex, window.startTime)
    : fromLine(
        distance,
        startIndex,
        endIndex,
        window.length ?? opts.lapLength ?? largest(distance, startIndex, endIndex),
      );
  const seconds = new Float64Array(endIndex - startIndex);
  for (let i = 0; i < seconds.length; i++) seconds[i] = (time[startIndex + i] - window.startTime) / 1000;
  const complete = window.endTime !== undefined && length !== undefined && Number.isFinite(length);
  const trace: WindowedLapTrace = {
    lap: window.lap,
    startTime: window.startTime,
    startIndex,
    endIndex,
    complete,
    time: seconds,
    distance: lapDistance,
  };
  if (complete) {
    trace.length = length;
    trace.lapTime = (window.endTime! - window.startTime) / 1000;
  }
  return trace;
}

/**
 * A wrapping lap-distance channel measured from the line. The lap's first samples may still read the previous lap's
 * distance (a logger that updates late): that lap's length is not this one's, so they are left out (NaN).
 */
function fromLine(distance: ArrayLike<number>, startIndex: number, endIndex: number, length: number): Float64Array {
  const raw = copyRange(distance, startIndex, endIndex);
  for (let i = 0; i < raw.length && !(raw[i] <= length / 2); i++) raw[i] = NaN;
  return lapDistanceFromLine(raw, length);
}

function fromOdometer(
  time: ArrayLike<number>,
  odometer: ArrayLike<number>,
  startIndex: number,
  endIndex: number,
  startTime: number,
): Float64Array {
  const at = odometerAt(time, odometer, startIndex, startTime);
  const out = new Float64Array(endIndex - startIndex);
  for (let i = 0; i < out.length; i++) out[i] = odometer[startIndex + i] - at;
  return out;
}

/** The odometer at time t, a line crossing, interpolated from the samples either side of it (`index` is the first after). */
function odometerAt(time: ArrayLike<number>, odometer: ArrayLike<number>, index: number, t: number): number {
  const from = Math.max(0, index - 2);
  const to = Math.min(time.length, index + 2);
  return new CurveCursor(copyRange(time, from, to), copyRange(odometer, from, to)).at(t);
}

/** values[from..to) as a new array (fast for typed arrays and plain ones alike). */
function copyRange(values: ArrayLike<number>, from: number, to: number): Float64Array {
  const out = new Float64Array(Math.max(0, to - from));
  for (let i = 0; i < out.length; i++) out[i] = values[from + i];
  return out;
}

function largest(values: ArrayLike<number>, from: number, to: number): number {
  let max = -Infinity;
  for (let i = from; i < to; i++) if (values[i] > max) max = values[i];
  return max;
}

/**
 * The laps in a car's samples when no laps table says where they are: split on the lap counter and the lap-distance
 * wrap. A lap whose start crossing is not in the data (the first of a run) starts where its first samples extrapolate
 * to distance 0, when they are within `maxLead` metres of the line; a lap whose end is not timed has no end.
 */
export function lapWindowsFromSamples(
  time: ArrayLike<number>,
  lapCounter: ArrayLike<number>,
  lapDistance: ArrayLike<number>,
  opts: { maxGapMs?: number; maxLead?: number } = {},
): LapWindow[] {
  const maxLead = opts.maxLead ?? 50;
  // No lap length for the split: each lap's line, and so its length, is its own.
  const splits = splitLapsByCounter(time, lapCounter, lapDistance, { maxGapMs: opts.maxGapMs });
  const maxGapMs = opts.maxGapMs ?? 1000;
  // A crossing is timed when the samples either side of it belong to one run (no gap between them).
  const timedAt = (index: number) => index > 0 && index < time.length && time[index] - time[index - 1] <= maxGapMs;
  const starts = splits.map((split, k): number | undefined => {
    const extrapolated = extrapolatedStart(time, lapDistance, split.startIndex, split.endIndex, maxLead);
    if (k === 0 || !timedAt(split.startIndex)) return extrapolated;
    // A lap-distance channel that kept counting past the line wraps late: its first samples of the new lap then
    // extrapolate to a crossing well before the wrap.
    const interval = time[split.startIndex] - time[split.startIndex - 1];
    return extrapolated !== undefined && extrapolated < split.startTime - interval / 4 ? extrapolated : split.startTime;
  });
  const windows: LapWindow[] = [];
  splits.forEach((split, k) => {
    const startTime = starts[k];
    if (startTime === undefined) return;
    const window: LapWindow = { lap: split.lap, startTime };
    const endTime = starts[k + 1];
    if (k + 1 < splits.length && !timedAt(split.endIndex)) window.samplesUntil = time[split.endIndex];
    if (endTime !== undefined && timedAt(split.endIndex)) {
      window.endTime = endTime;
      const moved = endTime !== split.endTime;
      window.length =
        (moved ? undefined : split.length) ??
        new CurveCursor(
          copyRange(time, split.startIndex, split.endIndex),
          copyRange(lapDistance, split.startIndex, split.endIndex),
        ).at(endTime, Infinity);
    }
    windows.push(window);
  });
  return windows;
}

/** Where the first two usable samples of a lap, continued in a straight line, reach distance 0. */
function extrapolatedStart(
  time: ArrayLike<number>,
  distance: ArrayLike<number>,
  from: number,
  to: number,
  maxLead: number,
): number | undefined {
  let a = from;
  while (a < to && !Number.isFinite(distance[a])) a++;
  let b = a + 1;
  while (b < to && !(distance[b] > distance[a])) b++;
  if (b >= to || !(distance[a] >= 0 && distance[a] <= maxLead)) return undefined;
  const speed = (distance[b] - distance[a]) / (time[b] - time[a]);
  return time[a] - distance[a] / speed;
}
