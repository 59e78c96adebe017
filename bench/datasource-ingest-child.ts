/** The ingest bench's path measured in a process of its own. */
import { DatasourcePath, firehoseRate, liveMessages } from './datasource-ingest';

async function measure(): Promise<void> {
  const batches = await firehoseRate(new DatasourcePath(liveMessages()));
  process.send?.({ batches });
}

if (process.send) void measure();
