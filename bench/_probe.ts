import { decodeBinaryBatch, encodeBinaryBatch } from '@eracing/telemetry-core';
import { ClientBuffers } from './client-buffers';
import { liveBatches } from './live-batches';
const batches = liveBatches(50, 'b');
const bin = batches.map(encodeBinaryBatch);
const buffers = new ClientBuffers(6000);
function decodeOnly() {
  for (const b of bin) decodeBinaryBatch(b);
}
function appendOnly(decoded: ReturnType<typeof decodeBinaryBatch>[]) {
  for (const d of decoded) buffers.append(d);
}
function both() {
  for (const b of bin) buffers.append(decodeBinaryBatch(b));
}
const decoded = bin.map((b) => decodeBinaryBatch(b));
for (let r = 0; r < 5; r++) {
  let t = performance.now();
  for (let k = 0; k < 40; k++) decodeOnly();
  const d = ((performance.now() - t) / 2000) * 1000;
  t = performance.now();
  for (let k = 0; k < 40; k++) appendOnly(decoded);
  const a = ((performance.now() - t) / 2000) * 1000;
  t = performance.now();
  for (let k = 0; k < 40; k++) both();
  const ab = ((performance.now() - t) / 2000) * 1000;
  console.log(
    `decode ${d.toFixed(1)} append ${a.toFixed(1)} both ${ab.toFixed(1)} us/batch → ${(8600 / ab).toFixed(0)} M/s`,
  );
}
