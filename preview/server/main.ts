/**
 * The preview host's server: `node --import tsx preview/server/main.ts [--port 3001] [--host 127.0.0.1]
 *   [--telemetry ws://127.0.0.1:8765] [--build main|compat] [--fixtures] [--datasource-mode server|browser]
 *   [--telemetry-token <token>] [--live-stop-delay-ms 3000]`
 */
import { parseArgs } from 'node:util';

import { createPreviewServer, HOST_BUILDS, type HostBuild } from './app';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3001' },
    host: { type: 'string', default: '127.0.0.1' },
    telemetry: { type: 'string', default: 'ws://127.0.0.1:8765' },
    build: { type: 'string', default: 'main' },
    fixtures: { type: 'boolean', default: false },
    plugin: { type: 'string', multiple: true, default: [] },
    // The provisioned datasource's mode: server (its Go backend, as in Grafana) or browser; default: server when built.
    'datasource-mode': { type: 'string' },
    // The telemetry server's token, kept as Grafana keeps secureJsonData (server mode) or in jsonData (browser mode).
    'telemetry-token': { type: 'string', default: process.env.ERACING_TOKEN },
    'live-stop-delay-ms': { type: 'string', default: '3000' },
  },
});
const mode = values['datasource-mode'];
if (mode !== undefined && mode !== 'server' && mode !== 'browser') {
  console.error('--datasource-mode must be server or browser');
  process.exit(2);
}

if (!(values.build in HOST_BUILDS)) {
  console.error(`--build must be one of ${Object.keys(HOST_BUILDS).join(', ')}`);
  process.exit(2);
}

const server = createPreviewServer({
  telemetryUrl: values.telemetry,
  build: values.build as HostBuild,
  fixtures: values.fixtures,
  plugins: values.plugin,
  datasourceMode: mode,
  telemetryToken: values['telemetry-token'],
  liveStopDelayMs: Number(values['live-stop-delay-ms']),
});
server.listen(Number(values.port), values.host, () => {
  console.log(`Preview (not Grafana, ${values.build} build) on http://${values.host}:${values.port}/`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
