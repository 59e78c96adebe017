/**
 * The Dashboards tab of a datasource's settings page, as Grafana's DataSourceDashboards and DashboardsTable have it:
 * the plugin's included dashboards (GET /api/plugins/:pluginId/dashboards), Import, Update when the packaged
 * revision differs from the imported one, Re-import otherwise, and Remove. Import posts Grafana's request: the
 * plugin and path, and one `*` datasource input naming this datasource, so the dashboard is bound to it.
 */
import type { DataSourceSettings } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { Alert, Button, Icon, Stack, TextLink } from '@grafana/ui';
import { useCallback, useEffect, useState } from 'react';

import type { PluginDashboard } from '../../server/dashboard-import';

type Notice = { severity: 'success' | 'error'; title: string; text?: string };

/** The message of a failed request: the server's own `message`, else the HTTP status. */
export function errorMessage(error: unknown): string {
  const { data, message } = (error ?? {}) as { data?: { message?: string }; message?: string };
  return data?.message ?? message ?? String(error);
}

/** Grafana's DashboardsTable button text for an imported dashboard. */
function importAgainText(dashboard: PluginDashboard): string {
  return dashboard.revision !== dashboard.importedRevision ? 'Update' : 'Re-import';
}

function RevisionText({ dashboard }: { dashboard: PluginDashboard }) {
  if (dashboard.removed) return <span>no longer in the plugin; imported revision {dashboard.importedRevision}</span>;
  if (!dashboard.imported) return <span>revision {dashboard.revision}</span>;
  if (dashboard.revision === dashboard.importedRevision) return <span>revision {dashboard.revision}, imported</span>;
  return (
    <span>
      revision {dashboard.revision} packaged, revision {dashboard.importedRevision} imported
    </span>
  );
}

export function DataSourceDashboards({ settings }: { settings: DataSourceSettings }) {
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
    setBusy(dashboard.uid || dashboard.path);
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
      () =>
        getBackendSrv().post('/api/dashboards/import', {
          pluginId: dashboard.pluginId,
          path: dashboard.path,
          overwrite,
          inputs: [{ name: '*', type: 'datasource', pluginId: settings.type, value: settings.name }],
        }),
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

  return (
    <Stack direction="column" gap={2}>
      {notice && (
        <div data-testid="preview-dashboards-notice">
          <Alert severity={notice.severity} title={notice.title} onRemove={() => setNotice(undefined)}>
            {notice.text}
          </Alert>
        </div>
      )}
      {dashboards?.length === 0 && <Alert severity="info" title={`${settings.typeName} includes no dashboards`} />}
      {dashboards && dashboards.length > 0 && (
        <table style={{ borderCollapse: 'collapse', width: '100%', maxWidth: 960 }}>
          <tbody>
            {dashboards.map((dashboard) => (
              <tr
                key={dashboard.uid || dashboard.path}
                data-testid={`preview-plugin-dashboard-${dashboard.uid}`}
                data-imported={dashboard.imported}
                style={{ borderBottom: '1px solid rgba(204, 204, 220, 0.12)', height: 48 }}
              >
                <td style={{ width: 32 }}>
                  <Icon name="apps" />
                </td>
                <td>
                  {dashboard.imported ? (
                    <TextLink href={dashboard.importedUrl} inline={false}>
                      {dashboard.title || dashboard.uid}
                    </TextLink>
                  ) : (
                    <span>{dashboard.title}</span>
                  )}
                </td>
                <td style={{ opacity: 0.75 }} data-testid="preview-plugin-dashboard-revision">
                  <RevisionText dashboard={dashboard} />
                </td>
                <td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                  <Stack gap={1} justifyContent="flex-end">
                    {!dashboard.removed &&
                      (dashboard.imported ? (
                        <Button
                          variant="secondary"
                          size="sm"
                          disabled={busy !== undefined}
                          onClick={() => onImport(dashboard, true)}
                        >
                          {importAgainText(dashboard)}
                        </Button>
                      ) : (
                        <Button
                          variant="secondary"
                          size="sm"
                          disabled={busy !== undefined}
                          onClick={() => onImport(dashboard, false)}
                        >
                          Import
                        </Button>
                      ))}
                    {dashboard.imported && (
                      <Button
                        icon="trash-alt"
                        variant="destructive"
                        size="sm"
                        aria-label={`Remove ${dashboard.title || dashboard.uid}`}
                        title="Remove"
                        disabled={busy !== undefined}
                        onClick={() => onRemove(dashboard)}
                      />
                    )}
                  </Stack>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Stack>
  );
}
