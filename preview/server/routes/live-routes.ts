import { sendJson } from '../static';
import type { PreviewContext, Route } from './route-table';

/** Grafana Live's counters; the Live socket itself is the server's upgrade. */
export function liveRoutes(context: PreviewContext): Route[] {
  return [{ path: '/api/live/stats', handle: ({ response }) => sendJson(response, 200, context.live.stats()) }];
}
