/** `import <file>`: a logger file into a recorded session, and `export`: a session's samples as CSV. */
import fs from 'node:fs';
import { describeIssues } from '@eracing/telemetry-core/codec';
import { trackGeometrySchema, type TrackGeometry } from '@eracing/telemetry-core/protocol';
import {
  exportCsv,
  importCsv,
  parseColumnFlag,
  parseTimeFlag,
  readMappingFile,
  resolveDataDir,
  type ImportMapping,
  type ImportProgress,
} from '../recording';
import { detectFormat } from '../import/detect';
import { exportMapping } from '../import/csv-exports';
import { readIbt } from '../import/ibt';
import { readLd } from '../import/ld';
import { importNative } from '../import/native';
import { formatReport } from '../import/report';
import { buildCircuit } from '../simulator';
import type { SessionSource } from '../source';
import type { CliIo } from './io';
import { openStore } from './store';
import { chooseSimulator } from './serve';
import {
  listOption,
  numberOption,
  stringOption,
  timeOption,
  UsageError,
  type ParsedCommandLine,
  type ParsedValues,
} from './options';

/** The mapping file overlaid with the flags. */
function importMapping(values: ParsedValues): ImportMapping {
  const file = stringOption(values, 'mapping');
  const mapping: ImportMapping = file ? readMappingFile(file) : {};
  const time = stringOption(values, 'time');
  if (time) mapping.time = parseTimeFlag(time);
  const start = stringOption(values, 'start-time');
  if (start) mapping.startTime = start;
  const columns = values.column === undefined ? [] : (values.column as string[]);
  if (columns.length) {
    mapping.channels = { ...mapping.channels };
    for (const flag of columns) {
      const [channel, column] = parseColumnFlag(flag);
      mapping.channels[channel] = column;
    }
  }
  const car = stringOption(values, 'car');
  const carColumn = stringOption(values, 'car-column');
  if (car && carColumn) throw new UsageError('give either --car or --car-column, not both');
  if (car) mapping.car = car;
  if (carColumn) mapping.car = { column: carColumn };
  return mapping;
}

function trackOption(values: ParsedValues): TrackGeometry | undefined {
  const track = stringOption(values, 'track');
  if (track === undefined) return undefined;
  if (track === 'sim') return buildCircuit().geometry;
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(track, 'utf8'));
  } catch (error) {
    throw new UsageError(`--track ${track}: ${(error as Error).message}`);
  }
  const parsed = trackGeometrySchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--track ${track}: not a track geometry: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

function formatProgress(p: ImportProgress): string {
  const mbPerSecond = p.bytes / 1e6 / Math.max(p.elapsedMs / 1000, 1e-3);
  const percent = p.totalBytes ? Math.floor((100 * p.bytes) / p.totalBytes) : 100;
  return `imported ${p.rows.toLocaleString('en')} rows, ${(p.bytes / 1e6).toFixed(1)} MB, ${mbPerSecond.toFixed(1)} MB/s, ${percent}%`;
}

export async function importCommand(command: ParsedCommandLine, io: CliIo): Promise<number> {
  const { values, positionals } = command;
  const file = positionals[0];
  if (!file || positionals.length > 1)
    throw new UsageError('import takes one logger file: eracing-server import <file.ibt|file.ld|file.csv>');
  if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
  const dataDir = resolveDataDir(stringOption(values, 'data-dir'), io.env, io.cwd);
  let lastLine = 0;
  const progress = (p: ImportProgress) => {
    if (io.status) io.status(formatProgress(p));
    else if (p.elapsedMs - lastLine >= 5000) {
      lastLine = p.elapsedMs;
      io.err(formatProgress(p));
    }
  };
  const format = detectFormat(file);
  const store = await openStore(values, io);
  try {
    if (format.kind !== 'csv') {
      const result = await importNative({
        file,
        dataDir,
        store,
        reader: format.kind === 'ibt' ? readIbt : readLd,
        id: stringOption(values, 'id'),
        name: stringOption(values, 'name'),
        track: trackOption(values),
        progress,
      });
      if (io.status) io.status('');
      for (const line of formatReport(result.report)) io.out(line);
      io.out(`imported as session ${result.id}`);
      io.out(`  ${result.dir}`);
      return 0;
    }
    const mapping = { ...exportMapping(format.flavour, file), ...importMapping(values) };
    const result = await importCsv({
      file,
      dataDir,
      store,
      mapping,
      id: stringOption(values, 'id'),
      name: stringOption(values, 'name'),
      track: trackOption(values),
      delimiter: values.delimiter === '\\t' ? '\t' : stringOption(values, 'delimiter'),
      log: (line) => io.err(line),
      progress,
    });
    if (io.status) io.status('');
    for (const line of formatReport(result.report)) io.out(line);
    const seconds = ((result.endTime - result.startTime) / 1000).toFixed(1);
    io.out(
      `imported ${result.rows} rows of ${result.cars.length} car(s), ${result.channels.length} channels, ` +
        `${seconds} s, ${result.laps} laps as session ${result.id}`,
    );
    io.out(`  ${result.dir}`);
    return 0;
  } finally {
    await store.close();
  }
}

export async function exportCommand(command: ParsedCommandLine, io: CliIo): Promise<number> {
  const { values, positionals } = command;
  const id = positionals[0];
  if (!id || positionals.length > 1)
    throw new UsageError('export takes one session id, or "sim": eracing-server export <session|sim>');
  const store = await openStore(values, io);
  let source: SessionSource;
  let close = () => store.close();
  try {
    if (id === 'sim') {
      source = (await chooseSimulator(values, store, io)).source;
    } else {
      if (!(await store.has(id)))
        throw new UsageError(`there is no session "${id}" in ${store.description}; "list" shows the sessions`);
      const recorded = await store.open(id);
      source = recorded;
      close = async () => {
        recorded.close();
        await store.close();
      };
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  try {
    const from = timeOption(values, 'from') ?? source.summary.startTime;
    const duration =
      values.duration === undefined ? undefined : numberOption(values, 'duration', 60, 0.001, 1e7) * 1000;
    if (duration !== undefined && values.to !== undefined)
      throw new UsageError('give either --to or --duration, not both');
    const end = source.summary.endTime === undefined ? from + 60_000 : source.summary.endTime + 1;
    const to = timeOption(values, 'to') ?? (duration !== undefined ? from + duration : end);
    if (!(to > from)) throw new UsageError('the range is empty: --to must be after --from');
    const cars = listOption(values, 'only-cars');
    const unknownCar = cars?.find((car) => !source.cars.some((c) => c.id === car));
    if (unknownCar) throw new UsageError(`session ${source.summary.id} has no car ${unknownCar}`);
    const out = stringOption(values, 'out');
    const stream = out ? fs.createWriteStream(out) : process.stdout;
    const { rows } = await exportCsv(source, stream, { from, to, cars, channels: listOption(values, 'channels') });
    if (out)
      await new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
    io.err(
      `exported ${rows} rows from ${new Date(from).toISOString()} to ${new Date(to).toISOString()}${out ? ` to ${out}` : ''}`,
    );
    return 0;
  } finally {
    await close();
  }
}
