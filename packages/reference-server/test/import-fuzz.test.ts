/**
 * Truncated, corrupted and fuzzed .ibt, .ld and CSV files: 10,000+ generated cases. None may crash the importer (any
 * error but the importers' own, naming file and offset or line), hang (each case is timed), or leave a session
 * directory behind when it fails. The readers run against a sink in memory; a sample of cases runs the whole import.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BinaryFile } from '../src/import/binary-file';
import { detectFormat } from '../src/import/detect';
import { readIbt } from '../src/import/ibt';
import { readLd } from '../src/import/ld';
import { importNative, type NativeReader, type RowSink } from '../src/import/native';
import { ImportFormatError } from '../src/import/session-writer';
import { importCsv } from '../src/recording/csv-import';
import { ImportError } from '../src/recording/csv-rows';
import { MappingError } from '../src/recording/csv-mapping';
import { sessionsDir } from '../src/recording/layout';
import { RecordedSessionSource } from '../src/recording/recorded-source';
import { writeIbt } from './helpers/ibt-writer';
import { ldChannels, writeLd } from './helpers/ld-writer';
import { makeRealLog, realLogCsv, REAL_LOG_CSV_MAPPING } from './helpers/real-log';

const CASES = { ibt: 4800, ld: 4800, csv: 400, whole: 100 };
const CASE_LIMIT_MS = 2000;

let dir: string;
let dataDir: string;
let baseIbt: Buffer;
let baseLd: Buffer;
let baseCsv: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eracing-fuzz-'));
  dataDir = path.join(dir, 'data');
  const log = makeRealLog({ lapLength: 300, startDistance: 250, lapSpeeds: [60, 60], endDistance: 20 });
  writeIbt(path.join(dir, 'base.ibt'), log);
  writeLd(
    path.join(dir, 'base.ld'),
    ldChannels(makeRealLog({ hz: 100, lapLength: 300, startDistance: 250, lapSpeeds: [60, 60] })),
    6,
  );
  baseIbt = fs.readFileSync(path.join(dir, 'base.ibt'));
  baseLd = fs.readFileSync(path.join(dir, 'base.ld'));
  baseCsv = realLogCsv(makeRealLog({ startDistance: 1190, lapSpeeds: [60], endDistance: 5, hz: 10 }));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A small seeded generator (mulberry32), so a failure names a case that can be run again. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTREMES = [0, -1, 1, 0x7fffffff, -0x80000000, 0xffff, 144, 1762, 123456789];

/** One corruption of `base`: cut short, bytes flipped (mostly in the headers), or a header word set to an extreme. */
function corrupt(base: Buffer, rnd: () => number): Buffer {
  const kind = rnd();
  if (kind < 0.3) return base.subarray(0, Math.floor(rnd() * base.length));
  const out = Buffer.from(base);
  if (kind < 0.75) {
    const flips = 1 + Math.floor(rnd() * 8);
    const span = rnd() < 0.7 ? Math.min(out.length, 8192) : out.length;
    for (let k = 0; k < flips; k++) out[Math.floor(rnd() * span)] = Math.floor(rnd() * 256);
  } else {
    const at = 4 * Math.floor(rnd() * Math.min(out.length / 4, 600));
    out.writeInt32LE(EXTREMES[Math.floor(rnd() * EXTREMES.length)] | 0, at);
  }
  return out;
}

class MemorySink implements RowSink {
  readonly columns: Float64Array[];
  rows = 0;
  firstTime = NaN;
  lastTime = -Infinity;
  readonly min: Float64Array;
  readonly max: Float64Array;
  constructor(channels: number) {
    this.columns = Array.from({ length: channels }, () => new Float64Array(1));
    this.min = new Float64Array(channels).fill(Infinity);
    this.max = new Float64Array(channels).fill(-Infinity);
  }
  async row(time: number): Promise<number> {
    if (!(time >= this.lastTime)) throw new Error(`row times must not go backwards: ${time} after ${this.lastTime}`);
    if (!this.rows) this.firstTime = time;
    this.lastTime = time;
    this.rows++;
    return 0;
  }
  async close(): Promise<void> {}
}

function expected(error: unknown): boolean {
  return error instanceof ImportFormatError || error instanceof ImportError || error instanceof MappingError;
}

async function readInMemory(file: string, reader: NativeReader): Promise<void> {
  const binary = BinaryFile.open(file);
  try {
    await reader(binary, { batchMs: 1000, open: async (spec) => new MemorySink(spec.channels.length) });
  } finally {
    binary.close();
  }
}

