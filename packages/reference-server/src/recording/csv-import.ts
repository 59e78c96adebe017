/**
 * Imports a CSV file into a recorded session. The file is streamed: each batch (1 s by default) is written as soon as
 * its rows are read, so memory does not grow with the file (only the lap channels are kept, for the track and the laps).
 * Everything goes through the store's import writer, which shows the session only when the whole file was read without
 * error: a failed import leaves nothing behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { carColour } from '@eracing/telemetry-core/channels';
import { type CarInfo, type TrackGeometry } from '@eracing/telemetry-core/protocol';
import { BatchAssembler } from './batch-build';
import { CsvSyntaxError, detectDelimiter, readLines, splitFields, type CsvLine } from './csv-reader';
import { resolveMapping, type ImportMapping, type ResolvedMapping } from './csv-mapping';
import { DuplicateTimes, ImportError, RowReader } from './csv-rows';
import { finishImport } from '../import/finish';
import type { ImportReport } from '../import/report';
import { importIntoStore, lapInputChannels, newImportEpoch } from '../import/session-writer';
import { FileSessionStore } from '../store/file-store';
import type { ImportWriter, SessionStore } from '../store/store';
import type { CarLapInputs } from './lap-compute';
import { checkSessionId, slugSessionId } from './layout';
import { carLapInputs } from './stored-session-source';
import type { SessionFile } from './session-file';

export interface CsvImportOptions {
  file: string;
  dataDir: string;
  /** Where the session goes; default files in `dataDir`. */
  store?: SessionStore;
  mapping: ImportMapping;
  /** Session id; default from the file name. */
  id?: string;
  /** Display name; default the file name. */
  name?: string;
  /** Track geometry to use (e.g. the simulator's) instead of one estimated from the fastest lap. */
  track?: TrackGeometry;
  /** Batch length, ms. Default 1000. */
  batchMs?: number;
  /** Field delimiter; default from the header (comma, else semicolon or tab). */
  delimiter?: string;
  /** Called about twice a second while rows are read. */
  progress?: (progress: ImportProgress) => void;
  /** Notes for the user: the columns read and skipped. */
  log?: (line: string) => void;
}

export interface ImportProgress {
  rows: number;
  bytes: number;
  totalBytes: number;
  elapsedMs: number;
}

export interface ImportResult {
  id: string;
  dir: string;
  rows: number;
  cars: string[];
  channels: string[];
  laps: number;
  unmapped: string[];
  startTime: number;
  endTime: number;
  report: ImportReport;
}

const PROGRESS_MS = 500;

export async function importCsv(options: CsvImportOptions): Promise<ImportResult> {
  const { file } = options;
  const totalBytes = fs.statSync(file).size;
  const id = checkSessionId(options.id ?? slugSessionId(path.basename(file, path.extname(file))));
  const store = options.store ?? new FileSessionStore(options.dataDir);
  const epoch = newImportEpoch('csv');
  return importIntoStore(store, id, epoch, (writer) => importInto(writer, id, epoch, totalBytes, options));
}

/** The header row (after an export's metadata lines), its delimiter, and the mapping resolved against it. */
async function readHeader(lines: AsyncGenerator<CsvLine>, options: CsvImportOptions) {
  const { file } = options;
  let first = await lines.next();
  while (!first.done && first.value.number < (options.mapping.headerLine ?? 1)) first = await lines.next();
  if (first.done || !first.value.text.trim())
    throw new ImportError(file, options.mapping.headerLine ?? 1, 'the file is empty: a header row is required');
  const delimiter = options.delimiter ?? detectDelimiter(first.value.text);
  let header: string[];
  try {
    header = splitFields(first.value.text, delimiter).map((h) => h.trim());
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new ImportError(file, first.value.number, `header: ${error.message}`);
    throw error;
  }
  let mapping: ResolvedMapping;
  try {
    mapping = resolveMapping(options.mapping, header);
  } catch (error) {
    throw new ImportError(file, first.value.number, (error as Error).message);
  }
  return { header, delimiter, mapping };
}

interface StreamedRows {
  rows: number;
  sessionStart: number;
  carOrder: string[];
  /** The samples the track and the laps are made from, kept as the batches went by. */
  lapInputs: CarLapInputs[];
}

