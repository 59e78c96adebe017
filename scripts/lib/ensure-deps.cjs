// Installs dependencies when they are missing or older than the lock file, so `npm start` and
// `npm test` work on a fresh clone. Uses only Node built-ins: it runs before anything is installed.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');

function needsInstall() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  if (!fs.existsSync(marker)) return true;
  const lock = path.join(root, 'package-lock.json');
  return fs.existsSync(lock) && fs.statSync(lock).mtimeMs > fs.statSync(marker).mtimeMs + 1000;
}

function ensureDependencies() {
  if (!needsInstall()) return;
  const hasLock = fs.existsSync(path.join(root, 'package-lock.json'));
  const args = hasLock ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  console.log(`Installing dependencies (npm ${args[0]})…`);
  const result = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`npm ${args[0]} failed; see the output above.`);
    process.exit(result.status ?? 1);
  }
}

module.exports = { ensureDependencies, root };
