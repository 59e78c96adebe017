import { cursorPayload, readCursor, type TelemetryCursor } from '@eracing/panel-kit/cursor';
import { firstAtOrAfter } from '@eracing/telemetry-core/channels';
import { DataHoverClearEvent, DataHoverEvent, type EventBus } from '@grafana/data';
import { useTheme2 } from '@grafana/ui';
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef } from 'react';

import { LapChart } from '../chart/lap-chart';
import type { LapDeltaView } from '../data/lap-view';
import { chartModel, chartStyle } from './chart-model';

export interface LapChartHandle {
  zoom(from: number, to: number): void;
  resetZoom(): void;
}

interface Props {
  view: LapDeltaView;
  width: number;
  height: number;
  eventBus: EventBus;
  syncKey: string;
  readout: HTMLElement | null;
}

/** The uPlot rows of the panel: created once, fed new data with setData, destroyed on unmount. */
export const LapChartView = forwardRef<LapChartHandle, Props>(function LapChartView(
  { view, width, height, eventBus, syncKey, readout },
  ref,
) {
  const theme = useTheme2();
  const root = useRef<HTMLDivElement>(null);
  const chart = useRef<LapChart | null>(null);
  const model = useMemo(() => chartModel(view, theme), [view, theme]);
  const viewRef = useRef(view);
  viewRef.current = view;

  useImperativeHandle(ref, () => ({
    zoom: (from, to) => chart.current?.zoom(from, to),
    resetZoom: () => chart.current?.resetZoom(),
  }));

  useEffect(() => {
    const created = new LapChart(root.current!, model, {
      width,
      height,
      style: chartStyle(theme),
      syncKey,
      readout: readout ?? undefined,
      onCursor: (distance) => {
        const cursor = distance === null ? undefined : cursorAt(viewRef.current, distance);
        eventBus.publish(cursor ? new DataHoverEvent(cursorPayload(cursor)) : new DataHoverClearEvent());
      },
    });
    chart.current = created;
    return () => {
      created.destroy();
      chart.current = null;
    };
    // The chart is built once per theme and bus; data and size arrive through update and resize.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [theme, eventBus, syncKey, readout]);

  useEffect(() => chart.current?.update(model), [model]);
  useEffect(() => chart.current?.resize(width, height), [width, height]);

  // Other panels' cursor, by lap distance or by time, moves ours.
  useEffect(() => {
    const hovers = eventBus.getStream(DataHoverEvent).subscribe((event) => {
      if (event.origin === eventBus) return;
      const cursor = readCursor(event.payload);
      chart.current?.setCursorDistance(cursor ? (distanceOf(viewRef.current, cursor) ?? null) : null);
    });
    const clears = eventBus.getStream(DataHoverClearEvent).subscribe((event) => {
      if (event.origin !== eventBus) chart.current?.setCursorDistance(null);
    });
    return () => {
      hovers.unsubscribe();
      clears.unsubscribe();
    };
  }, [eventBus]);

  return <div ref={root} style={{ width, height }} />;
});

/** The shared cursor at a reference lap distance: on the first compared lap, at its matching point. */
export function cursorAt(view: LapDeltaView, distance: number): TelemetryCursor | undefined {
  const { comparison } = view;
  const grid = comparison.distance;
  if (grid.length < 2 || !Number.isFinite(distance)) return undefined;
  const step = grid[1] - grid[0];
  const i = Math.min(grid.length - 1, Math.max(0, Math.round(distance / step)));
  const lap = view.laps[0];
  const elapsed = comparison.laps[0].time[i];
  if (!Number.isFinite(elapsed)) return undefined;
  return {
    time: lap.startTime + elapsed * 1000,
    car: lap.car,
    lap: lap.lap,
    lapDistance: grid[i] * comparison.laps[0].scale,
  };
}

/** Where another panel's cursor falls on the reference lap distance: by car, lap and lap distance, else by time. */
export function distanceOf(view: LapDeltaView, cursor: TelemetryCursor): number | undefined {
  const laps = [view.reference, ...view.laps];
  const scaleOf = (k: number) => (k === 0 ? 1 : view.comparison.laps[k - 1].scale);
  if (cursor.lapDistance !== undefined) {
    const k = laps.findIndex((l) => l.car === cursor.car && l.lap === cursor.lap);
    return cursor.lapDistance / (k >= 0 ? scaleOf(k) : 1);
  }
  for (let k = 0; k < laps.length; k++) {
    const lap = laps[k];
    const elapsed = (cursor.time - lap.startTime) / 1000;
    const duration = lap.lapTime ?? lap.trace.time[lap.trace.time.length - 1];
    if (!(elapsed >= 0 && elapsed <= duration) || (cursor.car !== undefined && cursor.car !== lap.car)) continue;
    const times = k === 0 ? view.comparison.referenceTime : view.comparison.laps[k - 1].time;
    return distanceAtTime(view.comparison.distance, times, elapsed);
  }
  return undefined;
}

/** The grid distance where an ascending time column reaches `t`, interpolated. */
function distanceAtTime(distance: Float64Array, time: Float64Array, t: number): number | undefined {
  const lo = firstAtOrAfter(time, t, 0, time.length - 1);
  if (lo === 0) return distance[0];
  const f = (t - time[lo - 1]) / (time[lo] - time[lo - 1]);
  return Number.isFinite(f) ? distance[lo - 1] + f * (distance[lo] - distance[lo - 1]) : distance[lo];
}
