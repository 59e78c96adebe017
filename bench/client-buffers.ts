import type { ChannelColumn, SampleBatch } from '@eracing/telemetry-core';

import {
  allocateBuffers,
  type Buffers,
  type ColumnType,
  copyIntoSlots,
  type Slot,
  traceSource,
} from '../datasource/src/live/car-trace';

/**
 * The client's own buffers a decode ends in: per car, a ring of `capacity` rows of every channel, each of its own
 * type. They are the datasource's own blocks (`allocateBuffers`), filled by its own copy (`copyIntoSlots`), so the
 * benchmark measures the copy the datasource makes. Every codec copies into the same structure, so only the decode
 * differs.
 */
interface Car {
  buffers: Buffers;
  /** The car's rows written next. */
  write: number;
}

interface Layout {
  names: string[];
  types: ColumnType[];
  /** 32-bit words per value of each channel: 1 for float32, 2 for float64. */
  widths: number[];
}

const typeOf = (column: ChannelColumn): ColumnType => (column.BYTES_PER_ELEMENT === 8 ? 'f64' : 'f32');

function sameLayout(layout: Layout, batch: SampleBatch): boolean {
  let c = 0;
  for (const name in batch.channels) {
    if (layout.names[c] !== name || layout.types[c] !== typeOf(batch.channels[name])) return false;
    c++;
  }
  return c === layout.names.length;
}

export class ClientBuffers {
  private readonly cars = new Map<string, Car>();
  private layout?: Layout;

  constructor(private readonly capacity: number) {}

  /** The columns of one car, time first, by name. */
  columns(car: string): ReadonlyMap<string, ChannelColumn> | undefined {
    const entry = this.cars.get(car);
    if (!entry || !this.layout) return undefined;
    const { time, columns } = entry.buffers;
    return new Map([['time', time], ...this.layout.names.map((name, c) => [name, columns[c]] as const)]);
  }

  /** The channels and types of a batch; a change of either starts every car afresh. */
  private layoutFor(batch: SampleBatch): Layout {
    if (this.layout && sameLayout(this.layout, batch)) return this.layout;
    const names = Object.keys(batch.channels);
    const types = names.map((name) => typeOf(batch.channels[name]));
    this.cars.clear();
    this.layout = { names, types, widths: types.map((type) => (type === 'f64' ? 2 : 1)) };
    return this.layout;
  }

  private car(name: string, layout: Layout): Car {
    let car = this.cars.get(name);
    if (!car) this.cars.set(name, (car = { buffers: allocateBuffers(layout.types, this.capacity), write: 0 }));
    return car;
  }

  /** Copies every value of the batch into the rings of its cars. */
  append(batch: SampleBatch): void {
    const layout = this.layoutFor(batch);
    const slots: Slot[] = batch.cars.map((run) => {
      const car = this.car(run.car, layout);
      if (car.write + run.length > this.capacity) car.write = 0;
      const slot = { first: run.start, rows: run.length, at: car.write, dropped: 0, into: car.buffers };
      car.write += run.length;
      return slot;
    });
    const source = traceSource(
      batch.time,
      layout.names.map((name) => batch.channels[name]),
    );
    copyIntoSlots(source, slots, layout.widths);
  }
}
