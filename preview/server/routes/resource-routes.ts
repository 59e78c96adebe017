import { readRaw } from '../request-body';
import type { PreviewContext, Route } from './route-table';

/** A backend datasource's resources (CallResource), answered with the plugin's status, headers and body. */
export function resourceRoutes(context: PreviewContext): Route[] {
  return [
    {
      path: /^\/api\/datasources\/uid\/([^/]+)\/resources(?:\/(.*))?$/,
      handle: async ({ request, response, url, method, params: [uid, path] }) => {
        const answer = await context.api.resource(decodeURIComponent(uid), {
          method,
          path,
          query: url.search,
          headers: request.headers,
          body: await readRaw(request),
        });
        response.writeHead(answer.status, { 'cache-control': 'no-store', ...answer.headers });
        response.end(answer.body);
      },
    },
  ];
}
