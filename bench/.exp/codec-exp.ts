import { decodeBinaryBatch, encodeBinaryBatch } from '@eracing/telemetry-core';
import { liveBatches, valuesIn } from '../live-batches';
import { ClientBuffers } from '../client-buffers';
import { ratePerSecond } from '../table';
const batches = liveBatches(50, 'b');
const values = batches.reduce((s, b) => s + valuesIn(b), 0);
const bin = batches.map(encodeBinaryBatch);
const decoded = bin.map((b) => decodeBinaryBatch(b));
for (let k = 0; k < 3; k++) {
const dec = ratePerSecond(() => { for (const b of bin) decodeBinaryBatch(b); }) * values;
console.log('decode only', (dec / 1e6).toFixed(1));
for (const cap of [100, 1000, 6000, 20000]) {
  const buf = new ClientBuffers(cap);
  const r = ratePerSecond(() => { for (const d of decoded) buf.append(d); }) * values;
  const buf2 = new ClientBuffers(cap);
  const r2 = ratePerSecond(() => { for (const b of bin) buf2.append(decodeBinaryBatch(b)); }) * values;
  console.log('cap', cap, 'copy only', (r / 1e6).toFixed(1), 'decode+copy', (r2 / 1e6).toFixed(1));
}
}
