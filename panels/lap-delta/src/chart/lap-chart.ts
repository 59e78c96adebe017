/**
 * The lap chart: the delta Δt(s) on top, channel traces stacked below, one uPlot per row sharing the lap-distance
 * axis, one cursor and one zoom. Framework-free, so the benchmark can load it into a bare page.
 */
import { formatTimeDelta } from '@eracing/telemetry-core/laps';
import uPlot from 'uplot';

import { AXIS_FONT_PX, rowPadding } from './row-padding';
import { injectUplotCss } from './uplot-css';

export interface TraceSeries {
  label: string;
  color: string;
  /** One value per distance; null where there is none (uPlot draws a gap only for null, not for NaN). */
  values: ArrayLike<number | null>;
  dash?: number[];
}

export interface ChannelPlot {
  name: string;
  label: string;
  /** Axis and readout text of a value (unit included). */
  format: (value: number) => string;
  series: TraceSeries[];
  min?: number;
  max?: number;
}

export interface ChartModel {
  /** Reference lap distance, metres, ascending: the x of every row. */
  distance: ArrayLike<number>;
  /** Δt of each compared lap, seconds; the first is shaded green where it gains and red where it loses. */
  deltas: TraceSeries[];
  channels: ChannelPlot[];
  /** Sector boundaries, metres. */
  sectors: number[];
  /** Loss zones to mark on the delta, metres. */
  zones: Array<{ start: number; end: number }>;
}

export interface ChartStyle {
  text: string;
  grid: string;
  gain: string;
  loss: string;
  sector: string;
  zone: string;
  font: string;
}

export interface ChartOptions {
  width: number;
  height: number;
  style: ChartStyle;
  /** Cursor sync key: one per panel instance. */
  syncKey: string;
  /**
   * The reference lap distance under the pointer, or null when it leaves the rows. Only for the user's moves: not for
   * {@link setCursorDistance}, nor for uPlot's redraws.
   */
  onCursor?: (distance: number | null) => void;
  /** Receives a one-line readout of the values under the cursor. */
  readout?: HTMLElement;
}

const AXIS_WIDTH = 64;
export const X_AXIS_HEIGHT = 28;
const MIN_DELTA_HEIGHT = 90;
const MIN_CHANNEL_HEIGHT = 56;

/** The rows that fit: the delta always, then as many channels as leave each at least its minimum height. */
export function rowHeights(height: number, channels: number): number[] {
  const plot = Math.max(height - X_AXIS_HEIGHT, MIN_DELTA_HEIGHT);
  let shown = channels;
  while (shown > 0 && (plot - Math.max(MIN_DELTA_HEIGHT, plot * 0.4)) / shown < MIN_CHANNEL_HEIGHT) shown--;
  if (shown === 0) return [plot + X_AXIS_HEIGHT];
  const delta = Math.max(MIN_DELTA_HEIGHT, Math.round(plot * 0.4));
  const each = Math.floor((plot - delta) / shown);
  const rows = [delta, ...Array.from({ length: shown }, () => each)];
  rows[rows.length - 1] += X_AXIS_HEIGHT;
  return rows;
}

function formatDelta(v: number): string {
  return `${formatTimeDelta(v)} s`;
}

function formatDistance(v: number): string {
  return `${Math.round(v)} m`;
}

/** Which series a model has: charts are rebuilt only when this changes, else fed new data. */
function shapeOf(model: ChartModel, heights: number[]): string {
  const series = (list: TraceSeries[]) => list.map((s) => `${s.label}|${s.color}|${s.dash ?? ''}`).join(',');
  const channels = model.channels.map((c) => `${c.name}:${c.label}:${series(c.series)}`).join(';');
  return `${heights.join(',')}#${series(model.deltas)}#${channels}`;
}

export class LapChart {
  private plots: uPlot[] = [];
  private model: ChartModel;
  private shape = '';
  private width: number;
  private height: number;
  private following = false;
  /** The pointer is over the rows: only then is a cursor move the user's, to share with other panels. */
  private pointerInside = false;
  private zooming = false;
  private zoomed: { min: number; max: number } | undefined;
  private readonly host: HTMLDivElement;

