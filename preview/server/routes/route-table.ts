import type { IncomingMessage, ServerResponse } from 'node:http';

import type { BackendPlugin } from '../backend';
import type { BackendApi } from '../backend-api';
import type { DashboardImports } from '../dashboard-import';
import type { DataSourceStore } from '../datasources';
import type { HostBuild } from '../host-builds';
import type { LiveHub } from '../live';
import type { BuiltPlugin } from '../plugins';

/** What every route group serves from: the host build, the plugins and the stores behind the API. */
export interface PreviewContext {
  build: HostBuild;
  grafanaVersion: string;
  plugins: BuiltPlugin[];
  datasources: DataSourceStore;
  backends: Map<string, BackendPlugin>;
  api: BackendApi;
  live: LiveHub;
  imports: DashboardImports;
  /** The address the browser reaches the preview at: where it listens, then the host of the last page request. */
  appUrl: string;
}

export interface RouteCall {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  method: string;
  /** The route's path groups; a group that took no part is ''. */
  params: string[];
}

export interface Route {
  /** Any method when absent. */
  method?: string;
  /** The exact path, or a pattern whose groups are the call's params. */
  path: string | RegExp;
  handle(call: RouteCall): void | Promise<void>;
}

/** The first route of the table that takes the method and path, with its params. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  pathname: string,
): { route: Route; params: string[] } | undefined {
  for (const route of routes) {
    if (route.method !== undefined && route.method !== method) continue;
    if (typeof route.path === 'string') {
      if (route.path === pathname) return { route, params: [] };
      continue;
    }
    const match = route.path.exec(pathname);
    if (match) return { route, params: match.slice(1).map((group) => group ?? '') };
  }
  return undefined;
}
