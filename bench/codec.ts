/**
 * Codec benchmark at the live shape: 20 cars × 100 Hz × all channels, in the batches the server sends
 * (one per 100 ms). Decode ends with every value copied into the client's own buffers.
 */
import {
  decodeBinaryBatch,
  decodeJsonBatch,
  encodeBinaryBatch,
  encodeJsonBatch,
  type CarRun,
  type TelemetryBatch,
} from '@eracing/telemetry-core';
import { LIVE_CARS, liveBatches, valuesIn } from './live-batches';
import { decodeArrowBatch, encodeArrowBatch } from './candidates/arrow-ipc';
import { ClientBuffers } from './client-buffers';
import { millions, printTable, ratePerSecond } from './table';

const CARS = LIVE_CARS;
const BATCHES = 50;

/** The benchmark's copy is real: the last batch's values are in the client's buffers. */
function assertCopied(buffers: ClientBuffers, batch: TelemetryBatch): void {
  buffers.append(decodeBinaryBatch(encodeBinaryBatch(batch)));
  for (const run of batch.cars) {
    const speed = buffers.columns(run.car)!.get('speed')!;
    const written = Array.from(speed).lastIndexOf(batch.channels.speed[run.start]);
    if (written < 0) throw new Error(`car ${run.car}: speed was not copied`);
  }
}

export function runCodecBench(): void {
  const batches = liveBatches(BATCHES, 'bench');
  const values = batches.reduce((sum, b) => sum + valuesIn(b), 0);
  const json = batches.map(encodeJsonBatch);
  const binary = batches.map(encodeBinaryBatch);
  const arrow = batches.map(encodeArrowBatch);
  const buffers = new ClientBuffers(6_000); // one minute at 100 Hz, as the datasource bench keeps

  const encodeRate = (encode: (b: TelemetryBatch) => unknown) =>
    ratePerSecond(() => batches.forEach((b) => encode(b))) * values;
  const decodeRate = (decode: (i: number) => void) =>
    ratePerSecond(() => {
      for (let i = 0; i < batches.length; i++) decode(i);
    }) * values;

  const binaryDecode = decodeRate((i) => buffers.append(decodeBinaryBatch(binary[i])));
  const jsonDecode = decodeRate((i) => buffers.append(decodeJsonBatch(JSON.parse(json[i]))));
  const arrowDecode = decodeRate((i) => {
    const decoded = decodeArrowBatch(arrow[i]);
    const cars: CarRun[] = [];
    for (let row = 0; row < decoded.time.length;) {
      const car = decoded.cars[decoded.carIndex[row]];
      let end = row + 1;
      while (end < decoded.time.length && decoded.carIndex[end] === decoded.carIndex[row]) end++;
      cars.push({ car, start: row, length: end - row });
      row = end;
    }
    buffers.append({ time: decoded.time, cars, channels: decoded.channels });
  });
  assertCopied(buffers, batches[batches.length - 1]);
  const jsonEncode = encodeRate(encodeJsonBatch);
  const binaryEncode = encodeRate(encodeBinaryBatch);
  const arrowEncode = encodeRate(encodeArrowBatch);

  const rowsPerBatch = batches[0].time.length;
  const channels = Object.keys(batches[0].channels).length;
  const kb = (list: Array<string | Uint8Array>) =>
    (list.reduce((s, m) => s + m.length, 0) / list.length / 1024).toFixed(1);
  printTable(
    `Codec at the live shape: ${CARS} cars × 100 Hz × ${channels} channels, ${rowsPerBatch} rows per 100 ms batch ` +
      `(JSON ${kb(json)} KiB, binary ${kb(binary)} KiB, Arrow ${kb(arrow)} KiB per batch)`,
    [
      {
        what: 'binary decode + copy',
        figure: millions(binaryDecode),
        peer: `JSON ${millions(jsonDecode)}`,
        ratio: `${(binaryDecode / jsonDecode).toFixed(1)}×`,
        target: '≥ 100 M/s and ≥ 10× JSON',
        pass: binaryDecode >= 100e6 && binaryDecode >= 10 * jsonDecode,
      },
      {
        what: 'binary decode + copy',
        figure: millions(binaryDecode),
        peer: `Arrow IPC ${millions(arrowDecode)}`,
        ratio: `${(binaryDecode / arrowDecode).toFixed(1)}×`,
      },
      {
        what: 'binary encode',
        figure: millions(binaryEncode),
        peer: `JSON ${millions(jsonEncode)}`,
        ratio: `${(binaryEncode / jsonEncode).toFixed(1)}×`,
      },
      {
        what: 'binary encode',
        figure: millions(binaryEncode),
        peer: `Arrow IPC ${millions(arrowEncode)}`,
        ratio: `${(binaryEncode / arrowEncode).toFixed(1)}×`,
      },
    ],
  );
}
