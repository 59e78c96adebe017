// `npm run grafana`: build the plugins, then run Grafana and the reference server with Docker Compose.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { ensureDependencies, root } = require('./lib/ensure-deps.cjs');
const { step } = require('./lib/run.cjs');

const docker = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
if (docker.status !== 0) {
  console.error(
    'npm run grafana needs Docker with the compose plugin (`docker compose version` failed).\n' +
      'Without Docker, `npm start` runs the same dashboards in the preview host.',
  );
  process.exit(1);
}
if (!process.env.GRAFANA_ADMIN_PASSWORD) {
  console.error(
    'Set GRAFANA_ADMIN_PASSWORD to the Grafana admin password you want, e.g.\n  GRAFANA_ADMIN_PASSWORD=… npm run grafana',
  );
  process.exit(1);
}

ensureDependencies();
step('Build the plugins', 'node', ['scripts/build.cjs']);
const compose = path.join(root, 'compose', 'docker-compose.yml');
const result = spawnSync('docker', ['compose', '-f', compose, 'up', '--build', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
