import { cursorPayload, readCursor } from '@eracing/panel-kit/cursor';
import { DataHoverClearEvent, DataHoverEvent, type EventBus } from '@grafana/data';
import { useTheme2 } from '@grafana/ui';
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef } from 'react';

import { LapChart } from '../chart/lap-chart';
import { cursorAt, distanceOf } from '../model/cursor';
import type { LapDeltaView } from '../model/types';
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
