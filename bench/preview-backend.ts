/**
 * Fan-out of the live session dashboard, measured in a browser: `BENCH_TABS` (10) tabs of headless Chromium on the
 * preview host, first in browser mode (every tab opens its own WebSocket to the telemetry server), then in Grafana
 * server mode (the datasource's Go backend started as Grafana starts it, Grafana Live to the tabs), one reference
 * server at 6 cars × 100 Hz for both. After a warm-up, over `BENCH_WINDOW_S` (20) seconds it reads:
 *   - the telemetry server's live subscriptions and connections (its `/health`), and the preview's Live channels;
 *   - the CPU of the telemetry server, of the preview server, and in server mode of the plugin process and its host
 *     sidecar, from /proc/<pid>/stat (Linux; elsewhere the CPU rows say n/a).
 * Goals: one upstream subscription per distinct channel in server mode; telemetry server CPU ≥ 5× lower than in
 * browser mode at 10 tabs.
 */
import { chromium, type Browser } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { chromiumPath } from '../scripts/lib/chromium.cjs';
import { ROOT } from './root';
import { printTable, type BenchRow } from './table';

const TELEMETRY_PORT = 18860;
const PREVIEW_PORT = { browser: 18861, server: 18862 };
const DASHBOARD = '/d/eracing-live-session';
const CLOCK_TICKS = 100; // USER_HZ on Linux
const CPU_RATIO_TARGET = 5;

type Mode = keyof typeof PREVIEW_PORT;

interface Outcome {
  mode: Mode;
  tabs: number;
  subscriptions: number;
  connections: number;
  channels: number;
  runStreams: number;
  cpu: { telemetry: number; preview: number; plugin: number };
}

/** CPU seconds (user + system) a process has used, or NaN where /proc is not there. */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** The pids of a process's children (the preview's sidecar), from /proc. */
function childrenOf(pid: number): number[] {
  try {
    return fs
      .readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number)
      .filter((child) => {
        try {
          const stat = fs.readFileSync(`/proc/${child}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} within ${timeoutMs / 1000} s`);
}

const getJson = (url: string) => fetch(url).then((r) => r.json() as Promise<Record<string, unknown>>);

function startNode(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: 'ignore' });
}

async function measure(browser: Browser, mode: Mode, tabs: number, windowS: number, telemetry: ChildProcess) {
  const port = PREVIEW_PORT[mode];
  const base = `http://127.0.0.1:${port}`;
  const preview = startNode([
    path.join(ROOT, 'preview', 'server', 'main.ts'),
    ...['--port', String(port), '--datasource-mode', mode, '--telemetry', `ws://127.0.0.1:${TELEMETRY_PORT}`],
  ]);
  try {
    const health = await waitFor(
      `the ${mode}-mode preview did not start`,
      async () => {
        const answer = (await getJson(`${base}/api/health`)) as { backends?: Record<string, { state: string }> };
        const backend = answer.backends?.['eracing-telemetry-datasource'];
        if (mode === 'server' && backend?.state !== 'running') return undefined;
        return answer as { backends?: Record<string, { pid?: number }> };
      },
      240_000,
    );
    const pluginPid = health.backends?.['eracing-telemetry-datasource']?.pid;
    const pages = [];
    for (let i = 0; i < tabs; i++) {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1250 } });
      await page.goto(`${base}${DASHBOARD}`);
      pages.push(page);
    }
    for (const page of pages) {
      await page
        .getByTestId('preview-panel-1')
        .and(page.locator('[data-state="Streaming"]'))
        .waitFor({ timeout: 60_000 });
    }
    await new Promise((resolve) => setTimeout(resolve, 10_000)); // warm-up: every tab's streams open
    const sidecars = mode === 'server' && preview.pid ? childrenOf(preview.pid) : [];
    const processes = {
      telemetry: () => cpuSeconds(telemetry.pid),
      preview: () => cpuSeconds(preview.pid),
      plugin: () => (mode === 'server' ? cpuSeconds(pluginPid) + sidecars.reduce((s, p) => s + cpuSeconds(p), 0) : 0),
    };
    const before = { telemetry: processes.telemetry(), preview: processes.preview(), plugin: processes.plugin() };
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, windowS * 1000));
    const wall = (performance.now() - started) / 1000;
    const cpu = {
      telemetry: (processes.telemetry() - before.telemetry) / wall,
      preview: (processes.preview() - before.preview) / wall,
      plugin: (processes.plugin() - before.plugin) / wall,
    };
    const load = (await getJson(`http://127.0.0.1:${TELEMETRY_PORT}/health`)) as {
      subscriptions: number;
      connections: number;
    };
    const live = (await getJson(`${base}/api/live/stats`)) as { channels: Array<{ runs: number }> };
    for (const page of pages) await page.close();
    const outcome: Outcome = {
      mode,
      tabs,
      subscriptions: load.subscriptions,
      connections: load.connections,
      channels: live.channels.length,
      runStreams: live.channels.reduce((sum, c) => sum + c.runs, 0),
      cpu,
    };
    return outcome;
  } finally {
    preview.kill('SIGTERM');
    await new Promise((resolve) => (preview.exitCode === null ? preview.once('exit', resolve) : resolve(null)));
  }
}

