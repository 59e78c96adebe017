import type { QueryBody } from '../backend-api';
import { readJsonBody } from '../request-body';
import { sendJson } from '../static';
import type { PreviewContext, Route } from './route-table';

/** Queries through the backend plugins (`/api/ds/query`), and the preview's own health with theirs. */
export function queryRoutes(context: PreviewContext): Route[] {
  return [
    {
      path: '/api/health',
      handle: ({ response }) => {
        const backends = Object.fromEntries([...context.backends].map(([id, backend]) => [id, backend.status()]));
        const body = { ok: true, build: context.build, grafanaVersion: context.grafanaVersion, backends };
        return sendJson(response, 200, body);
      },
    },
    {
      method: 'POST',
      path: '/api/ds/query',
      handle: async ({ request, response }) => {
        const answer = await context.api.query(await readJsonBody<QueryBody>(request));
        return sendJson(response, answer.status, answer.body);
      },
    },
  ];
}
