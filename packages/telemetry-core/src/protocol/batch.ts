/**
 * A columnar batch of samples: the unit of data on the wire and in the server.
 * Rows are grouped by car (one contiguous run per car) and sorted by time within a run.
 */
export type ChannelColumn = Float32Array | Float64Array;

export interface CarRun {
  car: string;
  /** First row of this car's run. */
  start: number;
  /** Number of rows. */
  length: number;
}

export interface SampleBatch {
  /** Epoch milliseconds, one per row. */
  time: Float64Array;
  cars: CarRun[];
  /** One column per channel, each as long as `time`. NaN marks a missing value. */
  channels: Record<string, ChannelColumn>;
  /**
   * The columns as they arrived in a binary message, for consumers that copy words rather than values. It shares
   * memory with `time` and `channels`; code that builds a batch with other columns must not carry it over.
   */
  packed?: PackedColumns;
}

/** The columns of a binary layout, in message order: shared by every batch with that layout. */
export interface PackedLayout {
  /** Channel names, without time. */
  names: readonly string[];
  types: ReadonlyArray<'f32' | 'f64'>;
  /** Word offset of each column from the start of the time column: time first, then `names` in order. */
  offsets: Int32Array;
  /** Column number (time is 0) of each channel name. */
  column: ReadonlyMap<string, number>;
}

/**
 * A binary batch's columns as they arrived: the message as little-endian 32-bit words, and where each column
 * starts. Column c (time is 0) starts at word `body + layout.offsets[c]`.
 */
export interface PackedColumns {
  words: Int32Array;
  body: number;
  layout: PackedLayout;
}

/** Where a batch on the wire belongs: a live subscription (with its sequence number) or a query response. */
export interface BatchHeader {
  session: string;
  epoch: string;
  subscription?: string;
  /** Sequence number of a live batch; consecutive within a session. */
  seq?: number;
  /** Request id of the query this batch answers. */
  query?: string;
  /** True when rows were dropped to keep up with a slow client or a rate limit. */
  decimated?: boolean;
}

export interface TelemetryBatch extends SampleBatch, BatchHeader {}
