/**
 * The live session dashboard's cost in a browser: headless Chromium on the preview host (main build, Grafana 12.4
 * packages, React 18), fed by the reference server at 6 and at 20 cars × 100 Hz. The dashboard opens at its own
 * range (the last 2 min), as a user sees it: that range is the datasource's live buffer and sets how often live mode
 * slides each time axis. After one window of warm-up, while the buffer fills, the page is measured over two more:
 *   - main-thread CPU per wall second, from CDP Performance.getMetrics: TaskDuration (all the renderer's main-thread
 *     tasks; script, layout and style are parts of it, reported beside it);
 *   - the renderer process's whole CPU (every thread) per wall second, from CDP SystemInfo.getProcessInfo;
 *   - the JS heap after a forced GC at the start and at the end of the two windows.
 */
import './grafana-dom';

import { rangeUtil } from '@grafana/data';
import { chromium, type CDPSession } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { pathToFileURL } from 'node:url';
import { chromiumPath } from '../scripts/lib/chromium.cjs';
import { printTable, type BenchRow } from './table';

import { ROOT } from './root';
const TELEMETRY_PORT = 18790;
const DASHBOARD = '/d/eracing-live-session';

/** The dashboard's own range in seconds (its `time.from`, "now-2m"). */
function dashboardWindowS(): number {
  const folder = process.env.PREVIEW_DASHBOARDS ?? path.join(ROOT, 'dashboards');
  const { time } = JSON.parse(fs.readFileSync(path.join(folder, 'live-session.json'), 'utf8')) as {
    time: { from: string; to: string };
  };
  if (!time.from.startsWith('now-') || time.to !== 'now') {
    throw new Error(
      `live-session.json: expected a range "now-<interval>" to "now", not "${time.from}" to "${time.to}"`,
    );
  }
  return rangeUtil.intervalToSeconds(time.from.slice('now-'.length));
}
const CPU_TARGET = 0.25;
const HEAP_GROWTH_TARGET = 0.05;

interface Sample {
  wall: number;
  task: number;
  script: number;
  layout: number;
  style: number;
  rendererCpu: number;
}

interface Outcome {
  cars: number;
  cpu: number;
  script: number;
  layout: number;
  style: number;
  rendererCpu: number;
  heapStart: number;
  heapEnd: number;
}

function requireBuilt(): void {
  const missing = [
    ['preview/dist/app.js', 'node preview/build.cjs'],
    ['datasource/dist/module.js', 'npm run build'],
  ].filter(([file]) => !fs.existsSync(path.join(ROOT, file)));
  if (missing.length) {
    throw new Error(
      `The preview bench needs built code: ${missing.map(([file, fix]) => `${file} (${fix})`).join(', ')}`,
    );
  }
}

