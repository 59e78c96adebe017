/**
 * `npm run bench backend`: the datasource's Go backend against a real reference server with 20 simulated cars.
 *   - QueryData of one channel for every car over a recorded two-hour session at 1,000 points per car: the plugin's
 *     own work (QueryData's runner on the server's batches: decode, join per car, frames; then the Arrow encoding)
 *     must stay within 50 ms; the same query through the browser datasource in this process is the peer. The
 *     session is the simulator's, recorded faster than real time into node_modules/.cache/bench once (about
 *     1.5 GB, a few minutes) and served from disk as a past session, as a team's recorded sessions are.
 *   - One live channel with 50 subscribers through one RunStream (Grafana Live's fan-out): one upstream
 *     subscription, and the telemetry server's CPU within 1.2× of one viewer's; 50 browser-mode viewers (a socket
 *     each) are the peer.
 *   - The backend's heap after GC over 10 minutes of a live stream of every channel of the 20 cars, measured after
 *     a minute's warm-up: growth ≤ 5 %. Heap profiles of both ends are kept for `go tool pprof -diff_base`.
 * BACKEND_BENCH_HOURS (2), BACKEND_MEMORY_SECONDS (600) and BACKEND_MEMORY_WARMUP_SECONDS (60) change the figures;
 * BACKEND_BENCH_PROFILE=1 also writes a CPU profile of the plugin's QueryData work.
 */
import './grafana-dom';

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

import WebSocket from 'ws';

import { CatalogCache } from '../datasource/src/catalog';
import { TelemetryLink } from '../datasource/src/link/telemetry-link';
import { resolveQuery } from '../datasource/src/queries/resolve';
import type { Interpolator } from '../datasource/src/template';
import { historyTelemetry } from '../datasource/src/queries/telemetry';
import { RecordedSessionSource, SessionRecorder, sessionDir } from '../packages/reference-server/src/recording';
import { createSimulatorSource } from '../packages/reference-server/src/simulator';
import { ROOT } from './root';
import { median, printTable } from './table';

const CARS = 20;
const SEED = 1;
const HOURS = Number(process.env.BACKEND_BENCH_HOURS ?? 2);
const POINTS = 1000;
const VIEWERS = 50;
// A fixed start, so that the recording is the same on every machine and kept between runs.
const RECORDED_START = Date.UTC(2026, 0, 10, 9);
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'bench');

/** The query has no variables: texts as they are (Grafana's template service is not needed). */
const plainText: Interpolator = {
  text: (value) => value?.trim() ?? '',
  list: (values) => (typeof values === 'string' ? [values] : [...(values ?? [])]),
};

