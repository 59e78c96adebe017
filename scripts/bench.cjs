// `npm run bench [name…]`: bundles the benchmarks with our TypeScript inlined, as webpack bundles it into the
// plugins that ship, then runs them with the garbage collector exposed. Packages from node_modules stay external.
const { spawn } = require('node:child_process');
const path = require('node:path');
const { ensureDependencies, root } = require('./lib/ensure-deps.cjs');

ensureDependencies();
const outfile = path.join(root, 'node_modules', '.cache', 'bench', 'run.cjs');
require('esbuild').buildSync({
  entryPoints: [path.join(root, 'bench', 'run.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  alias: { '@eracing/telemetry-core': './packages/telemetry-core/src' },
  outfile,
  logLevel: 'warning',
});
const bench = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', outfile, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ERACING_ROOT: root },
});
bench.on('exit', (code) => process.exit(code ?? 1));
