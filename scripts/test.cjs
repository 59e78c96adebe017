// `npm test`: every check the project keeps, in the order a failure is cheapest to find.
const fs = require('node:fs');
const { ensureDependencies } = require('./lib/ensure-deps.cjs');
const { step } = require('./lib/run.cjs');
const { chromiumPath } = require('./lib/chromium.cjs');
const { findGo } = require('./build-backend.cjs');

ensureDependencies();
const npx = (args) => ['npx', ['--no-install', ...args]];

step('Type-check', ...npx(['tsc', '-p', 'tsconfig.json', '--noEmit']));
step('Type-check the preview host', ...npx(['tsc', '-p', 'preview/tsconfig.json', '--noEmit']));
step('Lint and format check', ...npx(['eslint', '.', '--max-warnings', '0']));
step('Format check', ...npx(['prettier', '--check', '.', '--log-level', 'warn']));
// The backend for this machine only: the process-level test host starts it. The five platforms of a release take
// a quarter of an hour of CPU on CI's two cores; `npm run build` and `npm run package` build them.
step('Build the plugins', 'node', ['scripts/build.cjs', '--backend=host']);
const go = findGo();
if (!go) {
  console.error('\n✖ The datasource backend needs Go 1.26+ (on PATH or at /usr/local/go/bin): https://go.dev/dl/');
  process.exit(1);
}
step('Go vet (datasource backend)', go, ['vet', './...'], { cwd: 'datasource' });
step('Go tests (datasource backend: handlers, vectors, dataplane, process-level host)', go, ['test', './...'], {
  cwd: 'datasource',
});
// Both builds of the preview host (Grafana 12.4 + React 18, and 13.2 + React 19, installed into preview/compat
// with npm ci when missing) and the wrong-build fixture plugins the browser tests load.
step('Build the preview host and the fixture plugins', 'node', ['preview/build.cjs', 'all']);
step('Unit and integration tests (Jest)', ...npx(['jest', '--ci']));
step('Unit tests of the preview host (Jest)', ...npx(['jest', '--ci', '-c', 'preview/jest.config.cjs']));

const browser = chromiumPath();
if (!fs.existsSync(browser)) {
  console.error(
    `\n✖ Browser tests need Chromium at ${browser}, and it is not there.\n` +
      '  Install it with:  sudo apt-get install chromium   (Debian/Ubuntu)\n' +
      '  or point CHROMIUM_PATH at an installed Chromium or Chrome.',
  );
  process.exit(1);
}
step('Browser tests (Playwright, Chromium)', ...npx(['playwright', 'test']));
