// `npm start`: install what is missing, build the plugins and the preview host, then run the simulated race on the
// reference server and the preview (not Grafana) with the live session dashboard.
//   npm start -- --cars 20 --seed 4     options after `--` go to the reference server (`npm run server -- --help`)
//   PREVIEW_PORT=3002 npm start         the preview's port (default 3001)
const { spawn } = require('node:child_process');
const path = require('node:path');
const { ensureDependencies, root } = require('./lib/ensure-deps.cjs');
const { step } = require('./lib/run.cjs');
const { startServerArgs } = require('./lib/start-args.cjs');

ensureDependencies();
step('Build the plugins', 'node', ['scripts/build.cjs', '--backend=host']);
step('Build the preview host', 'node', ['preview/build.cjs']);

const { serverArgs, telemetryPort } = startServerArgs(process.argv.slice(2));
const previewPort = process.env.PREVIEW_PORT ?? '3001';

// Each child in its own process group: Ctrl-C reaches only this script, which tells each child once (a server told
// twice exits without flushing its recording).
const options = { cwd: root, stdio: 'inherit', detached: true };
const cli = path.join(root, 'packages', 'reference-server', 'src', 'cli.ts');
const children = [
  spawn(process.execPath, ['--import', 'tsx', cli, 'serve', ...serverArgs], options),
  spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(root, 'preview', 'server', 'main.ts'),
      '--port',
      previewPort,
      '--telemetry',
      `ws://127.0.0.1:${telemetryPort}`,
    ],
    options,
  ),
];

setTimeout(() => {
  console.log(
    `\n  ▶ Live session dashboard (preview, not Grafana): http://127.0.0.1:${previewPort}/d/eracing-live-session` +
      `\n    Telemetry server: ws://127.0.0.1:${telemetryPort}   ·   Ctrl-C stops both\n`,
  );
}, 1500);

let stopping = false;
let exitCode = 0;
function stopAll(signal) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
}
process.on('SIGINT', () => stopAll('SIGINT'));
process.on('SIGTERM', () => stopAll('SIGTERM'));
let running = children.length;
for (const child of children) {
  child.on('exit', (code) => {
    // A preview without its server, or the reverse, is no use: the first to stop on its own takes the other along.
    if (!stopping && code) exitCode = code;
    stopAll('SIGTERM');
    if (--running === 0) process.exit(exitCode);
  });
}
