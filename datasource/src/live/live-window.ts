import type { RaceEvent, TelemetryBatch } from '@eracing/telemetry-core/protocol';
import type { DataFrame, QueryResultMeta } from '@grafana/data';

/** What a live feed fills: the frames of one query over a moving window of time. */
export interface LiveWindow {
  /** Time of the newest sample or event held, -Infinity before the first. */
  readonly newest: number;
  /** Rows dropped because they were not newer than what the window already held. */
  readonly overlapRows: number;
  ingest(batch: TelemetryBatch): void;
  ingestEvent(event: RaceEvent): void;
  /** Reads [from, to) of the session from history into the window. The feed holds newer live data back meanwhile. */
  load(session: string, from: number, to: number): Promise<void>;
  clear(): void;
  /** The whole current window, every frame carrying `meta`. */
  frames(meta: QueryResultMeta): DataFrame[];
}
