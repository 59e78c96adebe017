import type { ControlMessage, TelemetryBatch } from '@eracing/telemetry-core/protocol';
import type { SlowClientLimits } from './options';

/** The sending side of a client connection, as subscriptions and queries see it. */
export interface Sink {
  readonly open: boolean;
  /** Bytes queued for the client and not yet handed to the network. */
  readonly bufferedAmount: number;
  readonly slowClient: SlowClientLimits;
  send(message: ControlMessage): void;
  sendBatch(batch: TelemetryBatch): void;
  /** Resolves true once fewer than `bytes` are queued, false if the connection closes first. */
  drain(bytes: number): Promise<boolean>;
  /** Ends a connection that reads too slowly. */
  dropSlow(): void;
  log(line: string): void;
}