/** Every data line as a row, into batches of `batchMs` written as soon as the next batch begins. */
async function streamRows(
  lines: AsyncGenerator<CsvLine>,
  reader: RowReader,
  writer: ImportWriter,
  duplicates: DuplicateTimes,
  options: CsvImportOptions & { batchMs: number; totalBytes: number },
): Promise<StreamedRows> {
  const { batchMs, totalBytes } = options;
  const channels = reader.channels;
  const traceChannels = lapInputChannels(channels);
  const traces = new BatchAssembler(traceChannels, [], true);
  let sessionStart = NaN;
  let batch: BatchAssembler | undefined;
  let batchSeq = -1;
  const carOrder: string[] = [];
  const started = performance.now();
  let lastProgress = started;
  let rows = 0;
  const flush = async () => {
    if (!batch || !batch.rows) return;
    const built = batch.build();
    traces.add(built);
    await writer.append([{ seq: batchSeq, batch: built }], { startTime: sessionStart, batchMs, channels });
  };

  for await (const line of lines) {
    // Blank lines, an export's units rows, and comment lines ("# Session End") carry no samples.
    if (!line.text.trim() || line.number < (options.mapping.dataLine ?? 0) || line.text.startsWith('#')) continue;
    const row = reader.read(line.text, line.number);
    if (duplicates.repeats(row, line.number)) continue;
    if (Number.isNaN(sessionStart)) sessionStart = Math.floor(row.time / 1000) * 1000;
    if (!carOrder.includes(row.car)) carOrder.push(row.car);
    const seq = Math.floor((row.time - sessionStart) / batchMs);
    if (seq !== batchSeq) {
      await flush();
      batch = new BatchAssembler(channels, carOrder, true);
      batchSeq = seq;
    }
    batch!.addRow(row.car, row.time, row.values);
    rows++;
    if (options.progress && (rows & 1023) === 0 && performance.now() - lastProgress >= PROGRESS_MS) {
      lastProgress = performance.now();
      options.progress({ rows, bytes: line.bytesRead, totalBytes, elapsedMs: lastProgress - started });
    }
  }
  await flush();
  if (rows === 0) throw new ImportError(options.file, 2, 'the file has a header but no rows');
  options.progress?.({ rows, bytes: totalBytes, totalBytes, elapsedMs: performance.now() - started });
  return { rows, sessionStart, carOrder, lapInputs: carLapInputs(traces.build(), traceChannels) };
}

async function importInto(
  writer: ImportWriter,
  id: string,
  epoch: string,
  totalBytes: number,
  options: CsvImportOptions,
): Promise<{ session: SessionFile; result: Omit<ImportResult, 'dir'> }> {
  const { file } = options;
  const log = options.log ?? (() => {});
  const batchMs = options.batchMs ?? 1000;
  const lines = readLines(file);
  const { header, delimiter, mapping } = await readHeader(lines, options);
  describeMapping(mapping, log);

  const reader = new RowReader(file, mapping, header.length, delimiter, options.track?.origin);
  const channels = reader.channels;
  if (reader.derivesPositions) {
    const from = options.track
      ? `the origin of track ${options.track.name}`
      : 'the first GPS fix that is not a dropout';
    log(`  ${'x, y'.padEnd(22)} ← lat/lon, metres east and north of ${from}`);
  }
  const duplicates = new DuplicateTimes();
  const streamed = await streamRows(lines, reader, writer, duplicates, { ...options, batchMs, totalBytes });
  const { rows, carOrder } = streamed;

  const startTime = streamed.sessionStart;
  const endTime = reader.lastTime;
  const { session, report, laps } = finishImport({
    traces: streamed.lapInputs,
    id,
    file,
    format: 'CSV',
    name: options.name ?? path.basename(file),
    trackName: options.name ?? path.basename(file, path.extname(file)),
    cars: carOrder.map((car) => carInfo(car, mapping.cars[car])),
    channels: reader.channelInfos(rows / carOrder.length / Math.max((endTime - reader.firstTime) / 1000, 1e-3)),
    batchMs,
    epoch,
    startTime,
    endTime,
    rows,
    bytes: totalBytes,
    source: {
      type: 'csv',
      file: path.resolve(file),
      rows,
      columns: Object.fromEntries(mapping.channels.map((c) => [c.info.name, `${c.header} [${c.sourceUnit}]`])),
    },
    track: options.track,
    sectorEnds: mapping.sectors ? { ends: mapping.sectors, source: 'given' } : undefined,
    origin: reader.origin,
    gpsDropouts: reader.gpsDropouts,
    channelReport: {
      mapped: mapping.channels.map((c) => `${c.info.name} ← ${c.header} (${describeConversion(c)})`),
      kept: [],
      ignored: mapping.unmapped,
    },
    notes: duplicates.notes(file),
  });
  return {
    session,
    result: {
      id,
      rows,
      cars: carOrder,
      channels: channels.map((c) => c.name),
      laps,
      unmapped: mapping.unmapped,
      startTime,
      endTime,
      report,
    },
  };
}

function describeConversion(c: ResolvedMapping['channels'][number]): string {
  return c.sourceUnit === c.info.unit ? c.info.unit || 'no unit' : `${c.sourceUnit} → ${c.info.unit}`;
}

function describeMapping(mapping: ResolvedMapping, log: (line: string) => void): void {
  const car = 'fixed' in mapping.car ? `car ${mapping.car.fixed}` : `car from column "${mapping.car.header}"`;
  log(`time from column "${mapping.time.header}" (${mapping.time.unit}); ${car}`);
  for (const c of mapping.channels) {
    log(`  ${c.info.name.padEnd(22)} ← "${c.header}" (${describeConversion(c)})${c.automatic ? ', by name' : ''}`);
  }
  if (mapping.unmapped.length) {
    log(`skipped ${mapping.unmapped.length} unmapped column(s): ${mapping.unmapped.map((h) => `"${h}"`).join(', ')}`);
  }
}

function carInfo(id: string, extra: { driver?: string; team?: string } | undefined): CarInfo {
  return {
    id,
    number: /^\d+$/.test(id) ? Number(id) : 0,
    driver: extra?.driver ?? `Car ${id}`,
    team: extra?.team ?? '',
    colour: carColour(id),
  };
}
