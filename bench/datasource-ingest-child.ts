/**
 * The ingest bench's path measured in a process of its own, its window extremes summarised by the WebAssembly SIMD
 * kernel or, given `javascript`, by the JavaScript loop.
 */
import { enableBlockMinMax } from '../datasource/src/live/block-minmax';
import { DatasourcePath, firehoseRate, liveMessages } from './datasource-ingest';

async function measure(): Promise<void> {
  enableBlockMinMax(process.argv[2] !== 'javascript');
  const batches = await firehoseRate(new DatasourcePath(liveMessages()));
  process.send?.({ batches });
}

if (process.send) void measure();
