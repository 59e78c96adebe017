const { spawnSync } = require('node:child_process');
const { root } = require('./ensure-deps.cjs');

/** Runs one step of a script in the foreground; stops the whole script when it fails. */
function step(title, command, args, options = {}) {
  const started = Date.now();
  console.log(`\n▶ ${title}`);
  const cwd = options.cwd ? require('node:path').resolve(root, options.cwd) : root;
  const result = spawnSync(command, args, { stdio: 'inherit', ...options, cwd });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${title} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${title} (${seconds} s)`);
}

module.exports = { step };
