/**
 * `npm run bench import`: native .ibt and .ld import speed against the same samples imported from CSV, in the same
 * run, and the importer's peak memory on a large generated .ibt. Each import runs in its own process (tsx, as
 * `npm run server -- import` runs), timed from inside so that start-up is not counted.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ibtVars, writeIbt, type IbtVarSpec } from '../packages/reference-server/test/helpers/ibt-writer';
import { ldChannels, writeLd, type LdChannelSpec } from '../packages/reference-server/test/helpers/ld-writer';
import { makeRealLog, type RealLog } from '../packages/reference-server/test/helpers/real-log';
import { ROOT } from './root';
import { printTable, type BenchRow } from './table';

/** Channels a real .ibt holds beyond the ones the catalog maps (a real file has about 270 scalars). */
const EXTRA_CHANNELS = 200;
const SIZE_MB = Number(process.env.IMPORT_BENCH_MB ?? 100);
const LARGE_MB = Number(process.env.IMPORT_BENCH_LARGE_MB ?? 1024);

function extraIbtVars(): IbtVarSpec[] {
  return Array.from({ length: EXTRA_CHANNELS }, (_, k) => ({
    name: `Extra${String(k).padStart(3, '0')}`,
    unit: 'm',
    type: 4 as const,
    value: (i: number) => Math.sin(i / 100 + k),
  }));
}

function extraLdChannels(): LdChannelSpec[] {
  return Array.from({ length: EXTRA_CHANNELS }, (_, k) => ({
    name: `Extra ${k}`,
    unit: 'm',
    rate: k % 2 ? 100 : 20,
    type: 'f32' as const,
    value: (i: number) => Math.sin(i / 100 + k),
  }));
}

