import fs from 'node:fs';
import path from 'node:path';

import { bootData } from '../boot-data';
import { homeDashboard } from '../dashboards';
import { HOST_BUILDS, type HostBuild } from '../host-builds';
import { sendJson, sendText } from '../static';
import type { PreviewContext, Route } from './route-table';

/** What no other route takes: an unknown API path, the home redirect, and the app's page for every other path. */
export function pageRoutes(context: PreviewContext): Route[] {
  return [
    {
      path: /^\/api\//,
      handle: ({ response, url }) => sendJson(response, 404, { message: `The preview has no ${url.pathname}` }),
    },
    {
      path: '/',
      handle: ({ response }) => {
        const home = homeDashboard();
        response.writeHead(302, { location: home ? home.url : '/plugins' });
        response.end();
      },
    },
    {
      path: /^/,
      handle: ({ request, response }) => {
        context.appUrl = `http://${request.headers.host ?? 'localhost'}/`;
        const { grafanaVersion, plugins, datasources, appUrl, backends } = context;
        const boot = bootData({ grafanaVersion, plugins, datasources, appUrl, backends });
        return sendText(response, 200, indexHtml(boot, context.build), 'text/html; charset=utf-8');
      },
    },
  ];
}

export function indexHtml(boot: unknown, build: HostBuild): string {
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
