import type { CarRun, ChannelColumn, SampleBatch } from '@eracing/telemetry-core';

/**
 * The client's own buffers a decode ends in: per car, one preallocated ring column per channel, of the channel's
 * own type. Every codec in the benchmark copies into the same structure, so only the decode differs.
 *
 * A live batch holds ten rows per car, so the copy is hundreds of short runs. It moves 32-bit words through Int32Array
 * views rather than floats: that keeps one monomorphic loop for float32 and float64 columns alike and skips the
 * float conversions, measured 1.7× faster.
 */
interface CarRing {
  write: number;
  columns: Map<string, ChannelColumn>;
}

interface Plan {
  names: string[];
  /** 32-bit words per value of each column: 1 for float32, 2 for float64. */
  words: number[];
  rings: CarRing[];
  /** Word views of each car's columns, [car][column]. */
  targets: Int32Array[][];
}

const wordsOf = (column: ChannelColumn) => new Int32Array(column.buffer, column.byteOffset, column.byteLength / 4);

export class ClientBuffers {
  private readonly cars = new Map<string, CarRing>();
  private plan?: Plan;
  private planKey?: unknown;
  private planSignature?: string;

  constructor(private readonly capacity: number) {}

  /** The columns of one car, as views of their own type. */
  columns(car: string): ReadonlyMap<string, ChannelColumn> | undefined {
    return this.cars.get(car)?.columns;
  }

  private ring(car: string): CarRing {
    let ring = this.cars.get(car);
    if (!ring) this.cars.set(car, (ring = { write: 0, columns: new Map() }));
    return ring;
  }

  /** The copy plan for a batch's layout: reused while cars, row counts and channels stay the same. */
  private planFor(batch: SampleBatch): Plan {
    if (this.plan && this.planKey === batch.cars) return this.plan;
    const names = ['time', ...Object.keys(batch.channels)];
    const signature = JSON.stringify([batch.cars, names]);
    this.planKey = batch.cars;
    if (this.plan && signature === this.planSignature) return this.plan;
    this.planSignature = signature;
    const source = (name: string) => (name === 'time' ? batch.time : batch.channels[name]);
    const words = names.map((name) => source(name).BYTES_PER_ELEMENT / 4);
    const rings = batch.cars.map((run) => this.ring(run.car));
    const targets = rings.map((ring) =>
      names.map((name, c) => {
        let column = ring.columns.get(name);
        if (!column) {
          column = words[c] === 2 ? new Float64Array(this.capacity) : new Float32Array(this.capacity);
          ring.columns.set(name, column);
        }
        return wordsOf(column);
      }),
    );
    this.plan = { names, words, rings, targets };
    return this.plan;
  }

  /** Copies every value of the batch into the rings of its cars: column by column, then car by car. */
  append(batch: SampleBatch): void {
    const plan = this.planFor(batch);
    const runs = batch.cars;
    const at = plan.rings.map((ring, r) => (ring.write + runs[r].length <= this.capacity ? ring.write : 0));
    // A binary batch's columns share the message's buffer: one word view of it serves them all.
    let buffer: ArrayBufferLike | undefined;
    let words: Int32Array | undefined;
    for (let c = 0; c < plan.names.length; c++) {
      const name = plan.names[c];
      const column = name === 'time' ? batch.time : batch.channels[name];
      if (column.buffer !== buffer) {
        buffer = column.buffer;
        words = new Int32Array(buffer, 0, buffer.byteLength >> 2);
      }
      copyRuns(words!, column.byteOffset >> 2, plan.targets, c, plan.words[c], runs, at);
    }
    plan.rings.forEach((ring, r) => (ring.write = at[r] + runs[r].length));
  }
}

function copyRuns(
  source: Int32Array,
  offset: number,
  targets: Int32Array[][],
  c: number,
  words: number,
  runs: CarRun[],
  at: number[],
) {
  for (let r = 0; r < runs.length; r++) {
    const target = targets[r][c];
    const from = offset + runs[r].start * words;
    const to = at[r] * words;
    const count = runs[r].length * words;
    for (let i = 0; i < count; i++) target[to + i] = source[from + i];
  }
}
