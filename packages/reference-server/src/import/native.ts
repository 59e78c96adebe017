/**
 * Importing a binary logger file (.ibt, .ld) into a recorded session: the reader streams the file's records into
 * batches of one car, then the session is finished the way every import is (track, laps, report).
 */
import path from 'node:path';
import { channelInfo, type ChannelInfo } from '@eracing/telemetry-core/channels';
import { type CarInfo, type ChannelColumn, type TrackGeometry } from '@eracing/telemetry-core/protocol';
import { type GeoOrigin } from '@eracing/telemetry-core/track';
import { slugSessionId } from '../recording/layout';
import type { ChannelPlan } from './channel-map';
import { finishImport } from './finish';
import type { ImportReport } from './report';
import { importIntoStore, newImportEpoch, SingleCarBatches } from './session-writer';
import { FileSessionStore } from '../store/file-store';
import type { SessionStore } from '../store/store';
import { BinaryFile } from './binary-file';

/**
 * The channels as the session describes them: a channel kept under the logger's own name has no catalog range, so it
 * takes the range its values covered (0 to 0 when it had none). Channels without a plan (positions) stay as they are.
 */
export function withObservedRanges<C extends { min: number; max: number }>(
  channels: readonly C[],
  plans: readonly { mapped: boolean }[],
  sink: Pick<RowSink, 'min' | 'max'>,
): C[] {
  return channels.map((c, i) =>
    i < plans.length && !plans[i].mapped
      ? {
          ...c,
          min: Number.isFinite(sink.min[i]) ? sink.min[i] : 0,
          max: Number.isFinite(sink.max[i]) ? sink.max[i] : 0,
        }
      : c,
  );
}

/** Where a reader writes its rows: `row(time)` gives the index to write `columns[k][index]` at. */
export interface RowSink {
  readonly columns: ChannelColumn[];
  readonly rows: number;
  readonly firstTime: number;
  readonly lastTime: number;
  /** Each column's smallest and largest value, once closed. */
  readonly min: Float64Array;
  readonly max: Float64Array;
  row(time: number): Promise<number>;
  close(): Promise<void>;
}

export interface NativeReadOptions {
  batchMs: number;
  /** Opens the batch sink once the reader knows its channels and where the session starts. */
  open(spec: { channels: ChannelInfo[]; car: string; sessionStart: number; maxRowsPerBatch: number }): Promise<RowSink>;
  /** Bytes of the file read so far, rows written. */
  progress?(bytes: number, rows: number): void;
}

/** What a reader found, for the session file and the report. */
export interface NativeImport {
  format: string;
  car: CarInfo;
  trackName?: string;
  statedTrackLength?: number;
  sectorEnds?: { ends: number[]; source: 'session info' };
  origin?: GeoOrigin;
  channels: ChannelInfo[];
  rows: number;
  firstTime: number;
  lastTime: number;
  /** Records (or samples of the fastest channel) in the file. */
  records: number;
  loggerLapTimes?: Record<string, number>;
  lapTimeChannel?: string;
  gpsDropouts: number;
  channelReport: ImportReport['channels'];
  notes: string[];
}

export type NativeReader = (file: BinaryFile, options: NativeReadOptions) => Promise<NativeImport>;

/** The plans' channels, with x and y (metres from the origin) after them when positions are made from lat/lon. */
export function channelWithPositions(
  plans: readonly ChannelPlan[],
  positions: boolean,
): { channels: ChannelInfo[]; xIdx: number; yIdx: number } {
  const channels = plans.map((p) => p.info);
  const has = (name: string) => channels.some((c) => c.name === name);
  if (!positions || has('x') || has('y')) return { channels, xIdx: -1, yIdx: -1 };
  channels.push({ ...channelInfo('x')!, rateHz: plans[0]?.info.rateHz ?? 0 });
  channels.push({ ...channelInfo('y')!, rateHz: plans[0]?.info.rateHz ?? 0 });
  return { channels, xIdx: channels.length - 2, yIdx: channels.length - 1 };
}

export interface NativeImportOptions {
  file: string;
  dataDir: string;
  /** Where the session goes; default files in `dataDir`. */
  store?: SessionStore;
  reader: NativeReader;
  id?: string;
  name?: string;
  track?: TrackGeometry;
  batchMs?: number;
  progress?: (progress: { rows: number; bytes: number; totalBytes: number; elapsedMs: number }) => void;
}

export interface NativeImportResult {
  id: string;
  dir: string;
  rows: number;
  laps: number;
  report: ImportReport;
}

export async function importNative(options: NativeImportOptions): Promise<NativeImportResult> {
  const { file } = options;
  const id = options.id ?? slugSessionId(path.basename(file, path.extname(file)));
  const batchMs = options.batchMs ?? 1000;
  const store = options.store ?? new FileSessionStore(options.dataDir);
  const epoch = newImportEpoch(path.extname(file).slice(1) || 'file');
  const binary = BinaryFile.open(file);
  const started = performance.now();
  let lastProgress = started;
  try {
    return await importIntoStore(store, id, epoch, async (writer) => {
      let sink: SingleCarBatches | undefined;
      const found = await options.reader(binary, {
        batchMs,
        open: async (spec) => (sink = SingleCarBatches.open(writer, { ...spec, batchMs })),
        progress: (bytes, rows) => {
          const now = performance.now();
          if (!options.progress || now - lastProgress < 500) return;
          lastProgress = now;
          options.progress({ rows, bytes, totalBytes: binary.size, elapsedMs: now - started });
        },
      });
      options.progress?.({
        rows: found.rows,
        bytes: binary.size,
        totalBytes: binary.size,
        elapsedMs: performance.now() - started,
      });
      const trackName = found.trackName ?? path.basename(file, path.extname(file));
      const finished = finishImport({
        traces: sink?.carLapInputs() ?? [],
        id,
        file,
        format: found.format,
        name: options.name ?? path.basename(file),
        trackName,
        cars: [found.car],
        channels: found.channels,
        batchMs,
        epoch,
        startTime: Math.floor(found.firstTime / 1000) * 1000,
        endTime: found.lastTime,
        rows: found.rows,
        bytes: binary.size,
        source: { type: 'file', format: found.format, file: path.resolve(file), bytes: binary.size, rows: found.rows },
        track: options.track,
        statedTrackLength: found.statedTrackLength,
        sectorEnds: found.sectorEnds,
        origin: found.origin,
        loggerLapTimes: found.loggerLapTimes ? { [found.car.id]: found.loggerLapTimes } : undefined,
        lapTimeChannel: found.lapTimeChannel,
        gpsDropouts: found.gpsDropouts,
        channelReport: found.channelReport,
        notes: found.notes,
      });
      return {
        session: finished.session,
        result: { id, rows: found.rows, laps: finished.laps, report: finished.report },
      };
    });
  } finally {
    binary.close();
  }
}
