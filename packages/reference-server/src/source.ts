import type { ChannelInfo } from '@eracing/telemetry-core/channels';
import type {
  CarInfo,
  LapRecord,
  RaceEvent,
  SampleBatch,
  SessionSummary,
  TrackGeometry,
} from '@eracing/telemetry-core/protocol';
import type { HistoryReader } from './store/history';

/**
 * A session the server can stream and query: the live simulator, a recorded session, or a replay.
 *
 * Live batches are numbered: batch `seq` holds the samples with
 * `startTime + seq * batchMs <= time < startTime + (seq + 1) * batchMs`, for every car and channel.
 * A source must return the same batch for the same seq every time, across server restarts, as long as
 * its `epoch` is unchanged.
 */
export interface SessionSource {
  readonly summary: SessionSummary;
  readonly cars: CarInfo[];
  readonly channels: ChannelInfo[];
  readonly track: TrackGeometry;
  readonly batchMs: number;
  /** Changes only when the data behind sequence numbers is lost or replaced. */
  readonly epoch: string;

  /** The newest batch that is complete at wall-clock time `now` (ms), or -1 when none is. */
  lastSeq(now: number): number;
  /** The batch numbered `seq`, all cars and channels, rows grouped by car then time. */
  batch(seq: number): SampleBatch;
  /** All samples with from <= time < to for the given cars, grouped by car then time. */
  range(from: number, to: number, cars: readonly string[]): SampleBatch;
  /** Laps started by `now`: completed laps, then each car's lap in progress (flagged incomplete). */
  laps(now: number): LapRecord[];
  /** Events with from <= time < to. */
  events(from: number, to: number): RaceEvent[];
  /** Asynchronous history reads, for sources that have their own (a store); others are read through `range`. */
  readonly history?: HistoryReader;
}
