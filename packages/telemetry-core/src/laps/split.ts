import type { Point } from '../protocol/model';

/** One lap of a car's samples. Times are in the units of the time column (epoch ms). */
export interface LapSplit {
  /** Lap number: the counter's value, or counted at the line (the partial lap before the first crossing is 0). */
  lap: number;
  /** First sample of the lap. */
  startIndex: number;
  /** One past the last sample of the lap. */
  endIndex: number;
  /** The crossing that started the lap, between samples; the first sample for a first partial lap. */
  startTime: number;
  /** The line crossing that ended the lap; the last sample for the last partial lap. */
  endTime: number;
  /** Both ends are line crossings timed between samples no further apart than `maxGapMs`. */
  complete: boolean;
  /** Seconds, for complete laps. */
  lapTime?: number;
  /**
   * Metres covered in the lap, for complete laps split on a lap-distance channel: the distance reached at the
   * interpolated line crossing, not the last sample's (which falls short by up to one sample's travel).
   */
  length?: number;
  /** The longest stretch of the lap, ms, without a usable sample (all the channels the split reads finite). */
  maxGapMs: number;
}

interface Crossing {
  /** First sample after the crossing. */
  index: number;
  time: number;
  /** False when the crossing fell in a data gap and its time is a guess. */
  exact: boolean;
  /** Lap distance the ending lap reached at the crossing, when the crossing was found on a lap-distance wrap. */
  endDistance?: number;
}

const DEFAULT_MAX_GAP_MS = 1000;

export interface CounterSplitOptions {
  /** Lap length, metres; makes the crossing interpolation on a wrapping lap distance exact. */
  lapLength?: number;
  /** How far from a counter change (ms, either side) to look for the lap-distance wrap. Default 2000. */
  wrapWindowMs?: number;
  /** Longest sample gap a crossing may be interpolated across and still count as timed. Default 1000. */
  maxGapMs?: number;
}

/**
 * Laps from a lap-counter channel (NaN samples are skipped). Without a lap distance, a lap starts at the first sample
 * carrying its counter value and the crossing is timed halfway between that sample and the one before. With a lap
 * distance, loggers often update the counter a few samples after the line, so the lap-distance wrap (a drop of over
 * half a lap) within `wrapWindowMs` of the counter change marks the line instead, timed by interpolating on distance:
 * between the two samples the car covers (L − d_before) + d_after, with L the lap length when given, else estimated
 * from the speed on either side of the wrap.
 */
export function splitLapsByCounter(
  time: ArrayLike<number>,
  lapCounter: ArrayLike<number>,
  lapDistance?: ArrayLike<number>,
  opts: CounterSplitOptions = {},
): LapSplit[] {
  const n = Math.min(time.length, lapCounter.length, lapDistance?.length ?? Infinity);
  const maxGapMs = opts.maxGapMs ?? DEFAULT_MAX_GAP_MS;
  const window = opts.wrapWindowMs ?? 2000;
  const crossings: Crossing[] = [];
  const lapNumbers: number[] = [];
  let previous = -1;
  let lapStart = 0;
  for (let i = 0; i < n; i++) {
    const counter = lapCounter[i];
    if (!Number.isFinite(counter)) continue;
    if (previous < 0) {
      lapNumbers.push(counter);
    } else if (counter !== lapCounter[previous]) {
      const wrap = lapDistance && findDistanceWrap(time, lapDistance, n, lapStart, i, window, maxGapMs, opts.lapLength);
      const crossing = wrap ?? {
        index: i,
        time: (time[previous] + time[i]) / 2,
        exact: time[i] - time[previous] <= maxGapMs,
      };
      crossings.push(crossing);
      lapNumbers.push(counter);
      lapStart = crossing.index;
    }
    previous = i;
  }
  if (lapNumbers.length === 0) lapNumbers.push(0);
  const usable = lapDistance
    ? (i: number) => Number.isFinite(lapCounter[i]) && Number.isFinite(lapDistance[i])
    : (i: number) => Number.isFinite(lapCounter[i]);
  return assembleLaps(time, n, crossings, lapNumbers, usable);
}

