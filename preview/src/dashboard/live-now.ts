/**
 * Live mode (the dashboard's `liveNow`): while a panel's data is streaming, its relative time range slides with the
 * clock without a new query, as Grafana's LiveTimer does. The tick is one pixel of the widest panel's time axis,
 * bounded to 100 ms – 1 s.
 */
import { dateMath, dateTime, type TimeRange } from '@grafana/data';
import { useEffect, useState } from 'react';

const MIN_TICK_MS = 100;
const MAX_TICK_MS = 5 * 60 * 1000;

export function liveTickMs(range: TimeRange, widthPx: number): number {
  const perPixel = (range.to.valueOf() - range.from.valueOf()) / Math.max(widthPx, 1);
  return Math.min(MAX_TICK_MS, Math.max(MIN_TICK_MS, perPixel));
}

/** The range re-evaluated now; absolute ranges stay as they are. */
export function slide(range: TimeRange, timezone: string): TimeRange {
  const { from, to } = range.raw;
  if (typeof from !== 'string' || typeof to !== 'string') return range;
  const zone = timezone === 'utc' ? 'utc' : undefined;
  const now = dateTime();
  return {
    raw: range.raw,
    from: dateMath.parse(from, false, zone, undefined) ?? now,
    to: dateMath.parse(to, true, zone, undefined) ?? now,
  };
}

/** The live range for a streaming panel, or `fallback` for any other. */
export function useLiveRange(enabled: boolean, fallback: TimeRange, timezone: string, widthPx: number): TimeRange {
  const [range, setRange] = useState(fallback);
  useEffect(() => {
    setRange(fallback);
    if (!enabled || typeof fallback.raw.to !== 'string' || !fallback.raw.to.startsWith('now')) return;
    const timer = setInterval(() => setRange(slide(fallback, timezone)), liveTickMs(fallback, widthPx));
    return () => clearInterval(timer);
  }, [enabled, fallback, timezone, widthPx]);
  return enabled ? range : fallback;
}
