/** How the chart's height is shared between its rows, and what makes a model need new rows. */
import type { ChartModel, TraceSeries } from './types';

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

/** Which series a model has: charts are rebuilt only when this changes, else fed new data. */
export function shapeOf(model: ChartModel, heights: number[]): string {
  const series = (list: TraceSeries[]) => list.map((s) => `${s.label}|${s.color}|${s.dash ?? ''}`).join(',');
  const channels = model.channels.map((c) => `${c.name}:${c.label}:${series(c.series)}`).join(';');
  return `${heights.join(',')}#${series(model.deltas)}#${channels}`;
}
