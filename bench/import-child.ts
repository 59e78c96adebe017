/**
 * One import in its own process, so its peak memory is its own: prints { ms, cpuMs, maxRssMb } as JSON (CPU time
 * beside wall time, because other work on a loaded machine stretches the wall time only).
 */
import { readIbt } from '../packages/reference-server/src/import/ibt';
import { readLd } from '../packages/reference-server/src/import/ld';
import { importNative } from '../packages/reference-server/src/import/native';
import { importCsv } from '../packages/reference-server/src/recording/csv-import';
import type { ImportMapping } from '../packages/reference-server/src/recording/csv-mapping';

async function main() {
  const [kind, file, dataDir, mappingJson] = process.argv.slice(2);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  if (kind === 'csv') {
    await importCsv({ file, dataDir, id: 'bench', mapping: JSON.parse(mappingJson) as ImportMapping });
  } else {
    await importNative({ file, dataDir, id: 'bench', reader: kind === 'ibt' ? readIbt : readLd });
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(JSON.stringify({ ms, cpuMs, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
