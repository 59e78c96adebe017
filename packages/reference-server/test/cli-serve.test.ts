import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '@eracing/telemetry-core/protocol';
import { runCommandLine } from '../src/cli/main';
import type { CliIo } from '../src/cli/io';
import { BatchLog } from '../src/recording/batch-log';
import { importCsv } from '../src/recording/csv-import';
import { listSessions } from '../src/recording/library';

const BIN = path.join(__dirname, '..', 'bin', 'eracing-server.cjs');
const FIXTURES = path.join(__dirname, 'fixtures', 'csv');
let dataDir: string;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eracing-serve-'));
  await importCsv({
    file: path.join(FIXTURES, 'gps-only.csv'),
    dataDir,
    id: 'gps',
    mapping: {
      time: { column: 'timestamp', unit: 'iso' },
      channels: { lat: { column: 'latitude' }, lon: { column: 'longitude' } },
    },
  });
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Sends each message in turn and collects the JSON answer to each. */
async function converse(url: string, messages: object[]): Promise<Array<Record<string, unknown>>> {
  const ws = new WebSocket(url);
  const answers: Array<Record<string, unknown>> = [];
  await new Promise<void>((resolve, reject) => {
    ws.on('open', () => ws.send(JSON.stringify(messages[0])));
    ws.on('message', (data, binary) => {
      if (binary) return;
      answers.push(JSON.parse(String(data)));
      if (answers.length === messages.length) resolve();
      else ws.send(JSON.stringify(messages[answers.length]));
    });
    ws.on('error', reject);
  });
  ws.close();
  return answers;
}

function waitForLine(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += chunk));
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const match = pattern.exec(text);
      if (match) resolve(match);
    });
    child.on('close', (code) =>
      reject(new Error(`the server exited with ${code} before printing ${pattern}: ${errors}`)),
    );
  });
}

test('serve: the real process prints its URLs, answers a hello over WebSocket, and records until SIGTERM', async () => {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--cars', '2', '--data-dir', dataDir], {
    env: { ...process.env, ERACING_TOKEN: '' },
  });
  try {
    const [, url] = await waitForLine(child, /WebSocket +(ws:\/\/127\.0\.0\.1:\d+)\n/);
    const health = await fetch(url.replace('ws:', 'http:') + '/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, sessions: 2 });

    const [hello, catalog] = await converse(url, [
      { type: 'hello', protocol: PROTOCOL_VERSION, client: 'cli test' },
      { type: 'catalog', id: 'c1' },
    ]);
    expect(hello).toMatchObject({ type: 'hello', protocol: PROTOCOL_VERSION, sessions: 2 });
    expect(hello.liveSession).toMatch(/^sim-\d{8}-\d{6}-seed1-2cars$/);
    const sessions = catalog.sessions as Array<{ id: string; kind: string }>;
    expect(sessions.map((s) => `${s.id}:${s.kind}`).sort()).toEqual(['gps:recorded', `${hello.liveSession}:live`]);

    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await closed).toBe(0);
    const recording = listSessions(dataDir).sessions.find((s) => s.id === hello.liveSession)!;
    expect(recording.session.source).toEqual({ type: 'simulator', seed: 1, cars: 2 });
    const log = BatchLog.openForRead(recording.dir);
    expect(log.count).toBeGreaterThan(0);
    expect(log.firstSeq).toBe(0);
    expect(log.lastSeq).toBe(log.count - 1);
    log.close();
  } finally {
    child.kill('SIGKILL');
  }
});

test('replay: serves the recording as the live session under its own id', async () => {
  const lines: string[] = [];
  const io: CliIo = { out: (l) => lines.push(l), err: () => {}, env: {}, cwd: dataDir, now: Date.now };
  const outcome = await runCommandLine(
    ['replay', 'gps', '--port', '0', '--speed', '10', '--shift-to-now', '--data-dir', dataDir],
    io,
  );
  if (!('service' in outcome)) throw new Error(`replay did not start: ${JSON.stringify(outcome)}`);
  try {
    expect(lines).toContain('  replay        gps-replay of gps at 10×, shifted to now, ends with the recording');
    const url = /ws:\/\/\S+/.exec(lines.join('\n'))![0];
    const [hello] = await converse(url, [{ type: 'hello', protocol: PROTOCOL_VERSION }]);
    expect(hello).toMatchObject({ liveSession: 'gps-replay', sessions: 2 });
  } finally {
    await outcome.service.stop();
  }
});

test("a starting server removes what killed imports left in sessions/.tmp-*, and keeps a running import's", async () => {
  const sessions = path.join(dataDir, 'sessions');
  const dead = spawnSync(process.execPath, ['-e', '']).pid!;
  const killed = path.join(sessions, `.tmp-fp2-${dead}`);
  const running = path.join(sessions, `.tmp-fp3-${process.ppid}`);
  for (const dir of [killed, running]) {
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'batches.ercb'), Buffer.alloc(1024));
  }
  const errors: string[] = [];
  const io: CliIo = { out: () => {}, err: (l) => errors.push(l), env: {}, cwd: dataDir, now: Date.now };
  const outcome = await runCommandLine(['serve', '--port', '0', '--no-record', '--data-dir', dataDir], io);
  if (!('service' in outcome)) throw new Error(`serve did not start: ${JSON.stringify(outcome)}`);
  try {
    expect(fs.existsSync(killed)).toBe(false);
    expect(fs.existsSync(running)).toBe(true);
    expect(errors).toContain(`removed ${killed}, left by an interrupted import`);
  } finally {
    await outcome.service.stop();
  }
});
