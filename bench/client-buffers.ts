import type { SampleBatch } from '@eracing/telemetry-core/protocol';

import { allocateBuffers, type Buffers, copyIntoSlots, type Slot, wordWidths } from '../datasource/src/live/car-trace';
import { ChannelPicker, type ColumnType } from '../datasource/src/live/trace-source';

/**
 * The client's own buffers a decode ends in: per car, a ring of `capacity` rows of every channel of the first batch,
 * each of its own type. They are the datasource's own blocks (`allocateBuffers`), filled by its own picking
 * (`ChannelPicker`) and copy (`copyIntoSlots`), so the benchmark measures the copy the datasource makes. Every codec
 * copies into the same structure, so only the decode differs.
 */
interface Car {
  buffers: Buffers;
  /** The car's rows written next. */
  write: number;
}

interface Channels {
  names: string[];
  types: ColumnType[];
  /** 32-bit words per value of each channel: 1 for float32, 2 for float64. */
  widths: number[];
  picker: ChannelPicker;
}

export class ClientBuffers {
  private readonly cars = new Map<string, Car>();
  private channels?: Channels;

  constructor(private readonly capacity: number) {}

  /** The columns of one car, time first, by name. */
  columns(car: string): ReadonlyMap<string, Float32Array | Float64Array> | undefined {
    const entry = this.cars.get(car);
    if (!entry || !this.channels) return undefined;
    const { time, columns } = entry.buffers;
    return new Map([['time', time], ...this.channels.names.map((name, c) => [name, columns[c]] as const)]);
  }

  /** The channels of the first batch, as the client's query would name them. */
  private channelsOf(batch: SampleBatch): Channels {
    if (this.channels) return this.channels;
    const names = Object.keys(batch.channels);
    const types = names.map((name): ColumnType => (batch.channels[name].BYTES_PER_ELEMENT === 8 ? 'f64' : 'f32'));
    const picker = new ChannelPicker(names.map((name, c) => ({ name, type: types[c] })));
    return (this.channels = { names, types, widths: wordWidths(types), picker });
  }

  private car(name: string, types: ColumnType[]): Car {
    let car = this.cars.get(name);
    if (!car) this.cars.set(name, (car = { buffers: allocateBuffers(types, this.capacity), write: 0 }));
    return car;
  }

  /** Copies every value of the batch into the rings of its cars. */
  append(batch: SampleBatch): void {
    const { types, widths, picker } = this.channelsOf(batch);
    const slots: Slot[] = batch.cars.map((run) => {
      const car = this.car(run.car, types);
      if (car.write + run.length > this.capacity) car.write = 0;
      const slot = { first: run.start, rows: run.length, at: car.write, dropped: 0, into: car.buffers };
      car.write += run.length;
      return slot;
    });
    copyIntoSlots(picker.source(batch), slots, widths);
  }
}