/**
 * The largest drop of the lap distance (by more than half a lap) within `window` ms of sample `change`, after the
 * current lap's first sample `lapStart`; undefined when there is none.
 */
function findDistanceWrap(
  time: ArrayLike<number>,
  d: ArrayLike<number>,
  n: number,
  lapStart: number,
  change: number,
  window: number,
  maxGapMs: number,
  lapLength: number | undefined,
): Crossing | undefined {
  const from = time[change] - window;
  const to = time[change] + window;
  let lapMax = -Infinity;
  let p = -1;
  let pp = -1;
  let best = -1;
  let bestBefore = -1;
  let bestBeforeThat = -1;
  let bestDrop = 0;
  for (let k = lapStart; k < n && time[k] <= to; k++) {
    const dk = d[k];
    if (!Number.isFinite(dk)) continue;
    if (p >= 0 && time[k] >= from) {
      const drop = d[p] - dk;
      if (drop > 0.5 * (lapLength ?? lapMax) && drop > bestDrop) {
        bestDrop = drop;
        best = k;
        bestBefore = p;
        bestBeforeThat = pp;
      }
    }
    if (dk > lapMax) lapMax = dk;
    pp = p;
    p = k;
  }
  if (best < 0) return undefined;
  const t0 = time[bestBefore];
  const dt = time[best] - t0;
  const before = d[bestBefore];
  const after = d[best];
  let travelled: number;
  if (lapLength !== undefined) {
    travelled = Math.max(0, lapLength - before) + after;
  } else {
    const speed = speedAround(time, d, n, bestBeforeThat, bestBefore, best);
    travelled = speed > 0 ? speed * dt : Math.max(0, lapMax - before) + after;
  }
  const fraction = travelled > 0 ? clamp01(1 - after / travelled) : 0;
  return { index: best, time: t0 + fraction * dt, exact: dt <= maxGapMs, endDistance: before + fraction * travelled };
}

/** Mean speed (distance units per time unit) over the intervals just before sample `a` and just after sample `b`. */
function speedAround(
  time: ArrayLike<number>,
  d: ArrayLike<number>,
  n: number,
  before: number,
  a: number,
  b: number,
): number {
  let sum = 0;
  let count = 0;
  if (before >= 0) {
    const v = (d[a] - d[before]) / (time[a] - time[before]);
    if (v > 0) {
      sum += v;
      count++;
    }
  }
  let next = b + 1;
  while (next < n && !Number.isFinite(d[next])) next++;
  if (next < n) {
    const v = (d[next] - d[b]) / (time[next] - time[b]);
    if (v > 0) {
      sum += v;
      count++;
    }
  }
  return count ? sum / count : 0;
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

export interface StartFinishLine {
  a: Point;
  b: Point;
}

export interface LineSplitOptions {
  /** A crossing sooner than this after the last counted one is ignored (GPS jitter, reversing). Default 10000 ms. */
  minLapTimeMs?: number;
  /** Longest gap between usable samples a crossing may be interpolated across and count as timed. Default 1000 ms. */
  maxGapMs?: number;
  /**
   * Driving direction across the line: +1 when the car passes from the right of a→b to its left, −1 the other way.
   * Default: the direction most crossings take.
   */
  direction?: 1 | -1;
  /** Number of the lap that starts at the first crossing. Default 1. */
  firstLap?: number;
}

/**
 * Laps from the car's positions (metres) crossing the start/finish line segment in the driving direction, each crossing
 * timed by intersecting the path between two samples with the line. NaN positions (dropouts) are skipped; a crossing
 * inside a gap longer than `maxGapMs` still separates the laps but leaves both incomplete.
 */
export function splitLapsByLine(
  time: ArrayLike<number>,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  line: StartFinishLine,
  opts: LineSplitOptions = {},
): LapSplit[] {
  const n = Math.min(time.length, x.length, y.length);
  const maxGapMs = opts.maxGapMs ?? DEFAULT_MAX_GAP_MS;
  const minLapTimeMs = opts.minLapTimeMs ?? 10_000;
  const { a, b } = line;
  const ux = b.x - a.x;
  const uy = b.y - a.y;
  const lineLength2 = ux * ux + uy * uy;
  const candidates: (Crossing & { direction: 1 | -1 })[] = [];
  let previous = -1;
  let sidePrevious = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const yi = y[i];
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) continue;
    // Positive left of a→b. Half-open sign tests count a sample lying exactly on the line once.
    const side = ux * (yi - a.y) - uy * (xi - a.x);
    if (previous >= 0 && ((sidePrevious < 0 && side >= 0) || (sidePrevious > 0 && side <= 0))) {
      const f = sidePrevious / (sidePrevious - side);
      const qx = x[previous] + f * (xi - x[previous]);
      const qy = y[previous] + f * (yi - y[previous]);
      const along = ((qx - a.x) * ux + (qy - a.y) * uy) / lineLength2;
      if (along >= 0 && along <= 1) {
        const dt = time[i] - time[previous];
        candidates.push({
          index: i,
          time: time[previous] + f * dt,
          exact: dt <= maxGapMs,
          direction: sidePrevious < 0 ? 1 : -1,
        });
      }
    }
    previous = i;
    sidePrevious = side;
  }
  const direction = opts.direction ?? majorityDirection(candidates);
  const crossings: Crossing[] = [];
  for (const c of candidates) {
    if (c.direction !== direction) continue;
    const last = crossings[crossings.length - 1];
    if (last && c.time - last.time < minLapTimeMs) continue;
    crossings.push(c);
  }
  const firstLap = opts.firstLap ?? 1;
  const lapNumbers = Array.from({ length: crossings.length + 1 }, (_, j) => firstLap - 1 + j);
  return assembleLaps(time, n, crossings, lapNumbers, (i) => Number.isFinite(x[i]) && Number.isFinite(y[i]));
}

