import {
  CoreApp,
  DataHoverClearEvent,
  DataHoverEvent,
  LoadingState,
  type DataFrame,
  type DashboardCursorSync,
  type FieldConfigSource,
} from '@grafana/data';
import { Icon, LinkButton, PanelChrome, PanelContextProvider, Tooltip, type PanelContext } from '@grafana/ui';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { useLiveRange } from './live-now';
import type { PanelModel } from './model';
import { PanelErrorBoundary } from './panel-error-boundary';
import { fieldConfigWithDefaults, optionsWithDefaults } from './panel-options';
import { annotationsForPanel, withDashboardAnnotations } from './annotation-events';
import { useDashboardRuntime } from './runtime';
import { longestRecentStep } from './time-gap';
import { usePanelPlugin } from './use-panel-plugin';
import { usePanelQueries, useProcessedData } from './use-panel-data';

interface Props {
  panel: PanelModel;
  width: number;
  height: number;
  /** Edits from the options pane: options and field config as the plugin's editors produce them. */
  onOptionsChange?: (options: Record<string, unknown>) => void;
  onFieldConfigChange?: (fieldConfig: FieldConfigSource) => void;
  /** Where the panel's edit button leads; none inside the editor. */
  editHref?: string;
}

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

/** One panel as Grafana draws it: chrome, its plugin loaded from dist/, its queries, its field config applied. */
export function PanelView({ panel, width, height, onOptionsChange, onFieldConfigChange, editHref }: Props) {
  const dashboard = useDashboardRuntime();
  const { plugin, error: loadError } = usePanelPlugin(panel.type);
  const [renderError, setRenderError] = useState<string>();
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const renderCounter = useRef(0);

  // Grafana scopes each panel's bus; with graphTooltip 0 a panel hears only its own events.
  const eventBus = useMemo(
    () => dashboard.eventBus.newScopedBus(`panel:${panel.id}`, { onlyLocal: dashboard.graphTooltip === 0 }),
    [dashboard.eventBus, dashboard.graphTooltip, panel.id],
  );
  useHoverMarker(eventBus, element);

  const options = useMemo(() => plugin && optionsWithDefaults(plugin, panel.options), [plugin, panel.options]);
  const fieldConfig = useMemo(
    () => plugin && fieldConfigWithDefaults(plugin, panel.fieldConfig),
    [plugin, panel.fieldConfig],
  );
  const raw = usePanelQueries(panel, plugin, width, dashboard.query);
  const processed = useProcessedData(raw, panel, plugin, fieldConfig, dashboard.replaceVariables, dashboard.timezone);
  const data = useMemo(
    () => processed && withDashboardAnnotations(processed, annotationsForPanel(dashboard.annotations, panel.id)),
    [processed, dashboard.annotations, panel.id],
  );
  const streaming = dashboard.liveNow && data?.state === LoadingState.Streaming;
  const timeRange = useLiveRange(
    dashboard.liveClock,
    streaming,
    data?.timeRange ?? dashboard.query.range,
    dashboard.timezone,
    width,
    data?.series,
  );

  const context = useMemo<PanelContext>(
    () => ({
      eventsScope: '__global_',
      eventBus,
      app: CoreApp.Dashboard,
      sync: () => dashboard.graphTooltip as unknown as DashboardCursorSync,
    }),
    [eventBus, dashboard.graphTooltip],
  );

  // Stable across renders, as Grafana's are: a panel that skips renders with unchanged props (React.memo) can.
  const edits = useRef({ onOptionsChange, onFieldConfigChange });
  edits.current = { onOptionsChange, onFieldConfigChange };
  const changeOptions = useCallback(
    (next: unknown) => edits.current.onOptionsChange?.(next as Record<string, unknown>),
    [],
  );
  const changeFieldConfig = useCallback((next: FieldConfigSource) => edits.current.onFieldConfigChange?.(next), []);

  const title = dashboard.replaceVariables(panel.title ?? '');
  const notices = useMemo(() => frameNotices(data?.series), [data?.series]);
  const problem = loadError ?? renderError ?? data?.error?.message;
  const body = (innerWidth: number, innerHeight: number) => {
    if (loadError) {
      return (
        <div role="alert" data-testid="preview-plugin-error" style={{ padding: 8, color: '#ff7383' }}>
          {loadError}
        </div>
      );
    }
    if (!plugin?.panel || !options || !fieldConfig || !data) return null;
    const Panel = plugin.panel;
    renderCounter.current++;
    return (
      <PanelErrorBoundary onError={setRenderError} resetKey={plugin}>
        <PanelContextProvider value={context}>
          <Panel
            id={panel.id}
            data={data}
            title={title}
            timeRange={timeRange}
            timeZone={dashboard.timezone}
            options={options}
            fieldConfig={fieldConfig}
            transparent={Boolean(panel.transparent)}
            width={innerWidth}
            height={innerHeight}
            renderCounter={renderCounter.current}
            replaceVariables={dashboard.replaceVariables}
            onOptionsChange={changeOptions}
            onFieldConfigChange={changeFieldConfig}
            onChangeTimeRange={dashboard.onChangeTimeRange}
            eventBus={eventBus}
          />
        </PanelContextProvider>
      </PanelErrorBoundary>
    );
  };

  return (
    <div
      ref={setElement}
      data-testid={`preview-panel-${panel.id}`}
      data-panel-type={panel.type}
      data-state={loadError ? 'plugin-error' : (data?.state ?? 'loading')}
      data-rows={data?.series.reduce((rows, frame) => rows + frame.length, 0) ?? 0}
      data-renders={renderCounter.current}
      data-longest-recent-step={longestRecentStep(data?.series)}
      style={{ width, height }}
    >
      <PanelChrome
        width={width}
        height={height}
        title={title}
        description={panel.description}
        displayMode={panel.transparent ? 'transparent' : 'default'}
        loadingState={data?.state}
        statusMessage={problem}
        hoverHeader={!title}
        titleItems={notices.map(({ severity, text }) => (
          // Grafana's panel header shows each distinct notice of the frames as an icon with the text on hover.
          <Tooltip key={text} content={text}>
            <Icon
              name={severity === 'info' ? 'info-circle' : 'exclamation-triangle'}
              aria-label={text}
              data-testid="preview-panel-notice"
              data-text={text}
            />
          </Tooltip>
        ))}
        actions={
          editHref ? (
            <LinkButton
              href={editHref}
              size="sm"
              variant="secondary"
              fill="text"
              icon="pen"
              aria-label={`Edit ${title}`}
            />
          ) : undefined
        }
      >
        {body}
      </PanelChrome>
    </div>
  );
}

/** The distinct notices of the frames, as Grafana's panel header lists them. */
function frameNotices(series: DataFrame[] | undefined): Array<{ severity: string; text: string }> {
  const seen = new Map<string, string>();
  for (const frame of series ?? []) for (const n of frame.meta?.notices ?? []) seen.set(n.text, n.severity);
  return [...seen].map(([text, severity]) => ({ severity, text }));
}
