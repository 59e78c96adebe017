import type { DataSourceSettings } from '@grafana/data';

import type { ImportDashboardRequest, PluginDashboard } from '../../server/dashboard-import';

/** A dashboard's row key: its uid, or its path in the plugin before it has one. */
export function dashboardKey(dashboard: PluginDashboard): string {
  return dashboard.uid || dashboard.path;
}

/** Grafana's DashboardsTable button text for an imported dashboard. */
export function importAgainText(dashboard: PluginDashboard): string {
  return dashboard.revision !== dashboard.importedRevision ? 'Update' : 'Re-import';
}

/** The packaged revision against the imported one, as the table's revision column says it. */
export function revisionText(dashboard: PluginDashboard): string {
  if (dashboard.removed) return `no longer in the plugin; imported revision ${dashboard.importedRevision}`;
  if (!dashboard.imported) return `revision ${dashboard.revision}`;
  if (dashboard.revision === dashboard.importedRevision) return `revision ${dashboard.revision}, imported`;
  return `revision ${dashboard.revision} packaged, revision ${dashboard.importedRevision} imported`;
}

/** Grafana's import request for an included dashboard: one `*` datasource input naming this datasource. */
export function importRequest(
  dashboard: PluginDashboard,
  settings: Pick<DataSourceSettings, 'type' | 'name'>,
  overwrite: boolean,
): ImportDashboardRequest {
  return {
    pluginId: dashboard.pluginId,
    path: dashboard.path,
    overwrite,
    inputs: [{ name: '*', type: 'datasource', pluginId: settings.type, value: settings.name }],
  };
}
