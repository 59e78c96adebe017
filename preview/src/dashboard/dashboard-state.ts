import { dateTime, rangeUtil, type RawTimeRange, type TimeRange } from '@grafana/data';
import { useCallback, useEffect, useMemo, useState } from 'react';

import type { DashboardModel } from './model';

/** `from`/`to` from the URL, as Grafana writes them: relative expressions or epoch milliseconds. */
function rawFromUrl(value: string | null): string | ReturnType<typeof dateTime> | undefined {
  if (!value) return undefined;
  return /^\d+$/.test(value) ? dateTime(Number(value)) : value;
}

export function rawRange(dashboard: DashboardModel, search: URLSearchParams): RawTimeRange {
  return {
    from: rawFromUrl(search.get('from')) ?? dashboard.time?.from ?? 'now-6h',
    to: rawFromUrl(search.get('to')) ?? dashboard.time?.to ?? 'now',
  };
}

export function evaluate(raw: RawTimeRange, timezone: string): TimeRange {
  return rangeUtil.convertRawToRange(raw, timezone === 'utc' ? 'utc' : undefined);
}

/**
 * The dashboard's time range, evaluated afresh on each refresh and each change of `runKey` (the variables), so that
 * `now` moves on: Grafana evaluates the range again for every run of the queries. A range evaluated at page load
 * and sent again after a variable change ends seconds in the past, which a backend takes for a past range.
 */
export function useTimeRange(raw: RawTimeRange, timezone: string, runKey = '') {
  const key = `${String(raw.from.valueOf())}|${String(raw.to.valueOf())}|${timezone}`;
  const [refreshes, setRefreshes] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for raw and timezone
  const range = useMemo(() => evaluate(raw, timezone), [key, refreshes, runKey]);
  const refresh = useCallback(() => setRefreshes((n) => n + 1), []);
  return { range, refresh };
}

/** Runs `onTick` every `interval` (a Grafana interval such as `5s`); none for '' or an unknown interval. */
export function useAutoRefresh(interval: string | undefined, onTick: () => void) {
  useEffect(() => {
    if (!interval || !rangeUtil.isValidTimeSpan(interval)) return;
    const timer = setInterval(onTick, rangeUtil.intervalToMs(interval));
    return () => clearInterval(timer);
  }, [interval, onTick]);
}

/** Half a range earlier or later, or twice as wide, as Grafana's time picker buttons do. */
export function shiftRange(range: TimeRange, direction: -1 | 0 | 1): { from: string; to: string } {
  const from = range.from.valueOf();
  const to = range.to.valueOf();
  const span = to - from;
  if (direction === 0) return { from: String(Math.round(from - span / 2)), to: String(Math.round(to + span / 2)) };
  const step = (span / 2) * direction;
  return { from: String(Math.round(from + step)), to: String(Math.round(to + step)) };
}