  constructor(
    private readonly root: HTMLElement,
    model: ChartModel,
    private readonly options: ChartOptions,
  ) {
    injectUplotCss(root.ownerDocument);
    this.host = root.ownerDocument.createElement('div');
    this.host.setAttribute('data-testid', 'lap-delta-chart');
    root.appendChild(this.host);
    this.host.addEventListener('mouseenter', () => (this.pointerInside = true));
    this.host.addEventListener('mouseleave', () => {
      this.pointerInside = false;
      this.options.onCursor?.(null);
    });
    this.model = model;
    this.width = options.width;
    this.height = options.height;
    this.build();
  }

  /** New data: the charts keep their canvases and only redraw, unless the series changed. */
  update(model: ChartModel): void {
    this.model = model;
    const heights = rowHeights(this.height, model.channels.length);
    if (shapeOf(model, heights) !== this.shape) {
      this.build();
      return;
    }
    // New data rescales every row (uPlot draws once per row, batched); a zoom is then put back.
    const zoomed = this.zoomed;
    this.zooming = true;
    try {
      this.plots.forEach((plot, row) => {
        plot.setData(this.rowData(row));
        if (zoomed) plot.setScale('x', zoomed);
      });
    } finally {
      this.zooming = false;
    }
  }

  resize(width: number, height: number): void {
    if (width === this.width && height === this.height) return;
    this.width = width;
    this.height = height;
    const heights = rowHeights(height, this.model.channels.length);
    if (heights.length !== this.plots.length) {
      this.build();
      return;
    }
    this.plots.forEach((plot, row) => plot.setSize({ width, height: heights[row] }));
  }

  /** Places the cursor at a reference lap distance (another panel's hover), or hides it. */
  setCursorDistance(distance: number | null): void {
    const plot = this.plots[0];
    if (!plot) return;
    this.following = true;
    try {
      const left = distance === null ? -10 : plot.valToPos(distance, 'x');
      plot.setCursor({
        left: Number.isFinite(left) ? left : -10,
        top: distance === null ? -10 : plot.bbox.height / 4 / devicePixelRatio,
      });
    } finally {
      this.following = false;
    }
  }

  /** Zooms every row to [from, to] metres. */
  zoom(from: number, to: number): void {
    this.plots[0]?.setScale('x', { min: from, max: to });
  }

  resetZoom(): void {
    const x = this.model.distance;
    this.zoomed = undefined;
    if (x.length) this.plots[0]?.setScale('x', { min: x[0], max: x[x.length - 1] });
  }

  get zoomRange(): { min: number; max: number } | undefined {
    return this.zoomed;
  }

  destroy(): void {
    this.plots.forEach((plot) => plot.destroy());
    this.plots = [];
    this.host.remove();
  }

  private rowData(row: number): uPlot.AlignedData {
    const { distance, deltas, channels } = this.model;
    const series = row === 0 ? deltas : channels[row - 1].series;
    return [distance as number[], ...series.map((s) => s.values as (number | null)[])];
  }

  private build(): void {
    this.plots.forEach((plot) => plot.destroy());
    this.host.replaceChildren();
    const heights = rowHeights(this.height, this.model.channels.length);
    this.shape = shapeOf(this.model, heights);
    // Each new plot sets its x scale once: that is not a zoom to share with the others.
    this.zooming = true;
    try {
      this.plots = heights.map(
        (height, row) =>
          new uPlot(this.plotOptions(row, height, row === heights.length - 1), this.rowData(row), this.host),
      );
    } finally {
      this.zooming = false;
    }
    if (this.zoomed) this.zoom(this.zoomed.min, this.zoomed.max);
  }