async function startTelemetry(cars: number): Promise<ChildProcess> {
  const cli = path.join(ROOT, 'packages', 'reference-server', 'src', 'cli.ts');
  const sessionStart = String(Date.now() - 20 * 60 * 1000);
  const args = ['--import', 'tsx', cli, 'serve', '--port', String(TELEMETRY_PORT), '--no-record'];
  const child = spawn(
    process.execPath,
    [...args, '--cars', String(cars), '--seed', '3', '--session-start', sessionStart],
    {
      cwd: ROOT,
      stdio: 'ignore',
    },
  );
  for (let tries = 0; tries < 150; tries++) {
    const up = await fetch(`http://127.0.0.1:${TELEMETRY_PORT}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error('the reference server did not start within 30 s');
}

async function sample(page: CDPSession, browser: CDPSession, rendererPid: number): Promise<Sample> {
  const { metrics } = (await page.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  const { processInfo } = (await browser.send('SystemInfo.getProcessInfo')) as {
    processInfo: Array<{ id: number; type: string; cpuTime: number }>;
  };
  return {
    wall: performance.now() / 1000,
    task: metric('TaskDuration'),
    script: metric('ScriptDuration'),
    layout: metric('LayoutDuration'),
    style: metric('RecalcStyleDuration'),
    rendererCpu: processInfo.find((p) => p.id === rendererPid)?.cpuTime ?? NaN,
  };
}

async function heapAfterGc(page: CDPSession): Promise<number> {
  await page.send('HeapProfiler.collectGarbage');
  await page.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await page.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize;
}

/** With BENCH_PROFILE=<path prefix>, the measured window is recorded as a .cpuprofile (open it in DevTools). */
async function startProfile(cdp: CDPSession): Promise<true> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return true;
}

async function saveProfile(cdp: CDPSession, file: string): Promise<void> {
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
  fs.writeFileSync(file, JSON.stringify(profile));
  console.log(`CPU profile written to ${file}`);
}

async function measure(cars: number, previewUrl: string, windowS: number): Promise<Outcome> {
  const telemetry = await startTelemetry(cars);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1250 } });
    const cdp = await page.context().newCDPSession(page);
    const browserCdp = await browser.newBrowserCDPSession();
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.goto(`${previewUrl}${DASHBOARD}`);
    await page
      .getByTestId('preview-panel-1')
      .and(page.locator('[data-state="Streaming"]'))
      .waitFor({ timeout: 30_000 });
    await page.waitForTimeout(windowS * 1000); // the live buffer fills: steady state from here
    const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as {
      processInfo: Array<{ id: number; type: string; cpuTime: number }>;
    };
    // Chromium keeps spare renderers; the page's is the one that has worked by far the most.
    const rendererPid = processInfo
      .filter((p) => p.type === 'renderer')
      .reduce((busiest, p) => (p.cpuTime > busiest.cpuTime ? p : busiest)).id;
    const heapStart = await heapAfterGc(cdp);
    const profiling = process.env.BENCH_PROFILE ? await startProfile(cdp) : undefined;
    const start = await sample(cdp, browserCdp, rendererPid);
    if (process.env.BENCH_TRACE) {
      // BENCH_TRACE=<path prefix>: ten seconds of the measured window as a Chromium trace (open it in DevTools).
      const file = `${process.env.BENCH_TRACE}-${cars}-cars.json`;
      await browser.startTracing(page, { path: file, categories: ['devtools.timeline', 'blink', 'cc', 'gpu'] });
      await page.waitForTimeout(10_000);
      await browser.stopTracing();
      console.log(`Trace written to ${file}`);
      await page.waitForTimeout(2 * windowS * 1000 - 10_000);
    } else {
      await page.waitForTimeout(2 * windowS * 1000);
    }
    const end = await sample(cdp, browserCdp, rendererPid);
    if (profiling) await saveProfile(cdp, `${process.env.BENCH_PROFILE}-${cars}-cars.cpuprofile`);
    const heapEnd = await heapAfterGc(cdp);
    const wall = end.wall - start.wall;
    return {
      cars,
      cpu: (end.task - start.task) / wall,
      script: (end.script - start.script) / wall,
      layout: (end.layout - start.layout) / wall,
      style: (end.style - start.style) / wall,
      rendererCpu: (end.rendererCpu - start.rendererCpu) / wall,
      heapStart,
      heapEnd,
    };
  } finally {
    await browser.close();
    telemetry.kill();
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const perSecond = (value: number) => `${value.toFixed(3)} CPU-s/s`;

function rows(
  { cars, cpu, script, layout, style, rendererCpu, heapStart, heapEnd }: Outcome,
  windowS: number,
): BenchRow[] {
  const growth = heapEnd / heapStart - 1;
  const gated = cars >= 20;
  return [
    {
      what: `${cars} cars: page main-thread CPU (TaskDuration)`,
      figure: perSecond(cpu),
      peer: `script ${script.toFixed(3)}, layout ${layout.toFixed(3)}, style ${style.toFixed(3)}`,
      target: gated ? `≤ ${CPU_TARGET}` : undefined,
      pass: gated ? cpu <= CPU_TARGET : undefined,
    },
    {
      what: `${cars} cars: renderer process CPU, all threads`,
      figure: Number.isFinite(rendererCpu) ? perSecond(rendererCpu) : 'n/a',
      peer: `main thread ${perSecond(cpu)}`,
      ratio: Number.isFinite(rendererCpu) && cpu > 0 ? `${(rendererCpu / cpu).toFixed(1)}×` : undefined,
    },
    {
      what: `${cars} cars: JS heap after GC over ${2 * windowS} s`,
      figure: `${mb(heapStart)} → ${mb(heapEnd)} (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%)`,
      target: `≤ +${HEAP_GROWTH_TARGET * 100}%`,
      pass: growth <= HEAP_GROWTH_TARGET,
    },
  ];
}

export async function runPreviewLiveBench(): Promise<void> {
  requireBuilt();
  // Loaded at run time, not bundled: the preview server reads its files relative to its own source.
  const previewApp = pathToFileURL(path.join(ROOT, 'preview', 'server', 'app.ts')).href;
  const { createPreviewServer } = (await import(previewApp)) as typeof import('../preview/server/app');
  const server = createPreviewServer({
    telemetryUrl: `ws://127.0.0.1:${TELEMETRY_PORT}`,
    build: 'main',
    fixtures: false,
    // What this bench has always measured: the browser's own WebSocket (preview-backend compares the two modes).
    datasourceMode: 'browser',
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const previewUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const outcomes: Outcome[] = [];
    // BENCH_CARS=20 measures one size only, for quicker profiling runs.
    const sizes = process.env.BENCH_CARS ? [Number(process.env.BENCH_CARS)] : [6, 20];
    const windowS = dashboardWindowS();
    for (const cars of sizes) outcomes.push(await measure(cars, previewUrl, windowS));
    printTable(
      `Live session dashboard in headless Chromium (preview host, its range: last ${windowS} s, 100 Hz; ` +
        `one window of warm-up, then ${2 * windowS} s measured)`,
      outcomes.flatMap((outcome) => rows(outcome, windowS)),
    );
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