/** The .ibt's samples (every scalar variable, the log repeated `repeat` times) as CSV, and its mapping. */
function writeSameCsv(file: string, log: RealLog, repeat: number): object {
  const vars = ibtVars(log, { extraVars: extraIbtVars() }).filter((v) => (v.count ?? 1) === 1);
  const out = fs.openSync(file, 'w');
  const header = ['time', ...vars.map((v) => v.name)];
  let chunk = header.join(',') + '\n';
  const n = log.time.length;
  for (let pass = 0; pass < repeat; pass++) {
    for (let i = 0; i < n; i++) {
      const cells = [String(log.time[i] + pass * (n / log.hz) * 1000)];
      for (const v of vars) cells.push(String(Math.fround(v.value(i, 0))));
      chunk += cells.join(',') + '\n';
      if (chunk.length > 1 << 20) {
        fs.writeSync(out, chunk);
        chunk = '';
      }
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
  const channels: Record<string, { column: string; unit?: string }> = {
    speed: { column: 'Speed', unit: 'm/s' },
    lap: { column: 'Lap' },
    lap_distance: { column: 'LapDist', unit: 'm' },
    lat: { column: 'Lat' },
    lon: { column: 'Lon' },
  };
  for (const v of vars)
    if (!['Speed', 'Lap', 'LapDist', 'Lat', 'Lon'].includes(v.name))
      channels[v.name.toLowerCase()] = { column: v.name };
  return { time: { column: 'time', unit: 'epoch_ms' }, channels };
}

function runImport(kind: string, file: string, mapping?: object): { ms: number; cpuMs: number; maxRssMb: number } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eracing-import-bench-'));
  try {
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(ROOT, 'bench', 'import-child.ts'),
        kind,
        file,
        dataDir,
        JSON.stringify(mapping ?? {}),
      ],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    return JSON.parse(out.trim().split('\n').pop()!);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runImportBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eracing-import-bench-files-'));
  try {
    const log = makeRealLog({ lapSpeeds: [40, 42, 41, 43, 40, 44, 41, 42, 43, 40] });
    const ibtFile = path.join(dir, 'bench.ibt');
    const oneBytes = writeIbt(ibtFile, log, { extraVars: extraIbtVars() });
    const repeat = Math.max(1, Math.round((SIZE_MB * 1e6) / oneBytes));
    const ibtBytes = writeIbt(ibtFile, log, { repeat, extraVars: extraIbtVars() });
    // The same samples, every record and channel, as CSV.
    const csvRepeat = repeat;
    const csvFile = path.join(dir, 'bench.csv');
    const mapping = writeSameCsv(csvFile, log, csvRepeat);
    const csvBytes = fs.statSync(csvFile).size;

    const ldFile = path.join(dir, 'bench.ld');
    const ldLog = makeRealLog({ hz: 100, lapSpeeds: [40, 42, 41, 43, 40, 44, 41, 42, 43, 40] });
    const ldSpecs = [...ldChannels(ldLog), ...extraLdChannels()];
    const bytesPerSecond = ldSpecs.reduce((sum, c) => sum + c.rate * (c.type === 'i16' || c.type === 'f16' ? 2 : 4), 0);
    const ldDuration = Math.round((SIZE_MB * 1e6) / bytesPerSecond);
    const ldBytes = writeLd(
      ldFile,
      ldSpecs.map((c) => ({ ...c, value: (k: number) => c.value(k % 10_000) })),
      ldDuration,
    );

    const ibt = runImport('ibt', ibtFile);
    const csv = runImport('csv', csvFile, mapping);
    const ld = runImport('ld', ldFile);
    const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);
    const records = log.time.length * csvRepeat;
    const ratio = csv.ms / ibt.ms;

    const largeFile = path.join(dir, 'large.ibt');
    const largeBytes = writeIbt(largeFile, log, {
      repeat: Math.max(1, Math.round((LARGE_MB * 1e6) / oneBytes)),
      extraVars: extraIbtVars(),
    });
    fs.rmSync(ibtFile);
    const large = runImport('ibt', largeFile);

    const rows: BenchRow[] = [
      {
        what: `.ibt import, ${(ibtBytes / 1e6).toFixed(0)} MB, ${EXTRA_CHANNELS + 25} channels`,
        figure: `${mbps(ibtBytes, ibt.ms).toFixed(1)} MB/s`,
        peer: `CPU time: ${mbps(ibtBytes, ibt.cpuMs).toFixed(1)} MB/s`,
        target: '≥ 50 MB/s',
        pass: mbps(ibtBytes, ibt.ms) >= 50,
      },
      {
        what: `.ld import, ${(ldBytes / 1e6).toFixed(0)} MB, ${ldSpecs.length} channels at 1–100 Hz`,
        figure: `${mbps(ldBytes, ld.ms).toFixed(1)} MB/s`,
        peer: `CPU time: ${mbps(ldBytes, ld.cpuMs).toFixed(1)} MB/s`,
        target: '≥ 50 MB/s',
        pass: mbps(ldBytes, ld.ms) >= 50,
      },
      {
        what: `the same ${records.toLocaleString('en')} records: .ibt vs CSV (${(csvBytes / 1e6).toFixed(0)} MB)`,
        figure: `${(ibt.ms / 1000).toFixed(2)} s`,
        peer: `CSV ${(csv.ms / 1000).toFixed(2)} s (${mbps(csvBytes, csv.ms).toFixed(1)} MB/s)`,
        ratio: `${ratio.toFixed(1)}× (CPU ${(csv.cpuMs / ibt.cpuMs).toFixed(1)}×)`,
        target: '≥ 10×',
        pass: ratio >= 10,
      },
      {
        what: `.ibt import peak memory, ${(largeBytes / 1e9).toFixed(2)} GB input`,
        figure: `${large.maxRssMb.toFixed(0)} MB RSS`,
        peer: `${mbps(largeBytes, large.ms).toFixed(1)} MB/s`,
        target: '< 300 MB',
        pass: large.maxRssMb < 300,
      },
    ];
    printTable('Import (native readers vs CSV)', rows);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
