/**
 * The datasource's live ingest path at 20 cars × 100 Hz × every channel: a binary message in, its batch decoded
 * (`decodeServerMessage`), copied into the cars' columnar windows, and the frames of the whole window ready to emit.
 * Peer, in the same run: Grafana's streaming tutorial — JSON per message and a per-row `CircularDataFrame.add`
 * (peers/json-circular-frames.ts). Time is accelerated: batches are fed as fast as the path takes them. Our rate is
 * measured in child processes (datasource-ingest-child.ts); emissions, the heap and the peer in this process.
 */
import './grafana-dom';

import { fork } from 'node:child_process';
import { join } from 'node:path';

import { CHANNELS } from '@eracing/telemetry-core/channels';
import { decodeServerMessage, encodeBinaryBatch, encodeJsonBatch } from '@eracing/telemetry-core/codec';
import { type TelemetryBatch } from '@eracing/telemetry-core/protocol';
import { type DataFrame } from '@grafana/data';

import { describeChannel, withLapChannels } from '../datasource/src/frames/telemetry-frame';
import { TelemetryLink } from '../datasource/src/link/telemetry-link';
import { Pacer } from '../datasource/src/live/pacer';
import { TelemetryWindow } from '../datasource/src/live/telemetry-window';
import { LIVE_CARS, liveBatches } from './live-batches';
import { JsonCircularFrames } from './peers/json-circular-frames';
import { ROOT } from './root';
import { gc, median, medianRate, millions, printTable, ratePerSecond } from './table';

const CARS = LIVE_CARS;
const BATCH_MS = 100;
/** Distinct batches, replayed with their time moved on by the ring's length each time round. */
const RING = 100;
const RING_MS = RING * BATCH_MS;
const WINDOW_S = 60;
const CAPACITY = WINDOW_S * 100 + 100;
const EMIT_HZ = 30;

interface Message {
  bytes: ArrayBuffer;
  /** The message's time column, a view into `bytes`, moved on in place as the ring repeats. */
  time: Float64Array;
}

function binaryMessage(batch: TelemetryBatch): Message {
  const bytes = encodeBinaryBatch(batch);
  const decoded = decodeServerMessage(bytes);
  if (decoded.kind !== 'batch') throw new Error('not a batch');
  const time = decoded.batch.time;
  return { bytes: bytes.buffer as ArrayBuffer, time: new Float64Array(bytes.buffer, time.byteOffset, time.length) };
}

/** The datasource's path for one message: decode, ingest into the window, build the window's frames. */
export class DatasourcePath {
  readonly window: TelemetryWindow;
  private next = 0;

  constructor(private readonly messages: Message[]) {
    const channels = withLapChannels(
      CHANNELS.map((c) => c.name),
      CHANNELS.map((c) => c.name),
    ).map((name) => describeChannel(name));
    this.window = new TelemetryWindow(new TelemetryLink({ url: 'ws://127.0.0.1:9' }), {
      refId: 'A',
      channels,
      windowMs: WINDOW_S * 1000,
      capacity: CAPACITY,
      carColours: true,
    });
  }

  /** Feeds the next message of the ring into the window. */
  ingest(): void {
    if (this.next === this.messages.length) {
      this.next = 0;
      for (const message of this.messages) for (let i = 0; i < message.time.length; i++) message.time[i] += RING_MS;
    }
    const decoded = decodeServerMessage(this.messages[this.next++].bytes);
    if (decoded.kind === 'batch') this.window.ingest(decoded.batch);
  }

  /** The frames of the whole window, ready to emit. */
  frames(): DataFrame[] {
    return this.window.frames({});
  }
}

function heapAfterGc(): number {
  gc();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
}

/**
 * Batches fed as fast as the path takes them (yielding now and then so timers run), emissions coalesced by the
 * datasource's Pacer: the live path under a firehose. Returns batches and emissions per second.
 */
async function firehose(path: DatasourcePath, ms: number): Promise<{ batches: number; emissions: number }> {
  let emissions = 0;
  const pacer = new Pacer(1000 / EMIT_HZ, () => (emissions += path.frames().length > 0 ? 1 : 0));
  let batches = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 10; i++) {
      path.ingest();
      pacer.request();
    }
    batches += 10;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const seconds = (performance.now() - start) / 1000;
  pacer.stop();
  return { batches: batches / seconds, emissions: emissions / seconds };
}

/** Batches per second of `path` under the firehose: the median of five rounds, each from a collected heap. */
export async function firehoseRate(path: DatasourcePath): Promise<number> {
  await firehose(path, 500);
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    gc();
    rounds.push((await firehose(path, 600)).batches);
  }
  return median(rounds);
}

