import http, { type IncomingMessage, type ServerResponse } from 'node:http';

import { pluginExecutable, PluginUnavailable, startBackendPlugins } from './backend';
import { BackendApi, unavailable } from './backend-api';
import { DashboardImports, ImportError } from './dashboard-import';
import { listDashboards } from './dashboards';
import { DataSourceError, DataSourceStore, TELEMETRY_DATASOURCE } from './datasources';
import { grafanaVersion, type PreviewOptions } from './host-builds';
import { LiveHub } from './live';
import { scanPlugins } from './plugins';
import { dashboardRoutes } from './routes/dashboard-routes';
import { datasourceRoutes } from './routes/datasource-routes';
import { liveRoutes } from './routes/live-routes';
import { pageRoutes } from './routes/page-routes';
import { pluginRoutes } from './routes/plugin-routes';
import { queryRoutes } from './routes/query-routes';
import { resourceRoutes } from './routes/resource-routes';
import { matchRoute, type PreviewContext, type Route } from './routes/route-table';
import { staticRoutes } from './routes/static-routes';
import { sendJson, sendText } from './static';

export { HOST_BUILDS, type HostBuild, type PreviewOptions } from './host-builds';

/** The routes in the order they are tried: the plugins' and the host's files, the API, then the app's page. */
export function routeTable(context: PreviewContext): Route[] {
  return [
    ...pluginRoutes(context),
    ...staticRoutes(context),
    ...queryRoutes(context),
    ...liveRoutes(context),
    ...datasourceRoutes(context),
    ...resourceRoutes(context),
    ...dashboardRoutes(context),
    ...pageRoutes(context),
  ];
}

function previewContext(options: PreviewOptions): { context: PreviewContext; unbuilt: string[] } {
  const scan = scanPlugins({ fixtures: options.fixtures, installed: options.plugins });
  const telemetryPlugin = scan.plugins.find((p) => p.id === TELEMETRY_DATASOURCE.type);
  const mode = options.datasourceMode ?? (telemetryPlugin && pluginExecutable(telemetryPlugin) ? 'server' : 'browser');
  const datasources = new DataSourceStore(
    { telemetryUrl: options.telemetryUrl, mode, token: options.telemetryToken },
    scan.plugins,
  );
  const appUrl = { current: 'http://127.0.0.1/' };
  const backends = startBackendPlugins(scan.plugins, () => appUrl.current);
  const api = new BackendApi(datasources, backends);
  const live = new LiveHub({ resolve: (uid) => api.target(uid), stopDelayMs: options.liveStopDelayMs });
  const imports = new DashboardImports(scan.plugins, datasources, {
    fileOf: (uid) => listDashboards().find((d) => d.uid === uid)?.file,
  });
  const context: PreviewContext = {
    build: options.build,
    grafanaVersion: grafanaVersion(options.build),
    plugins: scan.plugins,
    datasources,
    backends,
    api,
    live,
    imports,
    get appUrl() {
      return appUrl.current;
    },
    set appUrl(url: string) {
      appUrl.current = url;
    },
  };
  return { context, unbuilt: scan.unbuilt };
}

/** A failed request's answer: the API's own errors with Grafana's status and body, anything else a 500. */
function sendError(response: ServerResponse, error: Error): void {
  if (error instanceof ImportError) return sendJson(response, error.status, { ...error.body, message: error.message });
  if (error instanceof DataSourceError) return sendJson(response, error.status, { message: error.message });
  if (error instanceof PluginUnavailable) return sendJson(response, 500, unavailable(error));
  if (!response.headersSent) sendText(response, 500, error.message);
  else response.destroy(error);
}

/** The preview's HTTP server: plugin dist/ folders, the host's build, dashboards and a datasource API like Grafana's. */
export function createPreviewServer(options: PreviewOptions): http.Server {
  const { context, unbuilt } = previewContext(options);
  const routes = routeTable(context);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://preview');
    const method = request.method ?? 'GET';
    const match = matchRoute(routes, method, url.pathname);
    if (match) await match.route.handle({ request, response, url, method, params: match.params });
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: Error) => sendError(response, error));
  });
  server.on('upgrade', (request, socket, head) => {
    if (!context.live.upgrade(request, socket, head)) socket.destroy();
  });
  server.on('close', () => {
    context.live.close();
    for (const backend of context.backends.values()) backend.stop();
  });
  server.on('listening', () => {
    const address = server.address();
    if (address && typeof address === 'object') context.appUrl = `http://${address.address}:${address.port}/`;
    for (const folder of unbuilt) console.warn(`⚠ ${folder} has no dist/: run npm run build`);
  });
  return server;
}
