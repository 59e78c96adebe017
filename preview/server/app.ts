import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';

import { pluginExecutable, PluginUnavailable, startBackendPlugins } from './backend';
import { BackendApi, unavailable, type QueryBody } from './backend-api';
import { bootData } from './boot-data';
import { DashboardImports, ImportError, type ImportDashboardRequest } from './dashboard-import';
import { homeDashboard, listDashboards, readDashboard, type DashboardSummary } from './dashboards';
import {
  DataSourceError,
  DataSourceStore,
  TELEMETRY_DATASOURCE,
  type ConnectionMode,
  type StoredDataSource,
} from './datasources';
import { LiveHub } from './live';
import { ROOT, scanPlugins } from './plugins';
import { sendFile, sendJson, sendText } from './static';

/** The two builds of the host: Grafana 12.4 with React 18, and the compatibility build, Grafana 13.2 with React 19. */
export const HOST_BUILDS = {
  main: { dist: path.join(ROOT, 'preview', 'dist'), modules: path.join(ROOT, 'node_modules') },
  compat: {
    dist: path.join(ROOT, 'preview', 'compat', 'dist'),
    modules: path.join(ROOT, 'preview', 'compat', 'node_modules'),
  },
};
export type HostBuild = keyof typeof HOST_BUILDS;

export interface PreviewOptions {
  /** WebSocket address of the telemetry server, as the browser reaches it. */
  telemetryUrl: string;
  build: HostBuild;
  /** Serve the wrong-build fixture plugins of e2e/fixtures as well (browser tests). */
  fixtures: boolean;
  /** Installed plugin folders (`--plugin`), each replacing the workspace plugin of its id. */
  plugins?: string[];
  /** The provisioned datasource's connection mode; default `server` when its backend is built, `browser` otherwise. */
  datasourceMode?: ConnectionMode;
  /** The telemetry server's token for the provisioned datasource (secureJsonData in server mode). */
  telemetryToken?: string;
  /** How long a Live channel's RunStream outlives its last subscriber (Grafana: about 15 s). */
  liveStopDelayMs?: number;
}

