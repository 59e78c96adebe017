/**
 * Codec benchmark at the live shape: 20 cars × 100 Hz × all channels, in the batches the server sends
 * (one per 100 ms). Decode ends with every value copied into the client's own buffers.
 */
import { decodeBinaryBatch, decodeJsonBatch, encodeBinaryBatch, encodeJsonBatch } from '@eracing/telemetry-core/codec';
import { type CarRun, type SampleBatch, type TelemetryBatch } from '@eracing/telemetry-core/protocol';
import { LIVE_CARS, liveBatches, valuesIn } from './live-batches';
import { decodeArrowBatch, encodeArrowBatch } from './peers/arrow-ipc';
import { ClientBuffers } from './client-buffers';
import { medianRate, millions, printTable } from './table';

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

/** An Arrow record batch as the client's buffers take it: rows of a car are contiguous, so they become car runs. */
function arrowBatch(decoded: ReturnType<typeof decodeArrowBatch>): SampleBatch {
  const cars: CarRun[] = [];
  for (let row = 0; row < decoded.time.length;) {
    const car = decoded.cars[decoded.carIndex[row]];
    let end = row + 1;
    while (end < decoded.time.length && decoded.carIndex[end] === decoded.carIndex[row]) end++;
    cars.push({ car, start: row, length: end - row });
    row = end;
  }
  return { time: decoded.time, cars, channels: decoded.channels };
}

export function runCodecBench(): void {
  const batches = liveBatches(BATCHES, 'bench');
  const values = batches.reduce((sum, b) => sum + valuesIn(b), 0);
  const json = batches.map(encodeJsonBatch);
  const binary = batches.map(encodeBinaryBatch);
  const arrow = batches.map(encodeArrowBatch);
  // Each codec's client has its own buffers of one minute at 100 Hz, as the datasource bench keeps.
  const buffers = new ClientBuffers(6_000);
  const jsonBuffers = new ClientBuffers(6_000);
  const arrowBuffers = new ClientBuffers(6_000);

  const perValue = (rates: number[]) => rates.map((rate) => rate * values);
  const everyBatch = (step: (i: number) => void) => () => {
    for (let i = 0; i < batches.length; i++) step(i);
  };
  const [binaryDecode, jsonDecode, arrowDecode] = perValue(
    [
      everyBatch((i) => buffers.append(decodeBinaryBatch(binary[i]))),
      everyBatch((i) => jsonBuffers.append(decodeJsonBatch(JSON.parse(json[i])))),
      everyBatch((i) => arrowBuffers.append(arrowBatch(decodeArrowBatch(arrow[i])))),
    ].map((decode) => medianRate(decode)),
  );
  assertCopied(buffers, batches[batches.length - 1]);
  const [jsonEncode, binaryEncode, arrowEncode] = perValue(
    [encodeJsonBatch, encodeBinaryBatch, encodeArrowBatch].map((encode) =>
      medianRate(everyBatch((i) => encode(batches[i]))),
    ),
  );

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
