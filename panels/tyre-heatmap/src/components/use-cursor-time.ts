import { readCursor } from '@eracing/panel-kit/cursor';
import { DataHoverClearEvent, DataHoverEvent, type PanelProps } from '@grafana/data';
import { useEffect, useState } from 'react';

/** The time of the shared cursor while another panel is hovered; undefined otherwise (live). */
export function useCursorTime(eventBus: PanelProps['eventBus'] | undefined): number | undefined {
  const [time, setTime] = useState<number>();
  useEffect(() => {
    if (!eventBus) return;
    const hover = eventBus.getStream(DataHoverEvent).subscribe((event) => {
      if (event.origin === eventBus) return;
      const cursor = readCursor(event.payload);
      if (cursor) setTime(cursor.time);
    });
    const clear = eventBus.getStream(DataHoverClearEvent).subscribe(() => setTime(undefined));
    return () => {
      hover.unsubscribe();
      clear.unsubscribe();
    };
  }, [eventBus]);
  return time;
}
