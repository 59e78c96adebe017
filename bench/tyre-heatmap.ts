/**
 * `npm run bench tyre-heatmap`: the tyre heatmap panel's car view per emission and heatmap per session build
 * (see tyre-heatmap-child.ts), measured in a child process with React's production build.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

import { ROOT } from './root';
import { printTable, type BenchRow } from './table';

export async function runTyreHeatmapBench(): Promise<void> {
  const child = fork(path.join(ROOT, 'bench', 'tyre-heatmap-child.ts'), [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const rows = await new Promise<BenchRow[]>((resolve, reject) => {
    child.once('message', (message: { rows: BenchRow[] }) => resolve(message.rows));
    child.once('exit', (code) => reject(new Error(`the tyre heatmap bench exited with ${code} before reporting`)));
  });
  child.kill();
  const load = os.loadavg()[0].toFixed(1);
  printTable(
    'Tyre heatmap panel (car view: the panel rendered by react-dom, production build, in jsdom; per call, the smaller ' +
      'of process CPU and wall time; ' +
      `load average ${load} on ${os.cpus().length} cores)`,
    rows,
  );
}
