import {
  CoreApp,
  DataHoverClearEvent,
  DataHoverEvent,
  type DashboardCursorSync,
  type FieldConfigSource,
} from '@grafana/data';
import type { PanelContext } from '@grafana/ui';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import type { DashboardRuntime } from './runtime';

/** Marks the panel's element with the time of the last hover another panel shared, for tests and debugging. */
function useHoverMarker(eventBus: PanelContext['eventBus'], element: HTMLElement | null) {
  useEffect(() => {
    if (!element) return;
    const hover = eventBus.getStream(DataHoverEvent).subscribe((event) => {
      if (event.origin === eventBus) return;
      element.dataset.sharedHover = String(event.payload?.point?.time ?? '');
    });
    const clear = eventBus.getStream(DataHoverClearEvent).subscribe((event) => {
      if (event.origin !== eventBus) delete element.dataset.sharedHover;
    });
    return () => {
      hover.unsubscribe();
      clear.unsubscribe();
    };
  }, [eventBus, element]);
}

/**
 * The panel's scoped event bus and the PanelContext its plugin reads, and the ref callback of the element the shared
 * hover is marked on.
 */
export function usePanelContext(dashboard: DashboardRuntime, panelId: number) {
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  // Grafana scopes each panel's bus; with graphTooltip 0 a panel hears only its own events.
  const eventBus = useMemo(
    () => dashboard.eventBus.newScopedBus(`panel:${panelId}`, { onlyLocal: dashboard.graphTooltip === 0 }),
    [dashboard.eventBus, dashboard.graphTooltip, panelId],
  );
  useHoverMarker(eventBus, element);
  const context = useMemo<PanelContext>(
    () => ({
      eventsScope: '__global_',
      eventBus,
      app: CoreApp.Dashboard,
      sync: () => dashboard.graphTooltip as unknown as DashboardCursorSync,
    }),
    [eventBus, dashboard.graphTooltip],
  );
  return { eventBus, context, setElement };
}

export interface PanelEdits {
  onOptionsChange?: (options: Record<string, unknown>) => void;
  onFieldConfigChange?: (fieldConfig: FieldConfigSource) => void;
}

/** The edit callbacks handed to the plugin, stable across renders as Grafana's are, calling the latest props. */
export function useStableEdits({ onOptionsChange, onFieldConfigChange }: PanelEdits) {
  // A panel that skips renders with unchanged props (React.memo) can.
  const edits = useRef({ onOptionsChange, onFieldConfigChange });
  edits.current = { onOptionsChange, onFieldConfigChange };
  const changeOptions = useCallback(
    (next: unknown) => edits.current.onOptionsChange?.(next as Record<string, unknown>),
    [],
  );
  const changeFieldConfig = useCallback((next: FieldConfigSource) => edits.current.onFieldConfigChange?.(next), []);
  return { changeOptions, changeFieldConfig };
}
