/** Laps against a reference on one grid of reference-lap distance: the delta, and each channel resampled. */
import { deltaTime, lossZones, type LapTrace, type SlipZone, type TimeSlip } from './time-slip';
import { CurveCursor } from '../distance/curve';
import { distanceGrid } from '../distance/resample';

/** A lap's trace with its channel columns, each holding one value per trace sample. */
export interface TracedLap {
  /** A lap in progress should carry the reference's length: its own is not known yet. */
  trace: LapTrace;
  channels: Readonly<Record<string, ArrayLike<number>>>;
}

export interface ComparedLap {
  slip: TimeSlip;
  /** Seconds since the lap's start at each grid distance (the reference's time plus Δt). */
  time: Float64Array;
  /** Each channel at the lap's point matching each grid distance (s·L_lap/L_ref). */
  channels: Record<string, Float64Array>;
  /** L_lap / L_ref: a grid distance times this is the lap's own distance. */
  scale: number;
  zones: SlipZone[];
}

export interface LapComparison {
  /** Reference lap distance, metres: the x of everything else. */
  distance: Float64Array;
  referenceLength: number;
  /** Seconds since the reference lap's start at each grid distance. */
  referenceTime: Float64Array;
  referenceChannels: Record<string, Float64Array>;
  laps: ComparedLap[];
}

export interface ComparisonOptions {
  /** Grid step, metres. Default 1. */
  step?: number;
  /** Loss zones found per lap. Default 5. */
  zones?: number;
}

/**
 * Compares each lap with the reference. Channel values between samples are interpolated linearly; the delta uses
 * the core's monotone interpolation of time against distance.
 */
export function compareLaps(
  laps: readonly TracedLap[],
  reference: TracedLap,
  channels: readonly string[],
  opts: ComparisonOptions = {},
): LapComparison {
  const step = opts.step ?? 1;
  const zoneCount = opts.zones ?? 5;
  const referenceLength = lengthOf(reference.trace);
  const distance = distanceGrid(referenceLength, step);
  const referenceTime = new Float64Array(distance.length);
  new CurveCursor(reference.trace.distance, reference.trace.time, {
    method: 'monotone',
    start: { x: 0, y: 0 },
    end: reference.trace.lapTime === undefined ? undefined : { x: referenceLength, y: reference.trace.lapTime },
  }).evaluate(distance, referenceTime);
  const referenceChannels = resampleChannels(reference, channels, distance, 1);
  const compared = laps.map((lap): ComparedLap => {
    const slip = deltaTime(lap.trace, reference.trace, { step });
    const time = new Float64Array(distance.length);
    for (let i = 0; i < time.length; i++) time[i] = referenceTime[i] + slip.delta[i];
    const scale = lengthOf(lap.trace) / referenceLength;
    return {
      slip,
      time,
      channels: resampleChannels(lap, channels, distance, scale),
      scale,
      zones: lossZones(slip, zoneCount),
    };
  });
  return { distance, referenceLength, referenceTime, referenceChannels, laps: compared };
}

/** A trace's length: given, else its largest distance. */
function lengthOf(trace: LapTrace): number {
  if (trace.length !== undefined) return trace.length;
  let max = -Infinity;
  for (let i = 0; i < trace.distance.length; i++) if (trace.distance[i] > max) max = trace.distance[i];
  return max;
}

function resampleChannels(
  lap: TracedLap,
  names: readonly string[],
  grid: Float64Array,
  scale: number,
): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const name of names) {
    const values = lap.channels[name];
    const column = new Float64Array(grid.length);
    if (values) new CurveCursor(lap.trace.distance, values, 'linear').evaluate(grid, column, { scale });
    else column.fill(NaN);
    out[name] = column;
  }
  return out;
}
