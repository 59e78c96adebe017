/** Picking cars, channels and rows out of a columnar batch. Output keeps the input's car grouping and time order. */
import type { CarRun, ChannelColumn, SampleBatch } from '@eracing/telemetry-core/protocol';

function emptyLike(column: ChannelColumn, length: number): ChannelColumn {
  return column instanceof Float64Array ? new Float64Array(length) : new Float32Array(length);
}

/** The runs of the cars in `cars` (all when null), in batch order. */
export function runsOf(batch: SampleBatch, cars: ReadonlySet<string> | null): CarRun[] {
  return cars ? batch.cars.filter((run) => cars.has(run.car)) : batch.cars;
}

/**
 * The given runs and channels of a batch. Shares the batch's arrays when every run is kept;
 * otherwise copies the kept runs.
 */
export function sliceRuns(batch: SampleBatch, runs: readonly CarRun[], channels: readonly string[]): SampleBatch {
  const picked: Record<string, ChannelColumn> = {};
  if (runs.length === batch.cars.length) {
    for (const name of channels) picked[name] = batch.channels[name];
    return { time: batch.time, cars: batch.cars, channels: picked };
  }
  const rows = runs.reduce((sum, run) => sum + run.length, 0);
  const time = new Float64Array(rows);
  for (const name of channels) picked[name] = emptyLike(batch.channels[name], rows);
  const cars: CarRun[] = [];
  let at = 0;
  for (const run of runs) {
    const end = run.start + run.length;
    time.set(batch.time.subarray(run.start, end), at);
    for (const name of channels) picked[name].set(batch.channels[name].subarray(run.start, end), at);
    cars.push({ car: run.car, start: at, length: run.length });
    at += run.length;
  }
  return { time, cars, channels: picked };
}

/** The rows at ascending `indices` (each inside one of `batch.cars`), with the given channels. */
export function takeRows(batch: SampleBatch, indices: ArrayLike<number>, channels: readonly string[]): SampleBatch {
  const rows = indices.length;
  const time = new Float64Array(rows);
  const sources = channels.map((name) => batch.channels[name]);
  const targets = sources.map((column) => emptyLike(column, rows));
  const cars: CarRun[] = [];
  let run = 0;
  for (let k = 0; k < rows; k++) {
    const i = indices[k];
    while (i >= batch.cars[run].start + batch.cars[run].length) run++;
    const last = cars[cars.length - 1];
    if (last && last.car === batch.cars[run].car) last.length++;
    else cars.push({ car: batch.cars[run].car, start: k, length: 1 });
    time[k] = batch.time[i];
    for (let c = 0; c < sources.length; c++) targets[c][k] = sources[c][i];
  }
  const picked: Record<string, ChannelColumn> = {};
  channels.forEach((name, c) => (picked[name] = targets[c]));
  return { time, cars, channels: picked };
}

/**
 * Rows kept at no more than `rateHz` per car: the first row in each 1/rateHz slot of absolute time.
 * `lastSent` carries the time of each car's last kept row across batches, so the rate holds over batch boundaries
 * (and when the rate changes between batches).
 */
export function rowsAtRate(
  batch: SampleBatch,
  runs: readonly CarRun[],
  rateHz: number,
  lastSent: Map<string, number>,
): number[] {
  const kept: number[] = [];
  const perMs = rateHz / 1000;
  for (const run of runs) {
    const sent = lastSent.get(run.car);
    let previous = sent === undefined ? -Infinity : Math.floor(sent * perMs);
    for (let i = run.start; i < run.start + run.length; i++) {
      const slot = Math.floor(batch.time[i] * perMs);
      if (slot <= previous) continue;
      kept.push(i);
      previous = slot;
      lastSent.set(run.car, batch.time[i]);
    }
  }
  return kept;
}

/** Rows [start, end) as views over the batch's arrays. */
export function sliceRows(batch: SampleBatch, start: number, end: number): SampleBatch {
  const channels: Record<string, ChannelColumn> = {};
  for (const [name, column] of Object.entries(batch.channels)) channels[name] = column.subarray(start, end);
  const cars: CarRun[] = [];
  for (const run of batch.cars) {
    const from = Math.max(run.start, start);
    const to = Math.min(run.start + run.length, end);
    if (to > from) cars.push({ car: run.car, start: from - start, length: to - from });
  }
  return { time: batch.time.subarray(start, end), cars, channels };
}

/** The batches one after another, with the given channels; adjacent runs of the same car merge. */
export function concatRows(batches: readonly SampleBatch[], channels: readonly string[]): SampleBatch {
  const rows = batches.reduce((sum, batch) => sum + batch.time.length, 0);
  const time = new Float64Array(rows);
  const picked: Record<string, ChannelColumn> = {};
  const first = batches.find((batch) => batch.time.length > 0) ?? batches[0];
  for (const name of channels) picked[name] = emptyLike(first.channels[name], rows);
  const cars: CarRun[] = [];
  let at = 0;
  for (const batch of batches) {
    time.set(batch.time, at);
    for (const name of channels) picked[name].set(batch.channels[name], at);
    for (const run of batch.cars) {
      const last = cars[cars.length - 1];
      if (last && last.car === run.car && last.start + last.length === at + run.start) last.length += run.length;
      else cars.push({ car: run.car, start: at + run.start, length: run.length });
    }
    at += batch.time.length;
  }
  return { time, cars, channels: picked };
}
