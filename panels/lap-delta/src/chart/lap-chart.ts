/**
 * The lap chart: the delta Δt(s) on top, channel traces stacked below, one uPlot per row sharing the lap-distance
 * axis, one cursor and one zoom. Framework-free, so the benchmark can load it into a bare page.
 */
import uPlot from 'uplot';

import { readoutText } from '../model/readout';
import { plotOptions, type RowHooks } from './plot-options';
import { rowHeights, shapeOf } from './rows';
import type { ChartModel, ChartOptions } from './types';
import { injectUplotCss } from './uplot-css';

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
  private readonly hooks: RowHooks = {
    model: () => this.model,
    setScale: (u, key) => this.shareZoom(u, key),
    setCursor: (u) => this.cursorMoved(u),
  };

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
          new uPlot(
            plotOptions(
              { row, width: this.width, height, bottom: row === heights.length - 1 },
              this.options,
              this.hooks,
            ),
            this.rowData(row),
            this.host,
          ),
      );
    } finally {
      this.zooming = false;
    }
    if (this.zoomed) this.zoom(this.zoomed.min, this.zoomed.max);
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
    if (readout) readout.textContent = shown && idx !== null ? readoutText(this.model, idx) : '';
  }
}
