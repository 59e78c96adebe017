import { sendFile, sendJson, sendText } from '../static';
import type { PreviewContext, Route } from './route-table';

/** The plugins' dist/ folders as Grafana serves them, and the dashboards each plugin includes. */
export function pluginRoutes(context: PreviewContext): Route[] {
  const pluginDist = new Map(context.plugins.map((p) => [p.id, p.dist]));
  return [
    {
      path: /^\/public\/plugins\/([^/]+)\/(.+)$/,
      handle: ({ response, params: [id, file] }) => {
        const dist = pluginDist.get(id);
        if (!dist) return sendText(response, 404, `No plugin ${id} is installed (built) in the preview`);
        return sendFile(response, dist, file);
      },
    },
    {
      method: 'GET',
      path: /^\/api\/plugins\/([^/]+)\/dashboards$/,
      handle: ({ response, params: [id] }) =>
        sendJson(response, 200, context.imports.pluginDashboards(decodeURIComponent(id))),
    },
  ];
}
