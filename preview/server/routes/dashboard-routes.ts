import type { DashboardImports, ImportDashboardRequest } from '../dashboard-import';
import { listDashboards, readDashboard, type DashboardSummary } from '../dashboards';
import { readJsonBody } from '../request-body';
import { sendJson } from '../static';
import type { PreviewContext, Route, RouteCall } from './route-table';

const DASHBOARD = /^\/api\/dashboards\/uid\/([^/]+)$/;

/** Grafana's dashboard API over the provisioned dashboards and the imported ones: search, read, delete, import. */
export function dashboardRoutes({ imports }: PreviewContext): Route[] {
  return [
    { path: '/api/search', handle: ({ response }) => sendJson(response, 200, searchDashboards(imports)) },
    { method: 'DELETE', path: DASHBOARD, handle: (call) => deleteDashboard(imports, call) },
    { path: DASHBOARD, handle: (call) => getDashboard(imports, call) },
    {
      method: 'POST',
      path: '/api/dashboards/import',
      handle: async ({ request, response }) =>
        sendJson(response, 200, imports.import(await readJsonBody<ImportDashboardRequest>(request))),
    },
  ];
}

/** Provisioned and imported dashboards; an imported one replaces the provisioned one of its uid. */
export function searchDashboards(imports: DashboardImports): DashboardSummary[] {
  const imported = imports.list().map((stored) => ({
    uid: stored.uid,
    title: String(stored.dashboard.title),
    tags: Array.isArray(stored.dashboard.tags) ? (stored.dashboard.tags as string[]) : [],
    url: `/d/${stored.uid}/${stored.slug}`,
    liveNow: Boolean(stored.dashboard.liveNow),
    pluginId: stored.pluginId || undefined,
    imported: true,
  }));
  const uids = new Set(imported.map((d) => d.uid));
  return [...listDashboards().filter((d) => !uids.has(d.uid)), ...imported];
}

function deleteDashboard(imports: DashboardImports, { response, params }: RouteCall): void {
  const uid = decodeURIComponent(params[0]);
  const imported = imports.get(uid);
  if (imported) {
    imports.remove(uid);
    const title = String(imported.dashboard.title);
    return sendJson(response, 200, { title, message: `Dashboard ${title} deleted`, id: imported.id, uid });
  }
  if (readDashboard(uid)) return sendJson(response, 400, { message: 'provisioned dashboard cannot be deleted' });
  return sendJson(response, 404, { message: 'Dashboard not found' });
}

function getDashboard(imports: DashboardImports, { response, params }: RouteCall): void {
  const uid = decodeURIComponent(params[0]);
  const imported = imports.get(uid);
  if (imported) {
    const meta = { canEdit: false, canSave: false, provisioned: false, slug: imported.slug };
    return sendJson(response, 200, { dashboard: imported.dashboard, meta });
  }
  const json = readDashboard(uid);
  if (!json) return sendJson(response, 404, { message: `Dashboard ${uid} not found` });
  return sendJson(response, 200, { dashboard: json, meta: { canEdit: false, canSave: false, provisioned: true } });
}
