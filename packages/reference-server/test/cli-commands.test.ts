import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommandLine } from '../src/cli/main';
import type { CliIo } from '../src/cli/io';
import { OPTIONS } from '../src/cli/option-table';
import { chooseSimulator } from '../src/cli/serve';
import { FileSessionStore } from '../src/store/file-store';
import { sessionsDir } from '../src/recording/layout';

const BIN = path.join(__dirname, '..', 'bin', 'eracing-server.cjs');
const FIXTURES = path.join(__dirname, 'fixtures', 'csv');
let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eracing-cli-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the real CLI process to completion. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: dataDir,
      env: { ...process.env, ERACING_DATA_DIR: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a command in this process, collecting what it prints. */
async function run(args: string[]): Promise<{ exitCode: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, cwd: dataDir, now: Date.now };
  const outcome = await runCommandLine(args, io);
  if (!('exitCode' in outcome)) throw new Error('expected a command that ends');
  return { exitCode: outcome.exitCode, out, err };
}

test('--help lists every command and every option with its default', async () => {
  const { code, stdout } = await runCli(['--help']);
  expect(code).toBe(0);
  for (const command of ['serve', 'replay <session>', 'import <file>', 'list', 'export <session|sim>']) {
    expect(stdout).toContain(`  ${command} `);
  }
  const lines = stdout.split('\n');
  for (const option of OPTIONS) {
    const line = lines.findIndex((l) => new RegExp(`^ +(-\\w, )?--${option.name}( <|$)`).test(l));
    expect(line).toBeGreaterThan(0);
    if (option.name !== 'help' && option.name !== 'version') expect(lines[line + 1]).toMatch(/\(default: [^)]+\)/);
  }
  expect(stdout).toContain('--port <n>\n        TCP port to listen on; 0 picks a free one. (default: 8765)');
  expect(stdout).toContain('(default: 127.0.0.1)');
});

test('a bad line makes the import fail with file:line, a non-zero exit and no session left behind', async () => {
  const file = path.join(FIXTURES, 'bad-value.csv');
  const { code, stderr, stdout } = await runCli(['import', file, '--data-dir', dataDir]);
  expect(code).toBe(1);
  expect(stderr.split('\n')).toContain(`${file}:5: column "speed" (speed): "1O2.5" is not a number`);
  expect(stdout).toBe('');
  expect(fs.readdirSync(sessionsDir(dataDir))).toEqual([]);
});

test('import with flags, then list and export the session', async () => {
  const file = path.join(FIXTURES, 'logger-fp1.csv');
  const imported = await run([
    'import',
    file,
    '--data-dir',
    dataDir,
    '--id',
    'fp1',
    '--name',
    'FP1 car 7',
    '--car',
    '7',
    '--time',
    'Time:s',
    '--start-time',
    '2025-05-17T09:30:00Z',
    '--column',
    'lap=Lap',
    '--column',
    'lap_distance=Dist:m',
    '--column',
    'speed=Ground Speed:m/s',
    '--column',
    'lat=Lat',
    '--column',
    'lon=Lon',
  ]);
  expect(imported.err).toContain('skipped 4 unmapped column(s): "LFtempR", "TyrePress FL", "Energy Used", "Comment"');
  expect(imported.out).toContain('imported 1001 rows of 1 car(s), 7 channels, 50.0 s, 3 laps as session fp1');
  // The import report: laps with their times and flags, where the track length came from, the channels.
  expect(imported.out[0]).toMatch(/^CSV: .*logger-fp1\.csv/);
  expect(imported.out).toContain('  3 lap(s):');
  expect(imported.out.some((line) => /^ {2}track length [\d.]+ m \((GPS|lap distance)\)$/.test(line))).toBe(true);
  expect(imported.out.some((line) => /^ {4}lap 1: .*\[out-lap, incomplete\]$/.test(line))).toBe(true);
  expect(imported.exitCode).toBe(0);

  const listed = await run(['list', '--data-dir', dataDir]);
  expect(listed.out[0]).toMatch(/^ID +SOURCE +START \(UTC\) +LENGTH +CARS +BATCHES +MB +NAME$/);
  expect(listed.out[1]).toMatch(/^fp1 +csv +2025-05-17 09:30:00 +0m50s +1 +51 +[\d.]+ +FP1 car 7$/);

  const csv = path.join(dataDir, 'fp1.csv');
  const exported = await run([
    'export',
    'fp1',
    '--data-dir',
    dataDir,
    '--channels',
    'lap,speed',
    '--duration',
    '1',
    '--out',
    csv,
  ]);
  expect(exported.exitCode).toBe(0);
  const lines = fs.readFileSync(csv, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('time,car,lap,speed');
  expect(lines[1]).toBe(`${Date.parse('2025-05-17T09:30:00Z')},7,1,180`);
  expect(lines).toHaveLength(1 + 20);
});

test('usage mistakes exit with 2 and say what is wrong', async () => {
  expect((await run(['--port', '99999'])).err[0]).toBe(
    'error: --port must be a whole number from 0 to 65535, got "99999"',
  );
  expect((await run(['--cars', '21'])).err[0]).toBe('error: --cars must be a whole number from 1 to 20, got "21"');
  expect((await run(['import', 'x.csv', '--speed', '2'])).err[0]).toBe(
    'error: --speed is not an option of "import" (it belongs to replay)',
  );
  expect((await run(['frobnicate'])).err[0]).toMatch(/^error: unknown command "frobnicate"/);
  expect((await run(['--colour'])).err[0]).toMatch(/^error: Unknown option '--colour'/);
  const replay = await run(['replay', 'nothing-here', '--data-dir', dataDir]);
  expect(replay.exitCode).toBe(2);
  expect(replay.err[0]).toBe(`error: there is no session "nothing-here" in ${dataDir}; "list" shows the sessions`);
});

test('a new simulated session starts --started-ago minutes before now; a chosen start wins', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eracing-start-'));
  try {
    const now = Date.UTC(2026, 11, 7, 12, 0, 30, 250);
    const io: CliIo = { out: () => {}, err: () => {}, env: {}, cwd: dir, now: () => now };
    const store = new FileSessionStore(dir);
    const start = async (values: Record<string, string>) =>
      (await chooseSimulator(values, store, io)).source.summary.startTime;
    expect(await start({})).toBe(Date.UTC(2026, 11, 7, 12, 0, 30));
    expect(await start({ 'started-ago': '20' })).toBe(Date.UTC(2026, 11, 7, 11, 40, 30));
    expect(await start({ 'started-ago': '20', 'session-start': '2026-12-07T10:00:00Z' })).toBe(
      Date.UTC(2026, 11, 7, 10),
    );
    await expect(start({ 'started-ago': '-5' })).rejects.toThrow(/started-ago/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
