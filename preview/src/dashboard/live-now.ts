/**
 * Live mode (the dashboard's `liveNow`): while a panel's data is streaming, its relative time range slides with the
 * clock without a new query, as Grafana's live timer does. The tick is one pixel of the panel's time axis rounded up
 * to a whole number of 100 ms beats, at most 5 min (Grafana's `getLiveTimerInterval`), and one clock per dashboard
 * drives every panel's ticks.
 */
import { dateMath, dateTime, type TimeRange } from '@grafana/data';
import { useEffect, useMemo, useRef, useState } from 'react';

const MIN_TICK_MS = 100;
const MAX_TICK_MS = 5 * 60 * 1000;

export function liveTickMs(range: TimeRange, widthPx: number): number {
  const perPixel = (range.to.valueOf() - range.from.valueOf()) / Math.max(widthPx, 1);
  return Math.min(MAX_TICK_MS, Math.max(MIN_TICK_MS, Math.ceil(perPixel / MIN_TICK_MS) * MIN_TICK_MS));
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

interface LivePanel {
  tickMs: number;
  last: number;
  onTick: () => void;
}

/**
 * One interval for the whole dashboard, as Grafana's (Scenes' LiveNowTimer, and the LiveTimer before it): each beat
 * visits every live panel and ticks those whose interval has passed, all in one task. React then renders the panels
 * due in one batch and the page paints them in one frame; a timer per panel would fire at as many phases, each its own
 * render and frame.
 */
export class LiveClock {
  private readonly panels = new Set<LivePanel>();
  private timer?: ReturnType<typeof setInterval>;

  constructor(private readonly beatMs = MIN_TICK_MS) {}

  /** Calls `onTick` about every `tickMs` (rounded to beats) until the returned function is called. */
  subscribe(tickMs: number, onTick: () => void): () => void {
    const panel = { tickMs, last: performance.now(), onTick };
    this.panels.add(panel);
    this.timer ??= setInterval(this.beat, this.beatMs);
    return () => {
      this.panels.delete(panel);
      if (this.panels.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  private readonly beat = () => {
    const now = performance.now();
    // Half a beat of slack: a timer fires a little late or early, and a 100 ms tick must not become 200 ms.
    for (const panel of this.panels) {
      if (now - panel.last < panel.tickMs - this.beatMs / 2) continue;
      panel.last = now;
      panel.onTick();
    }
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
  clock: LiveClock,
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
    return clock.subscribe(tickMs, () => {
      // Data arrives about once a tick, never exactly on it: a tick renders only when data has missed one.
      if (performance.now() - lastSlide.current >= 1.5 * tickMs) setTick((n) => n + 1);
    });
  }, [clock, live, tickMs]);
  // `tick` and `data` are not read, they are the reasons to slide again: new data, or a tick without data.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const range = useMemo(() => (live ? slide(fallback, timezone) : fallback), [live, fallback, timezone, tick, data]);
  useEffect(() => {
    lastSlide.current = performance.now();
  }, [range]);
  return range;
}
