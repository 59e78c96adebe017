/**
 * The lap delta benchmark's degraded case: our lap distance without a lap-distance channel, the way real loggers deliver data: integrated speed for the distance
 * (smooth and exact to the sampling, but with no origin and a slow drift), anchored at each start/finish line by the
 * GPS positions projected onto the track's centre line (noisy, but without drift): averaged over the samples within
 * a few hundred metres of the line, their noise cancels out.
 */
import { firstAtOrAfter } from '@eracing/telemetry-core/channels';
import type { LapWindow } from '@eracing/telemetry-core/delta';
import { centreLineProjector, CurveCursor, distanceFromSpeed, type CentreLine } from '@eracing/telemetry-core/distance';
import { splitLapsByLine, type StartFinishLine } from '@eracing/telemetry-core/laps';

export interface TrackLines {
  centreLine: CentreLine;
  startFinish: StartFinishLine;
}

export interface SpeedDistanceOptions {
  /** Metres either side of the line whose positions anchor the crossing. Default 150. */
  window?: number;
  /** Positions further than this from the centre line (pit lane, GPS outliers) do not anchor. Default 20 m. */
  maxOffset?: number;
  /** A lap counter column: names each lap by the counter in its middle. Default: laps numbered from `firstLap`. */
  lapCounter?: ArrayLike<number>;
  firstLap?: number;
}

export interface SpeedDistanceLaps {
  /** Metres travelled since the first sample: the distance column to cut laps from (as an odometer). */
  odometer: Float64Array;
  /** The laps between consecutive anchored crossings, with their lengths. */
  windows: LapWindow[];
}

/**
 * Laps and their distance from speed (km/h) and positions (x, y metres, as the track). Times in epoch ms.
 */
export function lapsFromSpeedAndPosition(
  time: ArrayLike<number>,
  speedKmh: ArrayLike<number>,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  track: TrackLines,
  opts: SpeedDistanceOptions = {},
): SpeedDistanceLaps {
  const window = opts.window ?? 150;
  const maxOffset = opts.maxOffset ?? 20;
  const odometer = distanceFromSpeed(time, speedKmh);
  const projector = centreLineProjector(track.centreLine);
  const { distance: along, offset } = projector.project(x, y);
  const half = projector.length / 2;
  const rough = splitLapsByLine(time, x, y, track.startFinish).slice(1);
  const odometerAt = new CurveCursor(time, odometer);
  const timeAt = new CurveCursor(odometer, time);
  // Each crossing as the odometer reading at the line: the mean of odometer − distance from the line.
  const lines: number[] = [];
  for (const crossing of rough) {
    const guess = odometerAt.at(crossing.startTime);
    let sum = 0;
    let count = 0;
    for (let i = 0; i < odometer.length; i++) {
      const fromGuess = odometer[i] - guess;
      if (!(Math.abs(fromGuess) <= window) || !(Math.abs(offset[i]) <= maxOffset)) continue;
      const fromLine = along[i] > half ? along[i] - projector.length : along[i];
      sum += odometer[i] - fromLine;
      count++;
    }
    if (count > 0) lines.push(sum / count);
  }
  const windows: LapWindow[] = [];
  for (let k = 0; k + 1 < lines.length; k++) {
    const startTime = timeAt.at(lines[k]);
    const endTime = timeAt.at(lines[k + 1]);
    const lap = opts.lapCounter
      ? opts.lapCounter[
          Math.round(
            (firstAtOrAfter(time, startTime, 0, time.length - 1) + firstAtOrAfter(time, endTime, 0, time.length - 1)) /
              2,
          )
        ]
      : (opts.firstLap ?? 1) + k + 1;
    windows.push({ lap, startTime, endTime, length: lines[k + 1] - lines[k] });
  }
  return { odometer, windows };
}
