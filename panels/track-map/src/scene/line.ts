import { type DataFrame, FieldType } from '@grafana/data';
import { bucketRuns, bucketValues, type BucketRuns } from '@eracing/panel-kit/colour-buckets';
import { isLapsFrame, readLapsFrame } from '@eracing/telemetry-core/frames';
import { chooseLap, isCompleteRun, type LapCandidate, type LapChoice, lapRuns } from '@eracing/telemetry-core/laps';
import { cleanTrace, PointGrid, thinLine, thinningSpacing, type ThinnedLine } from '@eracing/telemetry-core/track';

import type { MapCar } from './cars';
import { columnRange } from './columns';

/** A lap of one car: samples start…end − 1 of the car's frame (the whole frame when it has no lap field). */
export interface LapSlice {
  car: MapCar;
  lap: number;
  start: number;
  end: number;
}

/** What the laps table (the datasource's `laps` frame) says about a car's lap. */
interface LapFacts {
  valid: boolean;
  lapTime?: number;
}

/** The `laps` frame as a lookup by car and lap (lap times in seconds); empty when there is none. */
export function readLapTable(series: readonly DataFrame[]): Map<string, LapFacts> {
  const table = new Map<string, LapFacts>();
  const frame = series.find(isLapsFrame);
  if (!frame) return table;
  const hasValidity = frame.fields.some((field) => field.name === 'valid');
  for (const row of readLapsFrame(frame)) {
    table.set(`${row.car}|${row.lap}`, {
      valid: hasValidity ? row.valid : true,
      lapTime: row.lapTime !== undefined && row.lapTime > 0 ? row.lapTime : undefined,
    });
  }
  return table;
}

/**
 * Every lap in the data as a candidate for the line. A lap counts as valid with a time when it is complete in the
 * data (finished, line to line) and the laps table, when there is one, does not call it invalid.
 */
export function lapCandidates(
  cars: readonly MapCar[],
  laps: Map<string, LapFacts>,
  trackLength?: number,
): LapCandidate<LapSlice>[] {
  const candidates: LapCandidate<LapSlice>[] = [];
  for (const car of cars) {
    const n = car.x.length;
    if (n === 0) continue;
    const time = car.time;
    const lastTime = (i: number) => (time ? time[i] : i);
    if (!car.lap) {
      candidates.push({ key: { car, lap: NaN, start: 0, end: n }, lap: NaN, valid: false, lastTime: lastTime(n - 1) });
      continue;
    }
    const runs = lapRuns(car.lap);
    runs.forEach((run, index) => {
      const complete = isCompleteRun(runs, index, car.lapDistance, { trackLength });
      const facts = laps.get(`${car.car}|${run.lap}`);
      const measured = complete && time ? (time[run.end] - time[run.start]) / 1000 : undefined;
      candidates.push({
        key: { car, lap: run.lap, start: run.start, end: run.end },
        lap: run.lap,
        lapTime: complete ? (facts?.lapTime ?? measured) : undefined,
        valid: complete && (facts?.valid ?? true),
        lastTime: lastTime(run.end - 1),
      });
    });
  }
  return candidates;
}

/** The lap chosen for the line. */
export interface LineChoice {
  slice: LapSlice;
  /** Seconds, when the lap is complete. */
  lapTime?: number;
  /** True when no lap fits the choice and the lap with the most samples stands in. */
  partial: boolean;
}

function longestLap(candidates: readonly LapCandidate<LapSlice>[]): LapCandidate<LapSlice> | undefined {
  return candidates.reduce<LapCandidate<LapSlice> | undefined>(
    (longest, c) => (!longest || c.key.end - c.key.start >= longest.key.end - longest.key.start ? c : longest),
    undefined,
  );
}

/**
 * The lap for the line among the chosen car's laps (or every car's). When the best valid lap is asked for and no
 * lap is complete yet (a live window shorter than two laps, say), the lap with the most samples stands in.
 */
export function chooseLineLap(
  candidates: readonly LapCandidate<LapSlice>[],
  choice: LapChoice,
  car?: string,
): LineChoice | undefined {
  const mine = car ? candidates.filter((c) => c.key.car.car === car) : candidates;
  const chosen = chooseLap(mine, choice);
  if (chosen) return { slice: chosen.key, lapTime: chosen.lapTime, partial: false };
  const stand = choice.kind === 'best' ? longestLap(mine) : undefined;
  return stand && { slice: stand.key, partial: true };
}

/** The fastest complete lap in the data, else the longest, for the outline when there is no track frame. */
export function outlineLap(candidates: readonly LapCandidate<LapSlice>[]): LapSlice | undefined {
  return (chooseLap(candidates, { kind: 'best' }) ?? longestLap(candidates))?.key;
}

/** The racing line of one lap: cleaned positions (metres), its samples' rows in the frame, colour runs. */
export interface ColouredLine {
  slice: LapSlice;
  x: Float64Array;
  y: Float64Array;
  breakBefore: Uint8Array;
  /** The colour field's values along the line (NaN where missing). */
  values: Float64Array;
  /** Time (epoch ms) and lap distance (m) of each sample; NaN when the frame has none. */
  time: Float64Array;
  lapDistance: Float64Array;
  buckets: Uint8Array;
  runs: BucketRuns;
  /** The points to draw while they crowd on screen. */
  thinned: ThinnedLine;
  /** The nearest-sample index, built on the first hover. */
  grid(): PointGrid;
}

/** A column over the slice as float64; all NaN when there is no column. */
function sliceColumn(slice: LapSlice, column: ArrayLike<number> | undefined): Float64Array {
  const values = new Float64Array(slice.end - slice.start).fill(NaN);
  if (column) for (let i = slice.start; i < slice.end; i++) values[i - slice.start] = column[i] ?? NaN;
  return values;
}

/** The colour field's values over the slice; NaN when the car's frame has no such field. */
export function sliceValues(slice: LapSlice, fieldName: string): Float64Array {
  const field = slice.car.frame.fields.find((f) => f.name === fieldName && f.type === FieldType.number);
  return sliceColumn(slice, field?.values as ArrayLike<number> | undefined);
}

/** Positions of the slice, cleaned of dropouts. */
export function slicePositions(slice: LapSlice) {
  const { car, start, end } = slice;
  const sub = (values: ArrayLike<number>) => columnRange(values, start, end);
  return cleanTrace(sub(car.x), sub(car.y), car.time ? sub(car.time) : undefined);
}

export function buildLine(
  slice: LapSlice,
  values: Float64Array,
  edges: ArrayLike<number>,
  bucketCount: number,
): ColouredLine {
  const { x, y, breakBefore } = slicePositions(slice);
  const buckets = bucketValues(values, edges);
  let grid: PointGrid | undefined;
  return {
    slice,
    x,
    y,
    breakBefore,
    values,
    time: sliceColumn(slice, slice.car.time),
    lapDistance: sliceColumn(slice, slice.car.lapDistance),
    buckets,
    runs: bucketRuns(x, y, buckets, bucketCount, breakBefore),
    thinned: thinLine(x, y, thinningSpacing(x, y)),
    grid: () => (grid ??= new PointGrid(x, y)),
  };
}