function majorityDirection(candidates: readonly { direction: 1 | -1 }[]): 1 | -1 {
  let sum = 0;
  for (const c of candidates) sum += c.direction;
  if (sum !== 0) return sum > 0 ? 1 : -1;
  return candidates.length ? candidates[0].direction : 1;
}

function assembleLaps(
  time: ArrayLike<number>,
  n: number,
  crossings: readonly Crossing[],
  lapNumbers: readonly number[],
  usable: (i: number) => boolean,
): LapSplit[] {
  if (n === 0) return [];
  const laps: LapSplit[] = [];
  for (let j = 0; j <= crossings.length; j++) {
    const start = crossings[j - 1];
    const end = crossings[j];
    const startIndex = start ? start.index : 0;
    const endIndex = end ? end.index : n;
    const startTime = start ? start.time : time[0];
    const endTime = end ? end.time : time[n - 1];
    const complete = !!start && !!end && start.exact && end.exact;
    let maxGapMs = 0;
    let last = startTime;
    for (let i = startIndex; i < endIndex; i++) {
      if (!usable(i)) continue;
      if (time[i] - last > maxGapMs) maxGapMs = time[i] - last;
      last = time[i];
    }
    if (endTime - last > maxGapMs) maxGapMs = endTime - last;
    const lap: LapSplit = { lap: lapNumbers[j], startIndex, endIndex, startTime, endTime, complete, maxGapMs };
    if (complete) lap.lapTime = (endTime - startTime) / 1000;
    if (complete && end.endDistance !== undefined) lap.length = end.endDistance;
    laps.push(lap);
  }
  return laps;
}

/** Seconds since the lap started, for each of the lap's samples: the time axis {@link deltaTime} expects. */
export function lapElapsedSeconds(
  time: ArrayLike<number>,
  lap: Pick<LapSplit, 'startIndex' | 'endIndex' | 'startTime'>,
): Float64Array {
  const out = new Float64Array(lap.endIndex - lap.startIndex);
  for (let i = 0; i < out.length; i++) out[i] = (time[lap.startIndex + i] - lap.startTime) / 1000;
  return out;
}
