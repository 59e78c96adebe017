import fs from 'node:fs';
import path from 'node:path';

import type { ConnectionMode } from './datasources';
import { ROOT } from './plugins';

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

export function grafanaVersion(build: HostBuild): string {
  const manifest = path.join(HOST_BUILDS[build].modules, '@grafana', 'data', 'package.json');
  return fs.existsSync(manifest) ? (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version : '?';
}