function goBinary(): string {
  const go = ['go', '/usr/local/go/bin/go'].find((candidate) => {
    try {
      execFileSync(candidate, ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (!go) throw new Error('The backend bench needs Go (PATH or /usr/local/go/bin)');
  const out = path.join(ROOT, 'node_modules', '.cache', 'bench', 'benchcmd');
  mkdirSync(path.dirname(out), { recursive: true });
  execFileSync(go, ['build', '-o', out, './pkg/internal/benchcmd'], {
    cwd: path.join(ROOT, 'datasource'),
    stdio: 'inherit',
  });
  return out;
}

interface RecordedSession {
  dataDir: string;
  id: string;
  from: number;
  to: number;
}

/**
 * The simulator's session of CARS cars over HOURS hours, recorded to disk faster than real time (the recorder's
 * back-fill, as a server restarted mid-session writes it), with its laps computed. Kept in node_modules/.cache: a
 * recording is reused while the simulator makes the same data (its epoch).
 */
async function recordedSession(): Promise<RecordedSession> {
  const id = `sim-bench-seed${SEED}-${CARS}cars-${HOURS}h`;
  const dataDir = path.join(CACHE, 'backend-sessions', id);
  const to = RECORDED_START + HOURS * 3600_000;
  const source = createSimulatorSource({ seed: SEED, cars: CARS, startTime: RECORDED_START, id });
  const marker = path.join(dataDir, 'recorded.json');
  const session = { dataDir, id, from: RECORDED_START, to };
  if (existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).epoch === source.epoch) return session;

  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  console.log(`Recording a ${HOURS} h simulated session of ${CARS} cars into ${path.relative(ROOT, dataDir)} …`);
  const started = performance.now();
  const recorder = await SessionRecorder.open({
    dataDir,
    source,
    origin: { type: 'simulator', seed: SEED, cars: CARS },
    clock: () => to,
  });
  await recorder.tick(to);
  await recorder.close();
  const recorded = RecordedSessionSource.open(sessionDir(dataDir, id));
  const laps = recorded.allLaps().length;
  recorded.close();
  writeFileSync(marker, JSON.stringify({ epoch: source.epoch, laps }));
  console.log(`  ${((performance.now() - started) / 1000).toFixed(0)} s, ${laps} laps`);
  return session;
}

async function startServer(dataDir: string) {
  const cli = path.join(ROOT, 'packages', 'reference-server', 'src', 'cli.ts');
  const args = ['--import', 'tsx', cli, 'serve', '--port', '0', '--cars', String(CARS), '--data-dir', dataDir];
  // The live session (fan-out, memory) starts now; the recorded one is served from disk beside it.
  const child = spawn(process.execPath, [...args, '--session-start', String(Date.now()), '--no-record'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ERACING_TOKEN: '' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /WebSocket\s+(ws:\/\/\S+)/.exec(line);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the reference server exited (${code})`)));
  });
  return { url, child };
}

interface MemoryResult {
  cars: number;
  channels: number;
  seconds: number;
  warmupSeconds: number;
  heapFirst: number;
  heapLast: number;
  heapMax: number;
  growth: number;
  samples: number[];
  frames: number;
}

function runGo<T = Record<string, number>>(binary: string, args: string[]): T {
  return JSON.parse(execFileSync(binary, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
}

export async function runBackendBench(): Promise<void> {
  const binary = goBinary();
  const recorded = await recordedSession();
  const { from, to } = recorded;
  const { url, child } = await startServer(recorded.dataDir);
  try {
    const cpuProfile = process.env.BACKEND_BENCH_PROFILE ? path.join(CACHE, 'backend-querydata.cpu.pb.gz') : '';
    const query = runGo(binary, [
      '-mode',
      'query',
      '-url',
      url,
      '-session',
      recorded.id,
      '-from',
      String(from),
      '-to',
      String(to),
      '-points',
      String(POINTS),
      '-profile',
      cpuProfile,
    ]);
    if (cpuProfile)
      console.log(`CPU profile of QueryData's work: go tool pprof -top ${path.relative(ROOT, cpuProfile)}`);

    // The browser datasource's history query (datasource.ts runs exactly this for a history telemetry query).
    // The ws package's WebSocket as the browser's, as the datasource's integration tests run it.
    (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
    // The reference server reads a recorded range once per car and answers nothing else meanwhile: a two-hour
    // query of 20 cars holds it for about a minute, longer than the link's default ping and request timeouts.
    const link = new TelemetryLink(
      { url, client: 'bench' },
      {
        pingEveryMs: 300_000,
        requestTimeoutMs: 300_000,
        // Closed once the query is done, before the Go measures hold this process.
        idleCloseMs: 0,
      },
    );
    const catalogs = new CatalogCache(link);
    const target = {
      refId: 'A',
      queryType: 'telemetry' as const,
      mode: 'history' as const,
      session: recorded.id,
      channels: ['speed'],
    };
    const times: number[] = [];
    // The catalog first, as the plugin's measure has it: the loop measures the query.
    await catalogs.get(recorded.id);
    // Once: the server's minute dominates it.
    for (let i = 0; i < 1; i++) {
      const started = performance.now();
      const resolved = resolveQuery(target, '', plainText);
      const frames = await historyTelemetry(link, resolved, await catalogs.get(resolved.session), { from, to }, POINTS);
      if (frames.length !== CARS) throw new Error(`the browser datasource answered ${frames.length} frames`);
      times.push(performance.now() - started);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));

    const fanout = runGo(binary, [
      '-mode',
      'fanout',
      '-url',
      url,
      '-viewers',
      String(VIEWERS),
      '-server-pid',
      String(child.pid),
      '-seconds',
      '8',
    ]);
    const seconds = Number(process.env.BACKEND_MEMORY_SECONDS ?? 600);
    const warmup = Number(process.env.BACKEND_MEMORY_WARMUP_SECONDS ?? 60);
    const heapProfiles = path.join(CACHE, 'backend-heap');
    console.log(`Backend memory: ${warmup} s warm-up, then ${seconds} s of a live stream of ${CARS} cars …`);
    const memory = runGo<MemoryResult>(binary, [
      '-mode',
      'memory',
      '-url',
      url,
      '-seconds',
      String(seconds),
      '-warmup',
      String(warmup),
      '-profile',
      heapProfiles,
    ]);

    const cpuRatio = fanout.serverCpuMany / fanout.serverCpuOne;
    const mib = (bytes: number) => (bytes / 1048576).toFixed(1);
    printTable(`Datasource backend (${CARS} cars, ${HOURS} h recorded session, ${POINTS} points per car)`, [
      {
        what: `QueryData, 1 channel × ${query.cars} cars: inside the plugin`,
        figure: `${query.insideMs.toFixed(1)} ms (${query.rows} rows, ${query.batches} batches)`,
        peer: `browser datasource, whole query: ${median(times).toFixed(1)} ms`,
        ratio: `${(median(times) / query.insideMs).toFixed(1)}×`,
        target: '≤ 50 ms',
        pass: query.insideMs <= 50,
      },
      {
        what: 'QueryData, whole call (server time included)',
        figure: `${query.wholeMs.toFixed(1)} ms (the server alone: ${query.serverMs.toFixed(1)} ms)`,
        peer: `browser datasource: ${median(times).toFixed(1)} ms`,
        ratio: `${(median(times) / query.wholeMs).toFixed(2)}×`,
      },
      {
        what: `Live fan-out: upstream subscriptions for ${fanout.viewers} subscribers`,
        figure: String(fanout.upstreamSubscriptions),
        peer: `browser mode: ${fanout.viewers}`,
        target: '1',
        pass: fanout.upstreamSubscriptions === 1,
      },
      {
        what: `Live fan-out: server CPU, ${fanout.viewers} subscribers vs 1`,
        figure: `${(fanout.serverCpuMany * 100).toFixed(1)} % vs ${(fanout.serverCpuOne * 100).toFixed(1)} %`,
        peer: `browser mode, ${fanout.viewers} sockets: ${(fanout.serverCpuDirect * 100).toFixed(1)} %`,
        ratio: `${cpuRatio.toFixed(2)}×`,
        target: '≤ 1.2×',
        pass: cpuRatio <= 1.2,
      },
      {
        what: `Backend heap after GC, ${memory.seconds} s of ${memory.cars} cars × ${memory.channels} channels live (after ${memory.warmupSeconds} s)`,
        figure: `${mib(memory.heapFirst)} → ${mib(memory.heapLast)} MiB, most ${mib(memory.heapMax)} (${memory.frames} frames)`,
        ratio: `${(memory.growth * 100).toFixed(1)} %`,
        target: memory.seconds >= 600 ? '≤ 5 %' : '≤ 5 % (over 600 s; shorter window)',
        pass: memory.growth <= 0.05,
      },
    ]);
    console.log(`Heap after GC every ${memory.seconds / 10} s: ${memory.samples.map(mib).join(' ')} MiB`);
    console.log(
      `Heap profiles: go tool pprof -top -sample_index=inuse_space -diff_base ${path.relative(ROOT, heapProfiles)}-start.pb.gz ${path.relative(ROOT, heapProfiles)}-end.pb.gz`,
    );
  } finally {
    child.kill('SIGTERM');
  }
}
