/** The one-line readout of the values under the chart's cursor. */
import type { ChartModel } from '../chart/types';
import { formatDeltaSeconds, formatMetres } from './format';

/** "1234 m · Lap 7 +0.123 s · Speed 201 km/h / 199 km/h …" at grid index `idx`; a dash where a lap has no value. */
export function readoutText(model: ChartModel, idx: number): string {
  const { distance, deltas, channels } = model;
  const parts = [formatMetres(distance[idx])];
  for (const d of deltas) parts.push(`${d.label} ${valueText(d.values[idx], formatDeltaSeconds)}`);
  for (const c of channels)
    parts.push(`${c.label} ${c.series.map((s) => valueText(s.values[idx], c.format)).join(' / ')}`);
  return parts.join(' · ');
}

function valueText(v: number | null, format: (v: number) => string): string {
  return v !== null && Number.isFinite(v) ? format(v) : '–';
}
