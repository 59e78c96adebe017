// `npm test`: every check the project keeps, in the order a failure is cheapest to find.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ensureDependencies, root } = require('./lib/ensure-deps.cjs');
const { step } = require('./lib/run.cjs');
const { chromiumPath } = require('./lib/chromium.cjs');
const { findGo } = require('./build-backend.cjs');

/**
 * The backend for the other four platforms Grafana's packages carry, built at low priority while the tests run: on
 * a machine whose Go build cache is cold that is minutes of CPU, most of it hidden behind the tests. Its output goes
 * to a log, shown when it fails.
 */
function startCrossBuild() {
  const log = path.join(root, 'node_modules', '.cache', 'backend-cross-build.log');
  fs.mkdirSync(path.dirname(log), { recursive: true });
  const out = fs.openSync(log, 'w');
  const started = Date.now();
  // Its own process group, so that go and its compilers stop with it.
  const child = spawn('node', ['scripts/build-backend.cjs', '--others', '--background'], {
    cwd: root,
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  // A failed or interrupted step exits the script: the build goes with it.
  const stop = () => {
    if (child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  };
  process.on('exit', stop);
  process.on('SIGINT', () => process.exit(130));
  console.log(`\n▶ Backend for the other platforms: building in the background (log: ${path.relative(root, log)})`);
  return { child, log, started, stop };
}

/** Waits for the background build (the tests are done: it has the CPU now) and reports it as a step. */
async function finishCrossBuild({ child, log, started, stop }) {
  const title = 'Backend for the other platforms (built in the background)';
  console.log(`\n▶ ${title}`);
  const code = child.exitCode ?? (await new Promise((resolve) => child.once('exit', (c) => resolve(c ?? 1))));
  process.off('exit', stop);
  const text = fs.readFileSync(log, 'utf8');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(text.replace(/^(?=.)/gm, '  '));
  if (code !== 0) {
    console.error(`✖ ${title} failed (${seconds} s since it started)`);
    process.exit(code);
  }
  console.log(`✔ ${title} (${seconds} s since it started)`);
}

ensureDependencies();
const npx = (args) => ['npx', ['--no-install', ...args]];

step('Type-check', ...npx(['tsc', '-p', 'tsconfig.json', '--noEmit']));
step('Type-check the preview host', ...npx(['tsc', '-p', 'preview/tsconfig.json', '--noEmit']));
step('Lint and format check', ...npx(['eslint', '.', '--max-warnings', '0']));
step('Format check', ...npx(['prettier', '--check', '.', '--log-level', 'warn']));
// The backend for this machine first: the process-level test host starts it.
step('Build the plugins', 'node', ['scripts/build.cjs', '--backend=host']);
const go = findGo();
if (!go) {
  console.error('\n✖ The datasource backend needs Go 1.26+ (on PATH or at /usr/local/go/bin): https://go.dev/dl/');
  process.exit(1);
}
const crossBuild = startCrossBuild();
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
void finishCrossBuild(crossBuild);
