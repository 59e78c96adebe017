/** One import in its own process, so its peak memory is its own: prints { ms, maxRssMb } as JSON. */
import { readIbt } from '../packages/reference-server/src/import/ibt';
import { readLd } from '../packages/reference-server/src/import/ld';
import { importNative } from '../packages/reference-server/src/import/native';
import { importCsv } from '../packages/reference-server/src/recording/csv-import';
import type { ImportMapping } from '../packages/reference-server/src/recording/csv-mapping';

async function main() {
  const [kind, file, dataDir, mappingJson] = process.argv.slice(2);
  const started = performance.now();
  if (kind === 'csv') {
    await importCsv({ file, dataDir, id: 'bench', mapping: JSON.parse(mappingJson) as ImportMapping });
  } else {
    await importNative({ file, dataDir, id: 'bench', reader: kind === 'ibt' ? readIbt : readLd });
  }
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
