/** `npm run bench [name…]`: every benchmark, or the ones named. */
import { runCodecBench } from './codec';
import { runDatasourceIngestBench } from './datasource-ingest';
import { runImportBench } from './import';
import { runLapDeltaBench } from './lap-delta';
import { runPreviewBackendBench } from './preview-backend';
import { runPreviewLiveBench } from './preview-live';
import { runServerMemoryBench } from './server-memory';
import { runStoreBench } from './store';
import { runTyreHeatmapBench } from './tyre-heatmap';
import { runTrackMapBench } from './track-map';
// Last: it needs the DOM the benches above set up.
import { runBackendBench } from './backend';

const benches: Record<string, () => void | Promise<void>> = {
  codec: runCodecBench,
  'server-memory': runServerMemoryBench,
  'datasource-ingest': runDatasourceIngestBench,
  'preview-live': runPreviewLiveBench,
  'preview-backend': runPreviewBackendBench,
  'tyre-heatmap': runTyreHeatmapBench,
  'lap-delta': runLapDeltaBench,
  'track-map': runTrackMapBench,
  import: runImportBench,
  backend: runBackendBench,
  store: runStoreBench,
};

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in benches));
  if (unknown.length) {
    console.error(`Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  for (const name of wanted.length ? wanted : Object.keys(benches)) await benches[name]();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
