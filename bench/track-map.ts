/**
 * The track map's rendering in headless Chromium, against OpenLayers (the engine of Grafana's Geomap) in the same
 * page and run: first render of a 100k-point coloured lap, re-render after a zoom, and a live frame of 20 cars
 * with 300-point trails. Each figure is the median of 30 runs, timed until getImageData(0, 0, 1, 1) returns, at
 * 1200×800 and device pixel ratios 1 and 2. Targets are at ratio 1.
 */
import { chromium, type Page } from '@playwright/test';
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

import { chromiumPath } from '../scripts/lib/chromium.cjs';
import { ROOT } from './root';
import { printTable, type BenchRow } from './table';

const RUNS = 30;
const WARM_UP = 5;
const TARGET_FIRST_MS = 3;
const TARGET_FIRST_VS_GEOMAP = 8;
const TARGET_ZOOM_MS = 4;
const TARGET_LIVE_MS = 2.5;

type Runner = 'oursFirst' | 'oursDraw' | 'oursZoom' | 'oursLive' | 'olFirst' | 'olZoom';

function olVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'ol', 'package.json'), 'utf8')).version;
}

async function pageScript(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'bench', 'track-map-page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    write: false,
    alias: { '@eracing/telemetry-core': path.join(ROOT, 'packages', 'telemetry-core', 'src') },
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/** The median of RUNS timed calls, after a warm-up. */
async function median(page: Page, runner: Runner, args: unknown[]): Promise<number> {
  const times = await page.evaluate(
    ({ runner, args, runs, warmUp }) => {
      const bench = (window as unknown as { trackMapBench: Record<string, (...a: unknown[]) => number> }).trackMapBench;
      for (let i = 0; i < warmUp; i++) bench[runner](...args);
      return Array.from({ length: runs }, () => bench[runner](...args));
    },
    { runner, args, runs: RUNS, warmUp: WARM_UP },
  );
  times.sort((a, b) => a - b);
  return (times[(RUNS - 1) >> 1] + times[RUNS >> 1]) / 2;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
const times = (value: number) => `${value.toFixed(1)}×`;

interface Figures {
  first: number;
  draw: number;
  zoom: number;
  live: number;
  geomapFirst: number;
  bucketsFirst: number;
  geomapZoom: number;
  bucketsZoom: number;
}

async function measure(page: Page, dpr: number): Promise<Figures> {
  return {
    first: await median(page, 'oursFirst', [dpr]),
    draw: await median(page, 'oursDraw', [dpr]),
    zoom: await median(page, 'oursZoom', [dpr]),
    live: await median(page, 'oursLive', [dpr]),
    geomapFirst: await median(page, 'olFirst', ['geomap', dpr]),
    bucketsFirst: await median(page, 'olFirst', ['buckets', dpr]),
    geomapZoom: await median(page, 'olZoom', ['geomap', dpr]),
    bucketsZoom: await median(page, 'olZoom', ['buckets', dpr]),
  };
}

function rows(f: Figures, dpr: number): BenchRow[] {
  const gated = dpr === 1;
  const at = `DPR ${dpr}`;
  const vs = (ours: number, geomap: number, buckets: number) => `Geomap's way ${ms(geomap)}; OL buckets ${ms(buckets)}`;
  const ratio = (ours: number, geomap: number, buckets: number) =>
    `${times(geomap / ours)} vs Geomap, ${times(buckets / ours)} vs OL buckets`;
  return [
    {
      what: `${at}: first render, 100k-point coloured lap (data prepared once per data change)`,
      figure: ms(f.draw),
      peer: vs(f.draw, f.geomapFirst, f.bucketsFirst),
      ratio: ratio(f.draw, f.geomapFirst, f.bucketsFirst),
      target: gated ? `≤ ${TARGET_FIRST_MS} ms and ≥ ${TARGET_FIRST_VS_GEOMAP}× Geomap` : undefined,
      pass: gated ? f.draw <= TARGET_FIRST_MS && f.geomapFirst / f.draw >= TARGET_FIRST_VS_GEOMAP : undefined,
    },
    {
      what: `${at}: the same with the data change (clean, bucket, group runs, fit, draw)`,
      figure: ms(f.first),
      peer: vs(f.first, f.geomapFirst, f.bucketsFirst),
      ratio: ratio(f.first, f.geomapFirst, f.bucketsFirst),
    },
    {
      what: `${at}: re-render after a 4× zoom`,
      figure: ms(f.zoom),
      peer: vs(f.zoom, f.geomapZoom, f.bucketsZoom),
      ratio: ratio(f.zoom, f.geomapZoom, f.bucketsZoom),
      target: gated ? `≤ ${TARGET_ZOOM_MS} ms` : undefined,
      pass: gated ? f.zoom <= TARGET_ZOOM_MS : undefined,
    },
    {
      what: `${at}: live frame, 20 cars × 300-point trails + markers`,
      figure: ms(f.live),
      target: gated ? `≤ ${TARGET_LIVE_MS} ms` : undefined,
      pass: gated ? f.live <= TARGET_LIVE_MS : undefined,
    },
  ];
}

export async function runTrackMapBench(): Promise<void> {
  const script = await pageScript();
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const all: BenchRow[] = [];
    for (const dpr of [1, 2]) {
      const page = await browser.newPage({ viewport: { width: 1300, height: 900 }, deviceScaleFactor: dpr });
      await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
      await page.addScriptTag({ content: script });
      all.push(...rows(await measure(page, dpr), dpr));
      await page.close();
    }
    printTable(
      `Track map rendering in headless Chromium (software rendering, 1200×800, median of ${RUNS}; OpenLayers ` +
        `${olVersion()} in the same page)`,
      all,
    );
  } finally {
    await browser.close();
  }
}