async function timed(label: string, run: () => Promise<unknown>): Promise<'ok' | 'rejected'> {
  const started = performance.now();
  let outcome: 'ok' | 'rejected' = 'ok';
  try {
    await run();
  } catch (error) {
    if (!expected(error)) throw new Error(`${label}: crashed with ${(error as Error).stack}`);
    if (!/(byte \d+|:\d+:|: )/.test((error as Error).message)) throw new Error(`${label}: unclear message ${error}`);
    outcome = 'rejected';
  }
  const ms = performance.now() - started;
  if (ms > CASE_LIMIT_MS) throw new Error(`${label}: took ${ms.toFixed(0)} ms`);
  return outcome;
}

test.each([
  ['ibt', readIbt],
  ['ld', readLd],
] as const)(
  `%s readers survive their corrupted cases`,
  async (kind, reader) => {
    const base = kind === 'ibt' ? baseIbt : baseLd;
    const file = path.join(dir, `case.${kind}`);
    const outcomes = { ok: 0, rejected: 0 };
    for (let n = 0; n < CASES[kind]; n++) {
      fs.writeFileSync(file, corrupt(base, random(n * 7919 + (kind === 'ibt' ? 1 : 2))));
      outcomes[await timed(`${kind} case ${n}`, () => readInMemory(file, reader))]++;
    }
    // Both outcomes happen: the corruptions reach past the headers.
    expect(outcomes.ok).toBeGreaterThan(CASES[kind] / 20);
    expect(outcomes.rejected).toBeGreaterThan(CASES[kind] / 5);
  },
  240_000,
);

test('CSV imports survive corrupted lines and leave nothing behind when they fail', async () => {
  const file = path.join(dir, 'case.csv');
  const alphabet = 'abc,;"\n\r\t 0123456789.-eE+NaN';
  let rejected = 0;
  for (let n = 0; n < CASES.csv; n++) {
    const rnd = random(n * 104729 + 3);
    let text = baseCsv;
    if (rnd() < 0.3) text = text.slice(0, Math.floor(rnd() * text.length));
    for (let k = Math.floor(rnd() * 6); k > 0; k--) {
      const at = Math.floor(rnd() * text.length);
      text = text.slice(0, at) + alphabet[Math.floor(rnd() * alphabet.length)] + text.slice(at + 1);
    }
    fs.writeFileSync(file, text);
    const id = `csv-${n}`;
    const outcome = await timed(`csv case ${n}`, () => importCsv({ file, dataDir, id, mapping: REAL_LOG_CSV_MAPPING }));
    if (outcome === 'rejected') {
      rejected++;
      expect(fs.existsSync(path.join(sessionsDir(dataDir), id))).toBe(false);
    } else fs.rmSync(path.join(sessionsDir(dataDir), id), { recursive: true });
  }
  expect(rejected).toBeGreaterThan(CASES.csv / 10);
  expect(fs.readdirSync(sessionsDir(dataDir))).toEqual([]);
}, 240_000);

test('whole imports of corrupted binary files either make a readable session or leave nothing', async () => {
  let made = 0;
  for (let n = 0; n < CASES.whole; n++) {
    const rnd = random(n * 31337 + 5);
    const kind = n % 2 ? 'ibt' : 'ld';
    const file = path.join(dir, `whole-${n}.${kind}`);
    fs.writeFileSync(file, corrupt(kind === 'ibt' ? baseIbt : baseLd, rnd));
    const id = `whole-${n}`;
    const outcome = await timed(`whole ${kind} case ${n}`, async () => {
      const format = detectFormat(file);
      if (format.kind === 'csv') return;
      await importNative({ file, dataDir, id, reader: format.kind === 'ibt' ? readIbt : readLd });
    });
    const sessionDir = path.join(sessionsDir(dataDir), id);
    if (outcome === 'ok' && fs.existsSync(sessionDir)) {
      made++;
      const session = RecordedSessionSource.open(sessionDir);
      expect(Array.isArray(session.laps(Infinity))).toBe(true);
      session.close();
    } else expect(fs.existsSync(sessionDir)).toBe(false);
    fs.rmSync(file);
  }
  expect(made).toBeGreaterThan(0);
  expect(fs.readdirSync(sessionsDir(dataDir)).filter((name) => name.startsWith('.tmp'))).toEqual([]);
}, 240_000);
