import type { TelemetryBatch } from '@eracing/telemetry-core/protocol';
import { createSimulatorSource } from '../packages/reference-server/src/simulator';

/** The live shape every benchmark uses: 20 cars at 100 Hz, in the 100 ms batches the server sends. */
export const LIVE_CARS = 20;

/** `count` consecutive live batches of the simulator, ten minutes into the session when every car is on track. */
export function liveBatches(count: number, subscription: string): TelemetryBatch[] {
  const source = createSimulatorSource({ seed: 3, startTime: Date.UTC(2026, 10, 25, 12), cars: LIVE_CARS });
  const first = 6000;
  return Array.from({ length: count }, (_, i) => ({
    ...source.batch(first + i),
    session: source.summary.id,
    epoch: source.epoch,
    subscription,
    seq: first + i,
  }));
}

export function valuesIn(batch: TelemetryBatch): number {
  return batch.time.length * (1 + Object.keys(batch.channels).length);
}
