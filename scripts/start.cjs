// `npm start`: install what is missing, then run the simulated race on the reference server.
const { spawn } = require('node:child_process');
const path = require('node:path');
const { ensureDependencies, root } = require('./lib/ensure-deps.cjs');

ensureDependencies();

const cli = path.join(root, 'packages', 'reference-server', 'src', 'cli.ts');
const args = ['--import', 'tsx', cli, 'serve', ...process.argv.slice(2)];
const server = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });

const stop = (signal) => server.kill(signal);
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
server.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
