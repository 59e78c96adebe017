import type { DataSourceSettings } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { useCallback, useEffect, useState } from 'react';

import type { PluginDashboard } from '../../server/dashboard-import';
import { dashboardKey, importRequest } from './plugin-dashboards';
import { errorMessage } from './request-error';

export type Notice = { severity: 'success' | 'error'; title: string; text?: string };

/**
 * The plugin's included dashboards (GET /api/plugins/:pluginId/dashboards), listed again after each import or
 * removal, and the notice of the last action.
 */
export function usePluginDashboards(settings: DataSourceSettings) {
  const [dashboards, setDashboards] = useState<PluginDashboard[]>();
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState<string>();

  const load = useCallback(
    () =>
      getBackendSrv()
        .get<PluginDashboard[]>(`/api/plugins/${encodeURIComponent(settings.type)}/dashboards`)
        .then(setDashboards, (error) =>
          setNotice({ severity: 'error', title: 'The dashboards could not be listed', text: errorMessage(error) }),
        ),
    [settings.type],
  );
  useEffect(() => {
    load();
  }, [load]);

  const act = async (dashboard: PluginDashboard, action: () => Promise<unknown>, done: string, failed: string) => {
    setBusy(dashboardKey(dashboard));
    setNotice(undefined);
    try {
      await action();
      setNotice({ severity: 'success', title: done, text: dashboard.title });
    } catch (error) {
      setNotice({ severity: 'error', title: failed, text: errorMessage(error) });
    } finally {
      setBusy(undefined);
      await load();
    }
  };
  const onImport = (dashboard: PluginDashboard, overwrite: boolean) =>
    act(
      dashboard,
      () => getBackendSrv().post('/api/dashboards/import', importRequest(dashboard, settings, overwrite)),
      'Dashboard Imported',
      `${dashboard.title} could not be imported`,
    );
  const onRemove = (dashboard: PluginDashboard) =>
    act(
      dashboard,
      () => getBackendSrv().delete(`/api/dashboards/uid/${encodeURIComponent(dashboard.uid)}`),
      'Dashboard Deleted',
      `${dashboard.title || dashboard.uid} could not be removed`,
    );
  return { dashboards, notice, clearNotice: () => setNotice(undefined), busy: busy !== undefined, onImport, onRemove };
}
