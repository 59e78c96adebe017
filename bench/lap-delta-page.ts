/**
 * Loaded into headless Chromium by the lap-delta benchmark: the panel's chart module and bare uPlot, each drawing
 * the same 5 laps × 4 channels (plus the delta row) on a 1 m grid of a 3.5 km lap, timed to the end of the draw.
 */
import uPlot from 'uplot';

import { LapChart } from '../panels/lap-delta/src/chart/lap-chart';
import { rowHeights } from '../panels/lap-delta/src/chart/rows';
import type { ChartModel } from '../panels/lap-delta/src/chart/types';
import { injectUplotCss } from '../panels/lap-delta/src/chart/uplot-css';

const WIDTH = 1100;
const HEIGHT = 800;
const POINTS = 3500;
const LAPS = 5;
const CHANNELS = ['speed', 'throttle', 'brake', 'steering'];
const COLOURS = ['#73BF69', '#F2CC0C', '#8AB8FF', '#FF780A', '#B877D9'];

function model(): ChartModel {
  const distance = Float64Array.from({ length: POINTS }, (_, i) => i);
  const wave = (lap: number, channel: number) =>
    Float64Array.from(distance, (s) => 50 + 40 * Math.sin((s / 180) * (1 + channel / 5) + lap / 3) + lap);
  const deltas = Array.from({ length: LAPS - 1 }, (_, k) => ({
    label: `Lap ${k + 2}`,
    color: COLOURS[k],
    values: Float64Array.from(distance, (s) => 0.3 * Math.sin(s / 400 + k) + (s / POINTS) * (k - 1) * 0.2),
  }));
  return {
    distance,
    deltas,
    channels: CHANNELS.map((name, c) => ({
      name,
      label: name,
      format: (v: number) => v.toFixed(0),
      series: Array.from({ length: LAPS }, (_, k) => ({
        label: `Lap ${k + 1}`,
        color: COLOURS[k],
        values: wave(k, c),
        dash: k === 0 ? [6, 4] : undefined,
      })),
    })),
    sectors: [1200, 2300],
    zones: [
      { start: 400, end: 600 },
      { start: 2000, end: 2150 },
    ],
  };
}

const data = model();
const style = {
  text: '#ccccdc',
  grid: 'rgba(204, 204, 220, 0.12)',
  gain: 'rgba(115, 191, 105, 0.35)',
  loss: 'rgba(242, 73, 92, 0.35)',
  sector: 'rgba(204, 204, 220, 0.4)',
  zone: 'rgba(242, 73, 92, 0.08)',
  font: 'Inter, sans-serif',
};
let instance = 0;

/** Waits for uPlot's batched commit (a microtask) so the canvases are drawn. */
const drawn = () => new Promise<void>((resolve) => queueMicrotask(resolve));

async function ours(root: HTMLElement): Promise<() => void> {
  const chart = new LapChart(root, data, { width: WIDTH, height: HEIGHT, style, syncKey: `ours-${++instance}` });
  await drawn();
  return () => chart.destroy();
}

/** The same rows as plain uPlot charts: the same series, sizes and axes, no hooks, fills, sync or marks. */
async function bare(root: HTMLElement): Promise<() => void> {
  const heights = rowHeights(HEIGHT, data.channels.length);
  const rows = [data.deltas, ...data.channels.map((c) => c.series)];
  const plots = rows.map(
    (series, r) =>
      new uPlot(
        {
          width: WIDTH,
          height: heights[r],
          legend: { show: false },
          scales: { x: { time: false } },
          series: [{}, ...series.map((s) => ({ stroke: s.color, dash: s.dash, points: { show: false } }))],
        },
        [data.distance as unknown as number[], ...series.map((s) => s.values as unknown as number[])],
        root,
      ),
  );
  await drawn();
  return () => plots.forEach((p) => p.destroy());
}

async function time(render: (root: HTMLElement) => Promise<() => void>): Promise<number> {
  const root = document.createElement('div');
  document.body.appendChild(root);
  const start = performance.now();
  const destroy = await render(root);
  const elapsed = performance.now() - start;
  destroy();
  root.remove();
  return elapsed;
}

/** Median first-render time of each, ms, alternating runs so both see the same machine state. */
async function run(runs: number): Promise<{ ours: number; bare: number }> {
  injectUplotCss();
  const times = { ours: [] as number[], bare: [] as number[] };
  for (let i = 0; i < 3; i++) {
    await time(ours);
    await time(bare);
  }
  for (let i = 0; i < runs; i++) {
    times.ours.push(await time(ours));
    times.bare.push(await time(bare));
  }
  const median = (list: number[]) => list.sort((a, b) => a - b)[list.length >> 1];
  return { ours: median(times.ours), bare: median(times.bare) };
}

(window as unknown as { lapDeltaBench: typeof run }).lapDeltaBench = run;
