import type { StoredDataSource } from '../datasources';
import { readBody, readJsonBody } from '../request-body';
import { sendJson } from '../static';
import type { PreviewContext, Route, RouteCall } from './route-table';

const DATASOURCE = /^\/api\/datasources\/uid\/([^/]+)$/;
const NOT_FOUND = { message: 'Data source not found' };

/** Grafana's datasource API: list, add, read, update and delete by uid, and a backend datasource's health check. */
export function datasourceRoutes({ datasources, api }: PreviewContext): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/api\/datasources\/uid\/([^/]+)\/health$/,
      handle: async ({ response, params: [uid] }) => {
        const answer = await api.health(decodeURIComponent(uid));
        return sendJson(response, answer.status, answer.body);
      },
    },
    { method: 'GET', path: '/api/datasources', handle: ({ response }) => sendJson(response, 200, datasources.list()) },
    {
      method: 'POST',
      path: '/api/datasources',
      handle: async ({ request, response }) => {
        const created = datasources.add(await readJsonBody<Partial<StoredDataSource>>(request));
        const body = { datasource: created, id: created.id, message: 'Datasource added', name: created.name };
        return sendJson(response, 200, body);
      },
    },
    {
      method: 'DELETE',
      path: DATASOURCE,
      handle: ({ response, params: [uid] }) => {
        const removed = datasources.remove(uid);
        if (!removed) return sendJson(response, 404, NOT_FOUND);
        return sendJson(response, 200, { message: 'Data source deleted', id: removed.id });
      },
    },
    { method: 'PUT', path: DATASOURCE, handle: (call) => updateDataSource(datasources, call) },
    {
      path: DATASOURCE,
      handle: ({ response, params: [uid] }) => {
        const found = datasources.get(uid);
        return found ? sendJson(response, 200, found) : sendJson(response, 404, NOT_FOUND);
      },
    },
  ];
}

async function updateDataSource(
  datasources: PreviewContext['datasources'],
  { request, response, params: [uid] }: RouteCall,
): Promise<void> {
  let body: Partial<StoredDataSource>;
  try {
    body = JSON.parse(await readBody(request)) as Partial<StoredDataSource>;
  } catch (error) {
    return sendJson(response, 400, { message: `Invalid JSON: ${(error as Error).message}` });
  }
  const updated = datasources.update(uid, body);
  if (!updated) return sendJson(response, 404, NOT_FOUND);
  return sendJson(response, 200, { message: 'Datasource updated', datasource: updated });
}
