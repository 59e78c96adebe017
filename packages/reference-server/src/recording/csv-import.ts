/**
 * Imports a CSV file into a recorded session. The file is streamed: each batch (1 s by default) is written as soon as
 * its rows are read, so memory does not grow with the file (only the lap channels are kept, for the track and the laps).
 * Everything goes through the store's import writer, which shows the session only when the whole file was read without
 * error: a failed import leaves nothing behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  carColour,
  channelInfo,
  isGpsDropout,
  localProjection,
  type CarInfo,
  type ChannelInfo,
  type GeoOrigin,
  type TrackGeometry,
} from '@eracing/telemetry-core';
import { BatchAssembler } from './batch-build';
import { CsvSyntaxError, detectDelimiter, parseNumber, readLines, splitFields } from './csv-reader';
import { resolveMapping, type ImportMapping, type ResolvedMapping, type TimeUnit } from './csv-mapping';
import { finishImport } from '../import/finish';
import type { ImportReport } from '../import/report';
import { importIntoStore, lapInputChannels, newImportEpoch } from '../import/session-writer';
import { FileSessionStore } from '../store/file-store';
import type { ImportWriter, SessionStore } from '../store/store';
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

/** A line of the file that cannot be imported; the message is `file:line: reason`. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'ImportError';
  }
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
  // An export's metadata lines come before its header row.
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
  describeMapping(mapping, log);

  const reader = new RowReader(file, mapping, header.length, delimiter, options.track?.origin);
  const channels = reader.channels;
  if (reader.derivesPositions) {
    const from = options.track
      ? `the origin of track ${options.track.name}`
      : 'the first GPS fix that is not a dropout';
    log(`  ${'x, y'.padEnd(22)} ← lat/lon, metres east and north of ${from}`);
  }
  // The samples the track and the laps are made from, kept as the batches go by.
  const traceChannels = lapInputChannels(channels);
  const traces = new BatchAssembler(traceChannels, [], true);
  let sessionStart = NaN;
  let batch: BatchAssembler | undefined;
  let batchSeq = -1;
  const carOrder: string[] = [];
  const started = performance.now();
  let lastProgress = started;
  let rows = 0;
  const duplicates = new DuplicateTimes();
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
  if (rows === 0) throw new ImportError(file, 2, 'the file has a header but no rows');
  options.progress?.({ rows, bytes: totalBytes, totalBytes, elapsedMs: performance.now() - started });

  const startTime = sessionStart;
  const endTime = reader.lastTime;
  const { session, report, laps } = finishImport({
    traces: carLapInputs(traces.build(), traceChannels),
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

/**
 * Rows that repeat the time of the same car's row before: a car has one value per channel at an instant, so the first
 * row is kept and the others are dropped, counted and reported with the line of the first.
 */
class DuplicateTimes {
  private readonly lastTime = new Map<string, number>();
  private dropped = 0;
  private firstLine = 0;

  repeats(row: Row, line: number): boolean {
    if (this.lastTime.get(row.car) !== row.time) {
      this.lastTime.set(row.car, row.time);
      return false;
    }
    if (this.dropped++ === 0) this.firstLine = line;
    return true;
  }

  notes(file: string): string[] {
    if (this.dropped === 0) return [];
    return [
      `${this.dropped} row(s) dropped: each repeats the time of the row before for its car, which was kept ` +
        `(the first at ${file}:${this.firstLine})`,
    ];
  }
}

interface Row {
  time: number;
  car: string;
  /** In the order of the reader's channels. */
  values: Float64Array;
}

/** Parses and checks rows: column count, numbers, time order; converts to canonical units; adds x/y from lat/lon. */
class RowReader {
  readonly channels: ChannelInfo[];
  /** Origin of x/y made from lat/lon: the given track's, else the first position in the file. */
  origin?: GeoOrigin;
  firstTime = NaN;
  lastTime = -Infinity;
  /** Rows whose lat/lon is a GPS dropout (no x/y). */
  gpsDropouts = 0;
  private lastTimeField = '';
  private readonly row: Row;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly latLon?: { lat: number; lon: number; x: number; y: number };
  private project?: (lat: number, lon: number) => { x: number; y: number };

  get derivesPositions(): boolean {
    return this.latLon !== undefined;
  }

