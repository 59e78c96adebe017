/**
 * The Dashboards tab of a datasource's settings page, as Grafana's DataSourceDashboards and DashboardsTable have it:
 * the plugin's included dashboards (GET /api/plugins/:pluginId/dashboards), Import, Update when the packaged
 * revision differs from the imported one, Re-import otherwise, and Remove. Import posts Grafana's request: the
 * plugin and path, and one `*` datasource input naming this datasource, so the dashboard is bound to it.
 */
import type { DataSourceSettings } from '@grafana/data';
import { Alert, Stack } from '@grafana/ui';

import { PluginDashboardRow } from './plugin-dashboard-row';
import { dashboardKey } from './plugin-dashboards';
import { usePluginDashboards } from './use-plugin-dashboards';

export function DataSourceDashboards({ settings }: { settings: DataSourceSettings }) {
  const { dashboards, notice, clearNotice, busy, onImport, onRemove } = usePluginDashboards(settings);
  return (
    <Stack direction="column" gap={2}>
      {notice && (
        <div data-testid="preview-dashboards-notice">
          <Alert severity={notice.severity} title={notice.title} onRemove={clearNotice}>
            {notice.text}
          </Alert>
        </div>
      )}
      {dashboards?.length === 0 && <Alert severity="info" title={`${settings.typeName} includes no dashboards`} />}
      {dashboards && dashboards.length > 0 && (
        <table style={{ borderCollapse: 'collapse', width: '100%', maxWidth: 960 }}>
          <tbody>
            {dashboards.map((dashboard) => (
              <PluginDashboardRow
                key={dashboardKey(dashboard)}
                dashboard={dashboard}
                busy={busy}
                onImport={onImport}
                onRemove={onRemove}
              />
            ))}
          </tbody>
        </table>
      )}
    </Stack>
  );
}
