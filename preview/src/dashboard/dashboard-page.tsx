import { getBackendSrv } from '@grafana/runtime';
import { Alert, Stack } from '@grafana/ui';
import { useEffect, useMemo, useState } from 'react';

import { PanelEditor } from '../editors/panel-editor';
import { useLocation } from '../pages/location';
import { AnnotationToggles } from './annotation-toggles';
import { DashboardGrid } from './dashboard-grid';
import { rawRange, useAutoRefresh, useTimeRange } from './dashboard-state';
import { DashboardToolbar } from './dashboard-toolbar';
import type { DashboardModel } from './model';
import { findPanel, hrefWith, replacePanel } from './panel-tree';
import { DashboardRuntimeContext } from './runtime';
import { templateSrv } from './template-srv';
import { useDashboardAnnotations } from './use-annotations';
import { useAnnotationSwitches, useRuntimeValue, useVariableResolution } from './use-dashboard';
import type { ResolvedVariable } from './variables';
import { VariablesBar } from './variables-bar';

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
  useVariableResolution(model, search, range, setVariables);
  // In render, not in an effect: the panels' query effects run before this component's own effects would.
  templateSrv.updateTimeRange(range);

  const { switched, switchAnnotation } = useAnnotationSwitches();
  const annotations = useDashboardAnnotations(model.annotations?.list, switched, {
    dashboardUID: model.uid,
    range,
    timezone,
    runKey: variablesKey,
    ready: Boolean(variables),
  });
  const runtime = useRuntimeValue({ model, range, timezone, variablesKey, annotations: annotations.events });

  const editing = search.get('editPanel');
  const editedPanel = editing ? findPanel(panels, Number(editing)) : undefined;
  const href = (params: Record<string, string | null>) => hrefWith(location.pathname, search, params);

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
            backHref={href({ editPanel: null })}
            onChange={(next) => setPanels((all) => replacePanel(all, next))}
          />
        ) : (
          <DashboardGrid panels={panels} editHref={(panel) => href({ editPanel: String(panel.id) })} />
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
