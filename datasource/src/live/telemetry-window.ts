/**
 * The live window of a telemetry query: one CarTrace per car, bounded by the dashboard's time-range width and a
 * sample cap. Live batches and history (the initial backfill, a span lost while disconnected) go through `ingest`.
 */
import type { RaceEvent, TelemetryBatch } from '@eracing/telemetry-core/protocol';
import type { DataFrame, QueryResultMeta } from '@grafana/data';

import { byCarNumber, CarFrameBuilder, type TraceChannel } from '../frames/telemetry-frame';
import type { TelemetryLink } from '../link/telemetry-link';
import { CarTrace, copyIntoSlots, type Slot } from './car-trace';
import type { LiveWindow } from './live-window';
import { ChannelPicker } from './trace-source';

export interface TelemetryWindowOptions {
  refId: string;
  channels: readonly TraceChannel[];
  /** Cars asked for; undefined means every car. */
  cars?: string[];
  windowMs: number;
  /** Rows per car. */
  capacity: number;
  carColours: boolean;
}

interface CarEntry {
  trace: CarTrace;
  frames: CarFrameBuilder;
}

export class TelemetryWindow implements LiveWindow {
  private readonly cars = new Map<string, CarEntry>();
  private ordered: CarEntry[] = [];
  private newestTime = -Infinity;
  private session = '';
  /** Rows dropped because they were not newer than what a car already had. */
  overlapRows = 0;
  private readonly picker: ChannelPicker;

  constructor(
    private readonly link: TelemetryLink,
    private readonly options: TelemetryWindowOptions,
  ) {
    this.picker = new ChannelPicker(options.channels);
  }

  get newest(): number {
    return this.newestTime;
  }

  ingest(batch: TelemetryBatch): void {
    this.session = batch.session;
    const source = this.picker.source(batch);
    const traces: CarTrace[] = [];
    const slots: Slot[] = [];
    for (const run of batch.cars) {
      if (run.length === 0) continue;
      const trace = this.car(run.car).trace;
      const slot = trace.reserve(batch.time, run.start, run.length);
      this.overlapRows += slot.dropped;
      if (slot.rows === 0) continue;
      traces.push(trace);
      slots.push(slot);
    }
    if (traces.length > 0) copyIntoSlots(source, slots, traces[0].widths);
    for (let t = 0; t < traces.length; t++) {
      traces[t].commit(slots[t]);
      if (traces[t].newestTime > this.newestTime) this.newestTime = traces[t].newestTime;
    }
    const cutoff = this.newestTime - this.options.windowMs;
    for (const entry of this.ordered) entry.trace.dropBefore(cutoff);
  }

  ingestEvent(_event: RaceEvent): void {}

  async load(session: string, from: number, to: number): Promise<void> {
    if (!(to > from)) return;
    const { channels, cars, capacity } = this.options;
    const answer = await this.link.query({
      type: 'query',
      session,
      ...(cars ? { cars } : {}),
      channels: channels.map(({ name }) => name),
      from,
      to,
      maxPoints: Math.max(2, capacity),
    });
    for (const batch of answer.batches) this.ingest(batch);
  }

  clear(): void {
    for (const entry of this.ordered) entry.trace.clear();
    this.newestTime = -Infinity;
  }

  frames(meta: QueryResultMeta): DataFrame[] {
    return this.ordered.map(({ trace, frames }) => {
      const view = trace.view();
      return frames.frame(view.time, view.columns, meta, view.extremes);
    });
  }

  private car(car: string): CarEntry {
    let entry = this.cars.get(car);
    if (!entry) {
      const { channels, capacity, refId, carColours } = this.options;
      entry = {
        trace: new CarTrace(
          channels.map((channel) => channel.type),
          capacity,
        ),
        frames: new CarFrameBuilder({ car, session: this.session, refId, channels, carColours }),
      };
      this.cars.set(car, entry);
      this.ordered = [...this.cars.values()].sort((a, b) => byCarNumber(a.frames.car, b.frames.car));
    }
    return entry;
  }
}