  private plotOptions(row: number, height: number, bottom: boolean): uPlot.Options {
    const { style, syncKey } = this.options;
    const isDelta = row === 0;
    const channel = isDelta ? undefined : this.model.channels[row - 1];
    const format = channel ? channel.format : formatDelta;
    const scale = isDelta ? 'delta' : channel!.name;
    const axisFont = `${AXIS_FONT_PX}px ${style.font}`;
    const traces = isDelta ? this.model.deltas : channel!.series;
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
        ...(isDelta && k === 0 ? { fill: (u: uPlot) => this.gainLossFill(u), fillTo: 0 } : {}),
      })),
    ];
    return {
      width: this.width,
      height,
      padding: rowPadding({ delta: isDelta, bottom }),
      legend: { show: false },
      cursor: {
        sync: { key: syncKey, setSeries: false, scales: ['x', null] },
        drag: { x: true, y: false, setScale: true },
        points: { show: false },
        y: false,
      },
      scales: {
        x: { time: false },
        [scale]: {
          range: (_u, min, max) => {
            if (isDelta) {
              const lo = Math.min(min, 0);
              const hi = Math.max(max, 0);
              const pad = Math.max((hi - lo) * 0.08, 0.005);
              return [lo - pad, hi + pad];
            }
            const lo = channel!.min ?? min;
            const hi = channel!.max ?? max;
            return hi > lo ? [lo, hi] : [lo - 1, hi + 1];
          },
        },
      },
      axes: [
        {
          stroke: style.text,
          font: axisFont,
          grid: { stroke: style.grid, width: 1 },
          ticks: { stroke: style.grid, width: 1, size: bottom ? 4 : 0 },
          size: bottom ? X_AXIS_HEIGHT : 0,
          values: bottom ? (_u, splits) => splits.map(formatDistance) : (_u, splits) => splits.map(() => ''),
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
        drawClear: [(u) => this.drawMarks(u, isDelta, channel?.label)],
        setScale: [(u, key) => this.shareZoom(u, key)],
        ...(isDelta ? { setCursor: [(u: uPlot) => this.cursorMoved(u)] } : {}),
      },
    };
  }

  /** Red above zero (losing), green below (gaining), switching exactly at the zero line. */
  private gainLossFill(u: uPlot): CanvasGradient | string {
    const { top, height } = u.bbox;
    if (!(height > 0)) return 'transparent';
    const zero = (u.valToPos(0, 'delta', true) - top) / height;
    const at = zero < 0 ? 0 : zero > 1 ? 1 : zero;
    const gradient = u.ctx.createLinearGradient(0, top, 0, top + height);
    gradient.addColorStop(0, this.options.style.loss);
    gradient.addColorStop(at, this.options.style.loss);
    gradient.addColorStop(at, this.options.style.gain);
    gradient.addColorStop(1, this.options.style.gain);
    return gradient;
  }

  /** Loss zones (delta row), sector boundaries and the channel's name, under the traces. */
  private drawMarks(u: uPlot, isDelta: boolean, label: string | undefined): void {
    const { ctx } = u;
    const { left, top, width, height } = u.bbox;
    const { style } = this.options;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    if (isDelta) {
      ctx.fillStyle = style.zone;
      for (const zone of this.model.zones) {
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
    this.model.sectors.forEach((boundary, k) => {
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

  private shareZoom(source: uPlot, key: string): void {
    if (key !== 'x' || this.zooming) return;
    const { min, max } = source.scales.x;
    if (min === undefined || max === undefined) return;
    const x = this.model.distance;
    const whole = x.length > 0 && min <= x[0] && max >= x[x.length - 1];
    this.zoomed = whole ? undefined : { min, max };
    this.host.dataset.zoom = this.zoomed ? `${Math.round(min)}-${Math.round(max)}` : '';
    this.zooming = true;
    try {
      for (const plot of this.plots) {
        if (plot !== source && (plot.scales.x.min !== min || plot.scales.x.max !== max))
          plot.setScale('x', { min, max });
      }
    } finally {
      this.zooming = false;
    }
  }

  private cursorMoved(u: uPlot): void {
    const left = u.cursor.left ?? -1;
    const distance = left >= 0 ? u.posToVal(left, 'x') : null;
    this.writeReadout(u.cursor.idx ?? null, left >= 0);
    // uPlot also fires this when it redraws (new data, a resize): only the user's moves are shared.
    if (!this.following && this.pointerInside) this.options.onCursor?.(distance);
  }

  private writeReadout(idx: number | null, shown: boolean): void {
    const readout = this.options.readout;
    if (!readout) return;
    if (!shown || idx === null) {
      readout.textContent = '';
      return;
    }
    const { distance, deltas, channels } = this.model;
    const parts = [formatDistance(distance[idx])];
    for (const d of deltas) parts.push(`${d.label} ${valueText(d.values[idx], formatDelta)}`);
    for (const c of channels)
      parts.push(`${c.label} ${c.series.map((s) => valueText(s.values[idx], c.format)).join(' / ')}`);
    readout.textContent = parts.join(' · ');
  }
}

function valueText(v: number | null, format: (v: number) => string): string {
  return v !== null && Number.isFinite(v) ? format(v) : '–';
}
