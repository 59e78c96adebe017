/** Prints benchmark rows as an aligned table. Every row names its figure, the peer and the ratio. */
export interface BenchRow {
  what: string;
  figure: string;
  peer?: string;
  ratio?: string;
  target?: string;
  pass?: boolean;
}

export function printTable(title: string, rows: BenchRow[]): void {
  const head = ['measure', 'figure', 'peer (same run)', 'ratio', 'target', ''];
  const body = rows.map((r) => [
    r.what,
    r.figure,
    r.peer ?? '',
    r.ratio ?? '',
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  console.log(`\n## ${title}\n`);
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const row of body) console.log(line(row));
}

export function millions(perSecond: number): string {
  return `${(perSecond / 1e6).toFixed(1)} M values/s`;
}

/** Runs `fn` repeatedly for at least `ms` (after a warm-up) and returns calls per second. */
export function ratePerSecond(fn: () => void, ms = 1000): number {
  const warmUntil = performance.now() + Math.min(300, ms / 3);
  while (performance.now() < warmUntil) fn();
  return timedRate(fn, ms);
}

function timedRate(fn: () => void, ms: number): number {
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 10; i++) fn();
    calls += 10;
    now = performance.now();
  }
  return (calls * 1000) / (now - start);
}

/** The middle value; of an even count, the upper of the two middle ones. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/**
 * Calls per second of `fn`: the median of `rounds` timed rounds, each started from a collected heap, after a warm-up.
 * The median keeps one slow spell of a shared machine from deciding the figure.
 */
export function medianRate(fn: () => void, rounds = 5, ms = 400): number {
  ratePerSecond(fn, 300);
  const rates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    gc();
    rates.push(timedRate(fn, ms));
  }
  return median(rates);
}

export function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run the benchmark with node --expose-gc (npm run bench does)');
  collect();
  collect();
}
