/**
 * The preview host's server: `node --import tsx preview/server/main.ts [--port 3001] [--host 127.0.0.1]
 *   [--telemetry ws://127.0.0.1:8765] [--build main|compat] [--fixtures]`
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
  },
});

if (!(values.build in HOST_BUILDS)) {
  console.error(`--build must be one of ${Object.keys(HOST_BUILDS).join(', ')}`);
  process.exit(2);
}

const server = createPreviewServer({
  telemetryUrl: values.telemetry,
  build: values.build as HostBuild,
  fixtures: values.fixtures,
  plugins: values.plugin,
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
