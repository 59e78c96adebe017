/** `list`: the sessions in the data directory. */
import { listSessions, RecordedSessionSource, resolveDataDir } from '../recording';
import type { CliIo } from './io';
import { stringOption, UsageError, type ParsedCommandLine } from './options';

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s % 60).padStart(2, '0')}s`;
}

export function listCommand(command: ParsedCommandLine, io: CliIo): number {
  if (command.positionals.length) throw new UsageError(`list takes no arguments, got "${command.positionals[0]}"`);
  const dataDir = resolveDataDir(stringOption(command.values, 'data-dir'), io.env, io.cwd);
  const { sessions, problems } = listSessions(dataDir);
  for (const problem of problems) io.err(`warning: ${problem}`);
  if (!sessions.length) {
    io.out(`no sessions in ${dataDir}`);
    return 0;
  }
  const rows = [['ID', 'SOURCE', 'START (UTC)', 'LENGTH', 'CARS', 'BATCHES', 'MB', 'NAME']];
  for (const stored of sessions) {
    const source = RecordedSessionSource.open(stored.dir);
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
