// `npm test`: every check the project keeps, in the order a failure is cheapest to find.
const fs = require('node:fs');
const { ensureDependencies } = require('./lib/ensure-deps.cjs');
const { step } = require('./lib/run.cjs');
const { chromiumPath } = require('./lib/chromium.cjs');

ensureDependencies();
const npx = (args) => ['npx', ['--no-install', ...args]];

step('Type-check', ...npx(['tsc', '-p', 'tsconfig.json', '--noEmit']));
step('Lint and format check', ...npx(['eslint', '.', '--max-warnings', '0']));
step('Format check', ...npx(['prettier', '--check', '.', '--log-level', 'warn']));
step('Build the plugins', 'node', ['scripts/build.cjs']);
step('Unit and integration tests (Jest)', ...npx(['jest', '--ci']));

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
