/**
 * Live mode (the dashboard's `liveNow`): while a panel's data is streaming, its relative time range slides with the
 * clock without a new query, as Grafana's LiveTimer does. The tick is one pixel of the widest panel's time axis,
 * bounded to 100 ms – 1 s.
 */
import { dateMath, dateTime, type TimeRange } from '@grafana/data';
import { useEffect, useMemo, useRef, useState } from 'react';

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

const isRelativeToNow = (range: TimeRange) => typeof range.raw.to === 'string' && range.raw.to.startsWith('now');

/**
 * The live range for a streaming panel, or `fallback` for any other. New data (`data` changes) slides the range at
 * once; a tick slides it only when no data has done so for a whole tick. Grafana likewise skips a live tick when the
 * panel's data is less than a tick old ("Skip tick render"), so a panel fed at the tick rate renders once per tick,
 * not twice.
 */
export function useLiveRange(
  enabled: boolean,
  fallback: TimeRange,
  timezone: string,
  widthPx: number,
  data?: unknown,
): TimeRange {
  const [tick, setTick] = useState(0);
  const lastSlide = useRef(0);
  const live = enabled && isRelativeToNow(fallback);
  const tickMs = liveTickMs(fallback, widthPx);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => {
      // Data arrives about once a tick, never exactly on it: a tick renders only when data has missed one.
      if (performance.now() - lastSlide.current >= 1.5 * tickMs) setTick((n) => n + 1);
    }, tickMs);
    return () => clearInterval(timer);
  }, [live, tickMs]);
  // `tick` and `data` are not read, they are the reasons to slide again: new data, or a tick without data.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const range = useMemo(() => (live ? slide(fallback, timezone) : fallback), [live, fallback, timezone, tick, data]);
  useEffect(() => {
    lastSlide.current = performance.now();
  }, [range]);
  return range;
}
