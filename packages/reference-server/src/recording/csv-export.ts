/**
 * Writes a time range of a session as CSV: `time` (epoch ms), `car`, then one column per channel in its canonical unit,
 * one row per car and sample, in time order. Values are written with digits enough to read back to the same float32
 * (float64 for f64 channels), and a missing value as an empty field, so `import` reads the file back exactly
 * and without a mapping.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { ChannelColumn, SampleBatch } from '@eracing/telemetry-core/protocol';
import type { SessionSource } from '../source';

export interface CsvExportOptions {
  from: number;
  to: number;
  /** Default: every car. */
  cars?: readonly string[];
  /** Default: every channel. */
  channels?: readonly string[];
  /** Length of the ranges read from the source at a time, ms. Default 10 s. */
  chunkMs?: number;
}

export async function exportCsv(
  source: SessionSource,
  out: Writable,
  options: CsvExportOptions,
): Promise<{ rows: number }> {
  const cars = options.cars ?? source.cars.map((c) => c.id);
  const known = new Set(source.channels.map((c) => c.name));
  const channels = options.channels ?? source.channels.map((c) => c.name);
  const unknown = channels.filter((c) => !known.has(c));
  if (unknown.length) throw new Error(`session ${source.summary.id} has no channel ${unknown.join(', ')}`);
  const chunkMs = options.chunkMs ?? 10_000;
  let rows = 0;
  await write(out, ['time', 'car', ...channels].map(quote).join(',') + '\n');
  for (let from = options.from; from < options.to; from += chunkMs) {
    const batch = source.range(from, Math.min(from + chunkMs, options.to), cars);
    const text = formatRows(batch, channels);
    rows += batch.time.length;
    if (text) await write(out, text);
  }
  return { rows };
}

/** The batch's rows in time order (cars in batch order at equal times), as CSV lines. */
function formatRows(batch: SampleBatch, channels: readonly string[]): string {
  const columns = channels.map((name) => batch.channels[name]);
  const next = batch.cars.map((run) => run.start);
  const lines: string[] = [];
  const fields: string[] = new Array(channels.length + 2);
  while (true) {
    let pick = -1;
    for (let r = 0; r < batch.cars.length; r++) {
      const run = batch.cars[r];
      if (next[r] >= run.start + run.length) continue;
      if (pick < 0 || batch.time[next[r]] < batch.time[next[pick]]) pick = r;
    }
    if (pick < 0) return lines.length ? lines.join('\n') + '\n' : '';
    const i = next[pick]++;
    fields[0] = String(batch.time[i]);
    fields[1] = quote(batch.cars[pick].car);
    for (let k = 0; k < columns.length; k++) fields[k + 2] = formatValue(columns[k], i);
    lines.push(fields.join(','));
  }
}

function formatValue(column: ChannelColumn | undefined, i: number): string {
  if (!column) return '';
  const v = column[i];
  if (Number.isNaN(v)) return '';
  if (column instanceof Float64Array || Number.isInteger(v) || !Number.isFinite(v)) return String(v);
  // Seven significant digits when they read back to the same float32 (most sensor values), else nine (always do).
  const seven = Number(v.toPrecision(7));
  return String(Math.fround(seven) === v ? seven : Number(v.toPrecision(9)));
}

function quote(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}