/** The ring of live messages every path is fed. */
export const liveMessages = (): Message[] => liveBatches(RING, 'live-1').map(binaryMessage);

/** Batches per second of the path in a process of its own. */
function rateInChild(): Promise<number> {
  const child = fork(join(ROOT, 'bench', 'datasource-ingest-child.ts'), [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
  });
  return new Promise<number>((resolve, reject) => {
    child.once('message', (message: { batches: number }) => resolve(message.batches));
    child.once('exit', (code) => reject(new Error(`the ingest bench's child exited with ${code} before reporting`)));
  }).finally(() => child.kill());
}

/** The path's rate in each of three processes of its own. */
async function processRates(): Promise<number[]> {
  const rates: number[] = [];
  for (let i = 0; i < 3; i++) rates.push(await rateInChild());
  return rates;
}

/** The median of `rates` (batches per second) in M values/s, and their range. */
function medianAndRange(rates: number[], valuesPerBatch: number): string {
  const m = (rate: number) => ((rate * valuesPerBatch) / 1e6).toFixed(1);
  return `${millions(median(rates) * valuesPerBatch)} (${m(Math.min(...rates))}–${m(Math.max(...rates))})`;
}

export async function runDatasourceIngestBench(): Promise<void> {
  // Ours first, in processes of their own: fifteen rounds over three processes, which one slow spell of a shared
  // machine cannot decide as it could five rounds in one.
  const rates = await processRates();
  const batches = liveBatches(RING, 'live-1');
  const channels = Object.keys(batches[0].channels);
  const valuesPerBatch = batches[0].time.length * (1 + channels.length);
  const path = new DatasourcePath(batches.map(binaryMessage));
  const peer = new JsonCircularFrames(batches.map(encodeJsonBatch), channels, CAPACITY);

  // Ours before the peer fills the heap with its rows.
  const paced = { batches: median(rates), emissions: (await firehose(path, 3000)).emissions };
  const theirs = medianRate(() => peer.step());
  const everyBatch = ratePerSecond(() => {
    path.ingest();
    path.frames();
  }, 2000);
  const oursValues = paced.batches * valuesPerBatch;
  const theirsValues = theirs * valuesPerBatch;

  // Two windows of warm-up reach the steady state (buffers grown, spares allocated); then two more windows.
  const windowBatches = (WINDOW_S * 1000) / BATCH_MS;
  for (let i = 0; i < 2 * windowBatches; i++) path.ingest();
  const before = heapAfterGc();
  for (let i = 0; i < 2 * windowBatches; i++) {
    path.ingest();
    if (i % 3 === 0) path.frames();
  }
  const after = heapAfterGc();
  const growth = (after - before) / before;
  const rows = path.frames()[0].length;

  printTable(
    `Datasource live ingest, batch in → frames ready to emit: ${CARS} cars × 100 Hz × ${channels.length} channels, ` +
      `${batches[0].time.length} rows per 100 ms batch, ${WINDOW_S} s window (${rows} rows per car)`,
    [
      {
        what: `binary ingest → frames (≤ ${EMIT_HZ} emissions/s), median of 3 processes`,
        figure: medianAndRange(rates, valuesPerBatch),
        peer: `JSON + CircularDataFrame ${millions(theirsValues)}`,
        ratio: `${(oursValues / theirsValues).toFixed(1)}×`,
        target: '≥ 50 M/s and ≥ 20× peer',
        pass: oursValues >= 50e6 && oursValues >= 20 * theirsValues,
      },
      {
        what: 'binary ingest → frames, emitting every batch',
        figure: millions(everyBatch * valuesPerBatch),
        peer: `JSON + CircularDataFrame ${millions(theirsValues)}`,
        ratio: `${(everyBatch / theirs).toFixed(1)}×`,
      },
      {
        what: 'live batches per second',
        figure: `${paced.batches.toFixed(0)} /s`,
        peer: `${theirs.toFixed(0)} /s`,
        ratio: `${(paced.batches / theirs).toFixed(1)}×`,
        target: '≥ 10 /s (real time)',
        pass: paced.batches >= 10,
      },
      {
        what: 'heap growth over 2 windows, after GC',
        figure: `${(growth * 100).toFixed(2)} % (${(before / 2 ** 20).toFixed(0)} → ${(after / 2 ** 20).toFixed(0)} MiB)`,
        target: '≤ 5 %',
        pass: growth <= 0.05,
      },
      {
        what: 'emissions per second under that firehose (3 s)',
        figure: `${paced.emissions.toFixed(1)} /s`,
        peer: `tutorial: 1 per batch, ${theirs.toFixed(0)} /s`,
        target: `≤ ${EMIT_HZ} /s`,
        pass: paced.emissions <= EMIT_HZ + 0.5,
      },
    ],
  );
}
