import { EventBusSrv, type AbsoluteTimeRange, type InterpolateFunction } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { Alert, Stack } from '@grafana/ui';
import { useCallback, useEffect, useMemo, useState } from 'react';

import { PanelEditor } from '../editors/panel-editor';
import { setSearch, useLocation } from '../pages/location';
import { AnnotationToggles } from './annotation-toggles';
import { DashboardGrid } from './dashboard-grid';
import { rawRange, useAutoRefresh, useTimeRange } from './dashboard-state';
import { DashboardToolbar } from './dashboard-toolbar';
import type { DashboardModel, PanelModel } from './model';
import { LiveClock } from './live-now';
import { DashboardRuntimeContext, type DashboardRuntime } from './runtime';
import { templateSrv } from './template-srv';
import { useDashboardAnnotations } from './use-annotations';
import { resolveVariables, type ResolvedVariable } from './variables';
import { VariablesBar } from './variables-bar';

function replacePanel(panels: PanelModel[], next: PanelModel): PanelModel[] {
  return panels.map((panel) =>
    panel.id === next.id ? next : panel.panels ? { ...panel, panels: replacePanel(panel.panels, next) } : panel,
  );
}

function findPanel(panels: PanelModel[], id: number): PanelModel | undefined {
  for (const panel of panels) {
    if (panel.id === id) return panel;
    const nested = panel.panels && findPanel(panel.panels, id);
    if (nested) return nested;
  }
  return undefined;
}

function Dashboard({ model }: { model: DashboardModel }) {
  const location = useLocation();
  const search = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const [panels, setPanels] = useState(model.panels);
  const timezone = model.timezone || 'browser';
  const raw = useMemo(() => rawRange(model, search), [model, search]);
  const [variables, setVariables] = useState<ResolvedVariable[]>();
  const variablesKey = JSON.stringify(variables?.map((v) => v.current.value) ?? null);
  const { range, refresh } = useTimeRange(raw, timezone, variablesKey);
  const refreshInterval = search.get('refresh') ?? model.refresh ?? '';
  useAutoRefresh(refreshInterval, refresh);

  const variablesSearch = [...search].filter(([key]) => key.startsWith('var-')).join('&');
  useEffect(() => {
    let current = true;
    resolveVariables(model.templating?.list ?? [], search, range).then((resolved) => current && setVariables(resolved));
    return () => {
      current = false;
    };
    // Variables resolve again when the URL's var- parameters change, not on every refresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, variablesSearch]);
  // In render, not in an effect: the panels' query effects run before this component's own effects would.
  templateSrv.updateTimeRange(range);

  const eventBus = useMemo(() => new EventBusSrv(), []);
  const liveClock = useMemo(() => new LiveClock(), []);
  // A new function when the variables change, so that panels interpolate again.
  const replaceVariables = useCallback<InterpolateFunction>(
    (value, scopedVars, format) => templateSrv.replace(value, scopedVars, format),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [variablesKey],
  );
  const [switched, setSwitched] = useState<ReadonlyMap<number, boolean>>(new Map());
  const switchAnnotation = useCallback(
    (index: number, on: boolean) => setSwitched((all) => new Map(all).set(index, on)),
    [],
  );
  const annotations = useDashboardAnnotations(model.annotations?.list, switched, {
    dashboardUID: model.uid,
    range,
    timezone,
    runKey: variablesKey,
    ready: Boolean(variables),
  });
  const onChangeTimeRange = useCallback(
    ({ from, to }: AbsoluteTimeRange) => setSearch({ from: String(Math.round(from)), to: String(Math.round(to)) }),
    [],
  );
  const runtime = useMemo<DashboardRuntime>(
    () => ({
      uid: model.uid,
      eventBus,
      graphTooltip: model.graphTooltip ?? 0,
      timezone,
      liveNow: Boolean(model.liveNow),
      liveClock,
      query: { dashboardUID: model.uid, range, timezone, liveNow: Boolean(model.liveNow), runKey: variablesKey },
      replaceVariables,
      onChangeTimeRange,
      annotations: annotations.events,
    }),
    [
      model,
      eventBus,
      liveClock,
      timezone,
      range,
      variablesKey,
      replaceVariables,
      onChangeTimeRange,
      annotations.events,
    ],
  );

  const editing = search.get('editPanel');
  const editedPanel = editing ? findPanel(panels, Number(editing)) : undefined;
  const hrefWith = (params: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(params)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    const query = next.toString();
    return `${location.pathname}${query ? `?${query}` : ''}`;
  };

  return (
    <DashboardRuntimeContext.Provider value={runtime}>
      <Stack direction="column" gap={1}>
        <DashboardToolbar
          title={model.title}
          range={range}
          timezone={timezone}
          refresh={refreshInterval}
          onRefresh={refresh}
        />
        <Stack gap={1} wrap="wrap">
          <AnnotationToggles
            list={model.annotations?.list}
            switched={switched}
            results={annotations.results}
            onSwitch={switchAnnotation}
          />
          {variables && <VariablesBar variables={variables} />}
        </Stack>
        {!variables ? null : editedPanel ? (
          <PanelEditor
            panel={editedPanel}
            backHref={hrefWith({ editPanel: null })}
            onChange={(next) => setPanels((all) => replacePanel(all, next))}
          />
        ) : (
          <DashboardGrid panels={panels} editHref={(panel) => hrefWith({ editPanel: String(panel.id) })} />
        )}
      </Stack>
    </DashboardRuntimeContext.Provider>
  );
}

/** `/d/<uid>`: the dashboard from dashboards/<file>.json, fetched from the preview server. */
export function DashboardPage({ uid }: { uid: string }) {
  const [state, setState] = useState<{ model?: DashboardModel; error?: string }>({});
  useEffect(() => {
    setState({});
    getBackendSrv()
      .get<{ dashboard: DashboardModel }>(`/api/dashboards/uid/${encodeURIComponent(uid)}`)
      .then(
        ({ dashboard }) => setState({ model: dashboard }),
        (error: { message?: string }) => setState({ error: error.message ?? String(error) }),
      );
  }, [uid]);
  if (state.error) return <Alert title={`Dashboard ${uid} could not be loaded`}>{state.error}</Alert>;
  if (!state.model) return null;
  return <Dashboard key={uid} model={state.model} />;
}
