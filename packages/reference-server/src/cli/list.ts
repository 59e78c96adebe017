/** `list`: the sessions in the data directory. */
import type { SessionStore } from '../store/store';
import type { CliIo } from './io';
import { UsageError, type ParsedCommandLine } from './options';
import { openStore } from './store';

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s % 60).padStart(2, '0')}s`;
}

export async function listCommand(command: ParsedCommandLine, io: CliIo): Promise<number> {
  if (command.positionals.length) throw new UsageError(`list takes no arguments, got "${command.positionals[0]}"`);
  const store = await openStore(command.values, io);
  try {
    return await listStore(store, io);
  } finally {
    await store.close();
  }
}

async function listStore(store: SessionStore, io: CliIo): Promise<number> {
  const { sessions, problems } = await store.list();
  for (const problem of problems) io.err(`warning: ${problem}`);
  if (!sessions.length) {
    io.out(`no sessions in ${store.description}`);
    return 0;
  }
  const rows = [['ID', 'SOURCE', 'START (UTC)', 'LENGTH', 'CARS', 'BATCHES', 'MB', 'NAME']];
  for (const stored of sessions) {
    const source = await store.open(stored.id);
    const { summary } = source;
    const origin = stored.session.source;
    const kind = origin.type === 'simulator' ? `sim seed ${origin.seed}` : origin.type;
    rows.push([
      stored.id,
      kind,
      new Date(summary.startTime)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ''),
      duration((summary.endTime ?? summary.startTime) - summary.startTime),
      String(source.cars.length),
      String(source.stats.batches),
      (source.stats.bytes / 1e6).toFixed(1),
      summary.name,
    ]);
    source.close();
  }
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
  for (const row of rows)
    io.out(row.map((cell, k) => (k === row.length - 1 ? cell : cell.padEnd(widths[k]))).join('  '));
  return 0;
}
