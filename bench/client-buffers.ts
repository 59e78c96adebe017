import './grafana-dom';

import type { SampleBatch } from '@eracing/telemetry-core/protocol';

import { describeChannel } from '../datasource/src/frames/telemetry-frame';
import { TelemetryLink } from '../datasource/src/link/telemetry-link';
import { TelemetryWindow } from '../datasource/src/live/telemetry-window';

/**
 * The client's own buffers a decode ends in: the datasource's live window of `capacity` rows per car, over every
 * channel of the first batch, each of the type it arrives in. Batches go in through the window's `ingest`, so the
 * benchmark measures the copy the datasource makes; every codec copies into the same structure, so only the decode
 * differs.
 */
export class ClientBuffers {
  private window?: TelemetryWindow;

  constructor(private readonly capacity: number) {}

  /** The columns of one car, time first, by name. */
  columns(car: string): ReadonlyMap<string, ArrayLike<number>> | undefined {
    const frame = this.window?.frames({}).find((f) => f.fields[1]?.labels?.car === car);
    return frame && new Map(frame.fields.map((field) => [field.name, field.values]));
  }

  /** Copies every value of the batch into the windows of its cars. */
  append(batch: SampleBatch): void {
    const window = (this.window ??= this.windowFor(batch));
    // The benchmarks replay a ring of batches: the window starts again rather than drop a replay as old rows.
    if (!(batch.time[0] > window.newest)) window.clear();
    window.ingest({ session: 'bench', epoch: 'bench', ...batch });
  }

  private windowFor(batch: SampleBatch): TelemetryWindow {
    const channels = Object.entries(batch.channels).map(([name, column]) => ({
      ...describeChannel(name),
      type: column.BYTES_PER_ELEMENT === 8 ? ('f64' as const) : ('f32' as const),
    }));
    return new TelemetryWindow(new TelemetryLink({ url: 'ws://127.0.0.1:9' }), {
      refId: 'A',
      channels,
      windowMs: Infinity,
      capacity: this.capacity,
      carColours: false,
    });
  }
}
