/** One row's uPlot options: its series, scales and axes, the gain/loss fill and the marks drawn under the traces. */
import uPlot from 'uplot';

import { formatDeltaSeconds, formatMetres } from '../model/format';
import { AXIS_FONT_PX, rowPadding } from './row-padding';
import { X_AXIS_HEIGHT } from './rows';
import type { ChartModel, ChartOptions, ChartStyle } from './types';

const AXIS_WIDTH = 64;

export interface RowPlot {
  /** 0: the delta; then the channels. */
  row: number;
  width: number;
  height: number;
  /** The last row, with the distance axis. */
  bottom: boolean;
}

/** What the rows call back into the chart for: the model as it is now (it changes without a rebuild), and moves. */
export interface RowHooks {
  model: () => ChartModel;
  setScale: (u: uPlot, key: string) => void;
  setCursor: (u: uPlot) => void;
}

export function plotOptions(plot: RowPlot, options: ChartOptions, hooks: RowHooks): uPlot.Options {
  const { style, syncKey } = options;
  const { row, bottom } = plot;
  const model = hooks.model();
  const isDelta = row === 0;
  const channel = isDelta ? undefined : model.channels[row - 1];
  const format = channel ? channel.format : formatDeltaSeconds;
  const scale = isDelta ? 'delta' : channel!.name;
  const axisFont = `${AXIS_FONT_PX}px ${style.font}`;
  const traces = isDelta ? model.deltas : channel!.series;
  const series: uPlot.Series[] = [
    { label: 'distance' },
    ...traces.map((trace, k): uPlot.Series => ({
      label: trace.label,
      scale,
      stroke: trace.color,
      width: isDelta && k === 0 ? 1.75 : 1.25,
      dash: trace.dash,
      points: { show: false },
      spanGaps: false,
      ...(isDelta && k === 0 ? { fill: (u: uPlot) => gainLossFill(u, style), fillTo: 0 } : {}),
    })),
  ];
  const range: uPlot.Range.Function = (_u, min, max) => {
    if (isDelta) {
      const lo = Math.min(min, 0);
      const hi = Math.max(max, 0);
      const pad = Math.max((hi - lo) * 0.08, 0.005);
      return [lo - pad, hi + pad];
    }
    const lo = channel!.min ?? min;
    const hi = channel!.max ?? max;
    return hi > lo ? [lo, hi] : [lo - 1, hi + 1];
  };
  return {
    width: plot.width,
    height: plot.height,
    padding: rowPadding({ delta: isDelta, bottom }),
    legend: { show: false },
    cursor: {
      sync: { key: syncKey, setSeries: false, scales: ['x', null] },
      drag: { x: true, y: false, setScale: true },
      points: { show: false },
      y: false,
    },
    scales: { x: { time: false }, [scale]: { range } },
    axes: [
      {
        stroke: style.text,
        font: axisFont,
        grid: { stroke: style.grid, width: 1 },
        ticks: { stroke: style.grid, width: 1, size: bottom ? 4 : 0 },
        size: bottom ? X_AXIS_HEIGHT : 0,
        values: bottom ? (_u, splits) => splits.map(formatMetres) : (_u, splits) => splits.map(() => ''),
      },
      {
        scale,
        stroke: style.text,
        font: axisFont,
        size: AXIS_WIDTH,
        grid: { stroke: style.grid, width: 1 },
        ticks: { stroke: style.grid, width: 1, size: 4 },
        values: (_u, splits) => splits.map(format),
      },
    ],
    series,
    hooks: {
      drawClear: [(u) => drawMarks(u, hooks.model(), style, isDelta, channel?.label)],
      setScale: [(u, key) => hooks.setScale(u, key)],
      ...(isDelta ? { setCursor: [(u: uPlot) => hooks.setCursor(u)] } : {}),
    },
  };
}

/** Red above zero (losing), green below (gaining), switching exactly at the zero line. */
function gainLossFill(u: uPlot, style: ChartStyle): CanvasGradient | string {
  const { top, height } = u.bbox;
  if (!(height > 0)) return 'transparent';
  const zero = (u.valToPos(0, 'delta', true) - top) / height;
  const at = zero < 0 ? 0 : zero > 1 ? 1 : zero;
  const gradient = u.ctx.createLinearGradient(0, top, 0, top + height);
  gradient.addColorStop(0, style.loss);
  gradient.addColorStop(at, style.loss);
  gradient.addColorStop(at, style.gain);
  gradient.addColorStop(1, style.gain);
  return gradient;
}

/** Loss zones (delta row), sector boundaries and the channel's name, under the traces. */
function drawMarks(u: uPlot, model: ChartModel, style: ChartStyle, isDelta: boolean, label: string | undefined): void {
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  if (isDelta) {
    ctx.fillStyle = style.zone;
    for (const zone of model.zones) {
      const a = u.valToPos(zone.start, 'x', true);
      const b = u.valToPos(zone.end, 'x', true);
      ctx.fillRect(a, top, Math.max(b - a, 1), height);
    }
  }
  ctx.strokeStyle = style.sector;
  ctx.fillStyle = style.sector;
  ctx.lineWidth = devicePixelRatio;
  ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
  ctx.font = `${10 * devicePixelRatio}px ${style.font}`;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  model.sectors.forEach((boundary, k) => {
    const x = Math.round(u.valToPos(boundary, 'x', true)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    if (isDelta) ctx.fillText(`S${k + 2}`, x + 3 * devicePixelRatio, top + 2 * devicePixelRatio);
  });
  if (label) {
    ctx.fillStyle = style.text;
    ctx.fillText(label, left + 4 * devicePixelRatio, top + 2 * devicePixelRatio);
  }
  ctx.restore();
}
