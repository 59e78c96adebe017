/** Building sample batches from pieces of other batches: time windows, chosen cars, a fixed set of columns. */
import { type ChannelType, firstAtOrAfter } from '@eracing/telemetry-core/channels';
import { type ChannelColumn, type SampleBatch } from '@eracing/telemetry-core/protocol';

export interface ColumnSpec {
  name: string;
  type: ChannelType;
}

export function emptyBatch(columns: readonly ColumnSpec[]): SampleBatch {
  const channels: Record<string, ChannelColumn> = {};
  for (const c of columns) channels[c.name] = c.type === 'f64' ? new Float64Array(0) : new Float32Array(0);
  return { time: new Float64Array(0), cars: [], channels };
}

/** A typed array that grows by doubling. */
class GrowingColumn {
  private data: ChannelColumn;
  length = 0;

  constructor(readonly type: ChannelType) {
    this.data = type === 'f64' ? new Float64Array(256) : new Float32Array(256);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    let capacity = this.data.length * 2;
    while (capacity < this.length + extra) capacity *= 2;
    const next = this.type === 'f64' ? new Float64Array(capacity) : new Float32Array(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  append(source: ChannelColumn | undefined, start: number, end: number): void {
    this.reserve(end - start);
    if (source) this.data.set(source.subarray(start, end), this.length);
    else this.data.fill(NaN, this.length, this.length + end - start);
    this.length += end - start;
  }

  push(value: number): void {
    this.reserve(1);
    this.data[this.length++] = value;
  }

  values(): ChannelColumn {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Collects the rows of the given cars with from <= time < to from batches added in time order, and builds one batch
 * grouped by car (in the order of `cars`) then time, with exactly the given columns (NaN where a batch had none).
 */
export class BatchAssembler {
  private readonly perCar = new Map<string, { time: GrowingColumn; columns: GrowingColumn[] }>();

  /** With `anyCar`, rows of cars not in `cars` are kept too, after them in the order they first come. */
  constructor(
    private readonly columns: readonly ColumnSpec[],
    cars: readonly string[],
    private readonly anyCar = false,
  ) {
    for (const car of cars) this.target(car, true);
  }

  private target(car: string, create = this.anyCar) {
    let target = this.perCar.get(car);
    if (!target && create) {
      target = { time: new GrowingColumn('f64'), columns: this.columns.map((c) => new GrowingColumn(c.type)) };
      this.perCar.set(car, target);
    }
    return target;
  }

  add(batch: SampleBatch, from = -Infinity, to = Infinity): void {
    for (const run of batch.cars) {
      const target = this.target(run.car);
      if (!target) continue;
      const end = run.start + run.length;
      const first = from === -Infinity ? run.start : firstAtOrAfter(batch.time, from, run.start, end);
      const last = to === Infinity ? end : firstAtOrAfter(batch.time, to, first, end);
      if (first >= last) continue;
      target.time.append(batch.time, first, last);
      this.columns.forEach((c, k) => target.columns[k].append(batch.channels[c.name], first, last));
    }
  }

  /** Appends one row for a car: `values` in the order of the columns. */
  addRow(car: string, time: number, values: ArrayLike<number>): void {
    const target = this.target(car);
    if (!target) return;
    target.time.push(time);
    for (let k = 0; k < this.columns.length; k++) target.columns[k].push(values[k]);
  }

  get rows(): number {
    let rows = 0;
    for (const car of this.perCar.values()) rows += car.time.length;
    return rows;
  }

  build(): SampleBatch {
    const rows = this.rows;
    const time = new Float64Array(rows);
    const channels: Record<string, ChannelColumn> = {};
    for (const c of this.columns) channels[c.name] = c.type === 'f64' ? new Float64Array(rows) : new Float32Array(rows);
    const cars: SampleBatch['cars'] = [];
    let at = 0;
    for (const [car, data] of this.perCar) {
      const length = data.time.length;
      if (!length) continue;
      time.set(data.time.values(), at);
      this.columns.forEach((c, k) => channels[c.name].set(data.columns[k].values(), at));
      cars.push({ car, start: at, length });
      at += length;
    }
    return { time, cars, channels };
  }
}