  constructor(
    private readonly file: string,
    private readonly mapping: ResolvedMapping,
    private readonly columns: number,
    private readonly delimiter: string,
    trackOrigin?: GeoOrigin,
  ) {
    this.channels = mapping.channels.map((c) => c.info);
    const names = this.channels.map((c) => c.name);
    if (names.includes('lat') && names.includes('lon') && !names.includes('x') && !names.includes('y')) {
      this.channels.push(channelInfo('x')!, channelInfo('y')!);
      this.latLon = { lat: names.indexOf('lat'), lon: names.indexOf('lon'), x: names.length, y: names.length + 1 };
      if (trackOrigin) this.useOrigin(trackOrigin);
    }
    this.row = { time: 0, car: '', values: new Float64Array(this.channels.length) };
    this.min = new Float64Array(this.channels.length).fill(Infinity);
    this.max = new Float64Array(this.channels.length).fill(-Infinity);
  }

  private useOrigin(origin: GeoOrigin): void {
    this.origin = origin;
    this.project = localProjection(origin).toMetres;
  }

  private fail(line: number, reason: string): never {
    throw new ImportError(this.file, line, reason);
  }

  read(text: string, line: number): Row {
    let fields: string[];
    try {
      fields = splitFields(text, this.delimiter);
    } catch (error) {
      if (error instanceof CsvSyntaxError) this.fail(line, error.message);
      throw error;
    }
    if (fields.length !== this.columns) this.fail(line, `expected ${this.columns} columns, found ${fields.length}`);
    const { mapping, row } = this;

    const timeField = fields[mapping.time.column];
    const time = this.parseTime(timeField, mapping.time.unit, line);
    if (time < this.lastTime) {
      this.fail(
        line,
        `time goes backwards: "${timeField.trim()}" comes after "${this.lastTimeField.trim()}" on the line before`,
      );
    }
    if (Number.isNaN(this.firstTime)) this.firstTime = time;
    this.lastTime = time;
    this.lastTimeField = timeField;
    row.time = time;

    if ('fixed' in mapping.car) row.car = mapping.car.fixed;
    else {
      row.car = fields[mapping.car.column].trim();
      if (!row.car) this.fail(line, `column "${mapping.car.header}" (car) is empty`);
    }

    const { channels } = mapping;
    for (let k = 0; k < channels.length; k++) {
      const c = channels[k];
      const value = parseNumber(fields[c.column]);
      if (value === undefined)
        this.fail(line, `column "${c.header}" (${c.info.name}): "${fields[c.column]}" is not a number`);
      const converted = c.convert(value);
      row.values[k] = converted;
      if (converted < this.min[k]) this.min[k] = converted;
      if (converted > this.max[k]) this.max[k] = converted;
    }

    if (this.latLon) {
      const lat = row.values[this.latLon.lat];
      const lon = row.values[this.latLon.lon];
      // A dropout (0,0, out of range) is neither the origin nor a position: 0,0 mid-session would put the car
      // thousands of kilometres away. It stays in lat/lon as logged; x/y are NaN there.
      const dropout = isGpsDropout(lat, lon);
      if (dropout) this.gpsDropouts++;
      else if (!this.project) this.useOrigin({ lat, lon });
      const p = this.project && !dropout ? this.project(lat, lon) : { x: NaN, y: NaN };
      row.values[this.latLon.x] = p.x;
      row.values[this.latLon.y] = p.y;
    }
    return row;
  }

  private parseTime(field: string, unit: TimeUnit, line: number): number {
    if (unit === 'iso') {
      const ms = /\d{4}-\d\d-\d\d/.test(field) ? Date.parse(field.trim()) : NaN;
      if (!Number.isFinite(ms)) this.fail(line, `time "${field}" is not an ISO 8601 date-time`);
      return ms;
    }
    const value = parseNumber(field);
    if (value === undefined || Number.isNaN(value)) this.fail(line, `time "${field}" is not a number`);
    const start = this.mapping.startTime ?? 0;
    switch (unit) {
      case 's':
        return start + value * 1000;
      case 'ms':
        return start + value;
      case 'epoch_s':
        return value * 1000;
      default:
        return value;
    }
  }

  /** Channel descriptions; a channel outside the catalog gets its range and rate from the data. */
  channelInfos(rateHz: number): ChannelInfo[] {
    return this.channels.map((info, k) => {
      if (channelInfo(info.name)) return info;
      const seen = Number.isFinite(this.min[k]);
      return {
        ...info,
        min: seen ? this.min[k] : 0,
        max: seen ? this.max[k] : 0,
        rateHz: Math.round(rateHz),
      };
    });
  }
}