const cpuText = (value: number) => (Number.isFinite(value) ? `${value.toFixed(3)} CPU-s/s` : 'n/a');

function rows(browserMode: Outcome, serverMode: Outcome, idle: number): BenchRow[] {
  const { tabs } = serverMode;
  const ratio = browserMode.cpu.telemetry / serverMode.cpu.telemetry;
  const net = (browserMode.cpu.telemetry - idle) / Math.max(serverMode.cpu.telemetry - idle, 1e-3);
  const perTab = (value: number) => cpuText(value / tabs);
  return [
    {
      what: `server mode, ${tabs} tabs: telemetry server subscriptions`,
      figure: `${serverMode.subscriptions} (${serverMode.connections} connection${serverMode.connections === 1 ? '' : 's'})`,
      peer: `browser mode: ${browserMode.subscriptions} (${browserMode.connections} connections)`,
      target: `= ${serverMode.channels} distinct Live channels`,
      pass: serverMode.subscriptions === serverMode.channels,
    },
    {
      what: `server mode, ${tabs} tabs: RunStreams for ${serverMode.channels} channels`,
      figure: String(serverMode.runStreams),
      target: '1 per channel',
      pass: serverMode.runStreams === serverMode.channels,
    },
    {
      what: `server mode, ${tabs} tabs: telemetry server CPU`,
      figure: cpuText(serverMode.cpu.telemetry),
      peer: `browser mode: ${cpuText(browserMode.cpu.telemetry)}`,
      ratio: Number.isFinite(ratio) ? `${ratio.toFixed(1)}× lower` : undefined,
      target: `≥ ${CPU_RATIO_TARGET}× lower`,
      pass: Number.isFinite(ratio) ? ratio >= CPU_RATIO_TARGET : undefined,
    },
    {
      what: `… above the simulation's own CPU (no clients)`,
      figure: cpuText(serverMode.cpu.telemetry - idle),
      peer: `browser mode: ${cpuText(browserMode.cpu.telemetry - idle)}; idle ${cpuText(idle)}`,
      ratio: Number.isFinite(net) ? `${net.toFixed(1)}× lower` : undefined,
    },
    {
      what: `server mode: plugin process + host CPU per tab`,
      figure: perTab(serverMode.cpu.plugin),
      peer: `total ${cpuText(serverMode.cpu.plugin)}`,
    },
    {
      what: `preview server CPU per tab`,
      figure: `server mode ${perTab(serverMode.cpu.preview)}`,
      peer: `browser mode ${perTab(browserMode.cpu.preview)}`,
    },
  ];
}

export async function runPreviewBackendBench(): Promise<void> {
  const executable = path.join(ROOT, 'datasource', 'dist', 'gpx_eracing_telemetry_linux_amd64');
  if (process.platform !== 'linux') console.log('ⓘ preview-backend: CPU figures need /proc (Linux); they read n/a');
  if (
    !fs.existsSync(path.join(ROOT, 'preview', 'dist', 'app.js')) ||
    !fs.readdirSync(path.dirname(executable)).some((f) => f.startsWith('gpx_'))
  ) {
    throw new Error(
      'The preview-backend bench needs the preview host and the datasource backend built (npm run build)',
    );
  }
  const tabs = Number(process.env.BENCH_TABS ?? 10);
  const windowS = Number(process.env.BENCH_WINDOW_S ?? 20);
  const sessionStart = String(Date.now() - 20 * 60 * 1000);
  const telemetry = startNode([
    path.join(ROOT, 'packages', 'reference-server', 'src', 'cli.ts'),
    ...['serve', '--port', String(TELEMETRY_PORT), '--no-record', '--cars', '6', '--seed', '3'],
    ...['--session-start', sessionStart],
  ]);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    await waitFor(
      'the reference server did not start',
      () => getJson(`http://127.0.0.1:${TELEMETRY_PORT}/health`),
      30_000,
    );
    // The simulation costs CPU with no client at all: measured first, so the serving cost can be told apart.
    const idleStart = cpuSeconds(telemetry.pid);
    await new Promise((resolve) => setTimeout(resolve, windowS * 1000));
    const idle = (cpuSeconds(telemetry.pid) - idleStart) / windowS;
    const browserMode = await measure(browser, 'browser', tabs, windowS, telemetry);
    await waitFor(
      'the browser-mode tabs did not leave the telemetry server',
      async () => ((await getJson(`http://127.0.0.1:${TELEMETRY_PORT}/health`)).connections === 0 ? true : undefined),
      30_000,
    );
    const serverMode = await measure(browser, 'server', tabs, windowS, telemetry);
    printTable(
      `Live session dashboard, ${tabs} tabs, browser mode vs Grafana server mode (preview host, 6 cars × 100 Hz, ` +
        `${windowS} s measured after a warm-up)`,
      rows(browserMode, serverMode, idle),
    );
  } finally {
    await browser.close();
    telemetry.kill();
  }
}