function grafanaVersion(build: HostBuild): string {
  const manifest = path.join(HOST_BUILDS[build].modules, '@grafana', 'data', 'package.json');
  return fs.existsSync(manifest) ? (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version : '?';
}

function readBody(request: IncomingMessage): Promise<string> {
  return readRaw(request).then((raw) => raw.toString('utf8'));
}

function readRaw(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1 << 20) request.destroy(new Error('request body over 1 MiB'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

async function readJsonBody<T>(request: IncomingMessage): Promise<T> {
  const text = await readBody(request);
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new ImportError(400, `Invalid JSON: ${(error as Error).message}`);
  }
}

function indexHtml(boot: unknown, build: HostBuild): string {
  const json = JSON.stringify(boot).replace(/</g, '\\u003c');
  const built = fs.existsSync(path.join(HOST_BUILDS[build].dist, 'app.js'));
  const body = built
    ? '<script src="public/build/app.js"></script>'
    : `<p style="font:16px sans-serif;color:#ccc;padding:2em">The preview host (${build}) is not built. Run <code>node preview/build.cjs${build === 'compat' ? ' compat' : ''}</code> or <code>npm start</code>.</p>`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <base href="/" />
    <title>Preview — not Grafana</title>
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <style>html,body{margin:0;height:100%;background:#111217}#root{height:100%}</style>
    <script>window.grafanaBootData = ${json};</script>
  </head>
  <body>
    <div id="root"></div>
    ${body}
  </body>
</html>
`;
}

/** The preview's HTTP server: plugin dist/ folders, the host's build, dashboards and a datasource API like Grafana's. */
export function createPreviewServer(options: PreviewOptions): http.Server {
  const scan = scanPlugins({ fixtures: options.fixtures, installed: options.plugins });
  const telemetryPlugin = scan.plugins.find((p) => p.id === TELEMETRY_DATASOURCE.type);
  const mode = options.datasourceMode ?? (telemetryPlugin && pluginExecutable(telemetryPlugin) ? 'server' : 'browser');
  const datasources = new DataSourceStore(
    { telemetryUrl: options.telemetryUrl, mode, token: options.telemetryToken },
    scan.plugins,
  );
  let appUrl = 'http://127.0.0.1/';
  const backends = startBackendPlugins(scan.plugins, () => appUrl);
  const api = new BackendApi(datasources, backends);
  const live = new LiveHub({ resolve: (uid) => api.target(uid), stopDelayMs: options.liveStopDelayMs });
  const imports = new DashboardImports(scan.plugins, datasources, {
    fileOf: (uid) => listDashboards().find((d) => d.uid === uid)?.file,
  });
  /** Provisioned and imported dashboards; an imported one replaces the provisioned one of its uid. */
  const searchDashboards = (): DashboardSummary[] => {
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
  };
  const version = grafanaVersion(options.build);
  const pluginDist = new Map(scan.plugins.map((p) => [p.id, p.dist]));

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://preview');
    const route = url.pathname;
    const method = request.method ?? 'GET';

    const plugin = /^\/public\/plugins\/([^/]+)\/(.+)$/.exec(route);
    if (plugin) {
      const dist = pluginDist.get(plugin[1]);
      if (!dist) return sendText(response, 404, `No plugin ${plugin[1]} is installed (built) in the preview`);
      return sendFile(response, dist, plugin[2]);
    }
    if (route.startsWith('/public/fonts/')) {
      return sendFile(
        response,
        path.join(HOST_BUILDS[options.build].dist, 'fonts'),
        route.slice('/public/fonts/'.length),
      );
    }
    if (route.startsWith('/public/build/')) {
      return sendFile(response, HOST_BUILDS[options.build].dist, route.slice('/public/build/'.length));
    }
    if (route.startsWith('/public/')) return sendText(response, 404, `Not found: ${route}`);
    if (route === '/api/health') {
      const plugins = Object.fromEntries([...backends].map(([id, backend]) => [id, backend.status()]));
      return sendJson(response, 200, { ok: true, build: options.build, grafanaVersion: version, backends: plugins });
    }
    if (route === '/api/ds/query' && method === 'POST') {
      const answer = await api.query(await readJsonBody<QueryBody>(request));
      return sendJson(response, answer.status, answer.body);
    }
    if (route === '/api/live/stats') return sendJson(response, 200, live.stats());
    const health = /^\/api\/datasources\/uid\/([^/]+)\/health$/.exec(route);
    if (health && method === 'GET') {
      const answer = await api.health(decodeURIComponent(health[1]));
      return sendJson(response, answer.status, answer.body);
    }
    const resource = /^\/api\/datasources\/uid\/([^/]+)\/resources(?:\/(.*))?$/.exec(route);
    if (resource) {
      const answer = await api.resource(decodeURIComponent(resource[1]), {
        method,
        path: resource[2] ?? '',
        query: url.search,
        headers: request.headers,
        body: await readRaw(request),
      });
      response.writeHead(answer.status, { 'cache-control': 'no-store', ...answer.headers });
      return void response.end(answer.body);
    }
    if (route === '/api/search') return sendJson(response, 200, searchDashboards());
    const dashboard = /^\/api\/dashboards\/uid\/([^/]+)$/.exec(route);
    if (dashboard) {
      const uid = decodeURIComponent(dashboard[1]);
      const imported = imports.get(uid);
      if (method === 'DELETE') {
        if (imported) {
          imports.remove(uid);
          const title = String(imported.dashboard.title);
          return sendJson(response, 200, { title, message: `Dashboard ${title} deleted`, id: imported.id, uid });
        }
        if (readDashboard(uid)) {
          return sendJson(response, 400, { message: 'provisioned dashboard cannot be deleted' });
        }
        return sendJson(response, 404, { message: 'Dashboard not found' });
      }
      if (imported) {
        const meta = { canEdit: false, canSave: false, provisioned: false, slug: imported.slug };
        return sendJson(response, 200, { dashboard: imported.dashboard, meta });
      }
      const json = readDashboard(uid);
      if (!json) return sendJson(response, 404, { message: `Dashboard ${uid} not found` });
      return sendJson(response, 200, { dashboard: json, meta: { canEdit: false, canSave: false, provisioned: true } });
    }
    const pluginDashboards = /^\/api\/plugins\/([^/]+)\/dashboards$/.exec(route);
    if (pluginDashboards && method === 'GET') {
      return sendJson(response, 200, imports.pluginDashboards(decodeURIComponent(pluginDashboards[1])));
    }
    if (route === '/api/dashboards/import' && method === 'POST') {
      return sendJson(response, 200, imports.import(await readJsonBody<ImportDashboardRequest>(request)));
    }
    if (route === '/api/datasources' && method === 'GET') return sendJson(response, 200, datasources.list());
    if (route === '/api/datasources' && method === 'POST') {
      const created = datasources.add(await readJsonBody<Partial<StoredDataSource>>(request));
      const body = { datasource: created, id: created.id, message: 'Datasource added', name: created.name };
      return sendJson(response, 200, body);
    }
    const datasource = /^\/api\/datasources\/uid\/([^/]+)$/.exec(route);
    if (datasource && method === 'DELETE') {
      const removed = datasources.remove(datasource[1]);
      if (!removed) return sendJson(response, 404, { message: 'Data source not found' });
      return sendJson(response, 200, { message: 'Data source deleted', id: removed.id });
    }
    if (datasource) {
      if (method === 'PUT') {
        let body: Partial<StoredDataSource>;
        try {
          body = JSON.parse(await readBody(request)) as Partial<StoredDataSource>;
        } catch (error) {
          return sendJson(response, 400, { message: `Invalid JSON: ${(error as Error).message}` });
        }
        const updated = datasources.update(datasource[1], body);
        if (!updated) return sendJson(response, 404, { message: 'Data source not found' });
        return sendJson(response, 200, { message: 'Datasource updated', datasource: updated });
      }
      const found = datasources.get(datasource[1]);
      return found ? sendJson(response, 200, found) : sendJson(response, 404, { message: 'Data source not found' });
    }
    if (route.startsWith('/api/')) return sendJson(response, 404, { message: `The preview has no ${route}` });
    if (route === '/') {
      const home = homeDashboard();
      response.writeHead(302, { location: home ? home.url : '/plugins' });
      return void response.end();
    }
    appUrl = `http://${request.headers.host ?? 'localhost'}/`;
    const boot = bootData({ grafanaVersion: version, plugins: scan.plugins, datasources, appUrl, backends });
    return sendText(response, 200, indexHtml(boot, options.build), 'text/html; charset=utf-8');
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      if (error instanceof ImportError)
        return sendJson(response, error.status, { ...error.body, message: error.message });
      if (error instanceof DataSourceError) return sendJson(response, error.status, { message: error.message });
      if (error instanceof PluginUnavailable) return sendJson(response, 500, unavailable(error));
      if (!response.headersSent) sendText(response, 500, error.message);
      else response.destroy(error);
    });
  });
  server.on('upgrade', (request, socket, head) => {
    if (!live.upgrade(request, socket, head)) socket.destroy();
  });
  server.on('close', () => {
    live.close();
    for (const backend of backends.values()) backend.stop();
  });
  server.on('listening', () => {
    const address = server.address();
    if (address && typeof address === 'object') appUrl = `http://${address.address}:${address.port}/`;
    for (const folder of scan.unbuilt) console.warn(`⚠ ${folder} has no dist/: run npm run build`);
  });
  return server;
}
