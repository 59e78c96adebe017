import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeBinaryBatch } from '@eracing/telemetry-core/codec';
import { BatchLog } from '../src/recording/batch-log';
import { readEvents } from '../src/recording/event-log';
import { BATCHES_FILE, INDEX_FILE, sessionDir } from '../src/recording/layout';
import { RecordedSessionSource } from '../src/recording/recorded-source';
import { SessionRecorder } from '../src/recording/recorder';
import { circleLapTime, circleSource } from './recording-fixture-source';

const START = Date.UTC(2025, 4, 17, 10, 0, 0);
let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eracing-rec-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function encode(source: ReturnType<typeof circleSource>, seq: number): Buffer {
  const b = source.batch(seq);
  return Buffer.from(encodeBinaryBatch({ ...b, session: source.summary.id, epoch: source.epoch, seq }));
}

/** Opens a recorder whose clock stands still at `now`, and records up to it. */
async function record(now: number, source = circleSource({ startTime: START })): Promise<SessionRecorder> {
  const recorder = await SessionRecorder.open({
    dataDir,
    source,
    origin: { type: 'simulator', seed: 1, cars: 2 },
    clock: () => now,
  });
  await recorder.tick(now);
  return recorder;
}

function recordedSeqs(): number[] {
  const log = BatchLog.openForRead(sessionDir(dataDir, 'circle'));
  const seqs = Array.from({ length: log.count }, (_, p) => log.seqAt(p));
  log.close();
  return seqs;
}

test('appends every complete batch as a length-prefixed ERCB record, readable back byte for byte', async () => {
  const recorder = await record(START + 1050);
  expect(recorder.lastRecordedSeq).toBe(9);
  await recorder.close();

  const dir = sessionDir(dataDir, 'circle');
  const bytes = fs.readFileSync(path.join(dir, BATCHES_FILE));
  const reference = circleSource({ startTime: START });
  let offset = 0;
  for (let seq = 0; seq <= 9; seq++) {
    const expected = encode(reference, seq);
    expect(bytes.readUInt32LE(offset)).toBe(expected.length);
    expect(bytes.subarray(offset + 4, offset + 4 + expected.length).equals(expected)).toBe(true);
    offset += 4 + expected.length;
  }
  expect(offset).toBe(bytes.length);
  expect(fs.statSync(path.join(dir, INDEX_FILE)).size).toBe(10 * 16);

  const recorded = RecordedSessionSource.open(dir);
  expect(recorded.summary).toMatchObject({ id: 'circle', kind: 'recorded', live: false, startTime: START });
  expect(recorded.summary.endTime).toBe(START + 980);
  expect(recorded.epoch).toBe('circle-1');
  expect(recorded.lastSeq(0)).toBe(9);
  const batch = recorded.batch(4);
  const original = reference.batch(4);
  expect(batch.cars).toEqual(original.cars);
  expect(Array.from(batch.time)).toEqual(Array.from(original.time));
  expect(Array.from(batch.channels.lap_distance)).toEqual(Array.from(original.channels.lap_distance));
  expect(recorded.batch(50).time.length).toBe(0);
  recorded.close();
});

test('a torn last record is cut off on open and recording continues after the last whole one', async () => {
  const recorder = await record(START + 500);
  await recorder.close();
  const file = path.join(sessionDir(dataDir, 'circle'), BATCHES_FILE);
  const whole = fs.statSync(file).size;
  // A crash mid-write: the length prefix and part of the next record.
  const next = encode(circleSource({ startTime: START }), 5);
  const torn = Buffer.alloc(4 + 300);
  torn.writeUInt32LE(next.length, 0);
  next.copy(torn, 4, 0, 300);
  fs.appendFileSync(file, torn);

  // A reader ignores the torn tail without touching the file.
  const reader = RecordedSessionSource.open(sessionDir(dataDir, 'circle'));
  expect(reader.lastSeq(0)).toBe(4);
  reader.close();
  expect(fs.statSync(file).size).toBe(whole + torn.length);

  const lines: string[] = [];
  const resumed = await SessionRecorder.open({
    dataDir,
    source: circleSource({ startTime: START }),
    origin: { type: 'simulator', seed: 1, cars: 2 },
    clock: () => START + 800,
    log: (line) => lines.push(line),
  });
  expect(fs.statSync(file).size).toBe(whole);
  expect(lines.join('\n')).toMatch(/cut off a torn record/);
  // Kept aside, not thrown away.
  expect(fs.readFileSync(`${file}.torn-${whole}`).equals(torn)).toBe(true);
  await resumed.tick(START + 800);
  await resumed.close();
  expect(recordedSeqs()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
});

test('after a restart the recorder back-fills the batches missed while down: no gap, no duplicate', async () => {
  const first = await record(START + 1000);
  await first.close();
  // Down for 3 s; a fresh source with the same start regenerates what was missed.
  const source = circleSource({ startTime: START });
  const second = await record(START + 4000, source);
  expect(source.produced).toBe(30);
  await second.close();
  expect(recordedSeqs()).toEqual(Array.from({ length: 40 }, (_, i) => i));

  const recorded = RecordedSessionSource.open(sessionDir(dataDir, 'circle'));
  const reference = circleSource({ startTime: START });
  for (const seq of [0, 9, 10, 39]) {
    expect(Array.from(recorded.batch(seq).channels.x)).toEqual(Array.from(reference.batch(seq).channels.x));
  }
  recorded.close();
});

test('a stale or missing index is rebuilt from the data', async () => {
  const recorder = await record(START + 2000);
  await recorder.close();
  const dir = sessionDir(dataDir, 'circle');
  const index = path.join(dir, INDEX_FILE);
  // The index lost its last 5 entries and half of another.
  fs.truncateSync(index, 14 * 16 + 8);
  expect(recordedSeqs()).toEqual(Array.from({ length: 20 }, (_, i) => i));
  // A reader leaves the files alone (a recorder may be appending); the recorder rewrites the index.
  expect(fs.statSync(index).size).toBe(14 * 16 + 8);
  fs.rmSync(index);
  expect(recordedSeqs()).toEqual(Array.from({ length: 20 }, (_, i) => i));
  const resumed = await record(START + 2000);
  await resumed.close();
  expect(fs.statSync(index).size).toBe(20 * 16);
  expect(recordedSeqs()).toEqual(Array.from({ length: 20 }, (_, i) => i));
});

test('refuses to continue a directory recorded with another epoch', async () => {
  const recorder = await record(START + 500);
  await recorder.close();
  await expect(
    SessionRecorder.open({
      dataDir,
      source: circleSource({ startTime: START, epoch: 'other' }),
      origin: { type: 'simulator', seed: 1, cars: 2 },
    }),
  ).rejects.toThrow(/different recording of session circle \(epoch circle-1 ≠ other\)/);
});

test('records the source events once, up to the end of the recorded batches', async () => {
  const first = await record(START + 25_000);
  await first.close();
  const second = await record(START + 31_000);
  await second.close();
  const events = readEvents(sessionDir(dataDir, 'circle'));
  expect(events.map((e) => e.text)).toEqual(['Yellow 1', 'Yellow 2', 'Yellow 3']);
});

test('polls on its own and flushes within a second', async () => {
  let now = START + 300;
  const recorder = await SessionRecorder.open({
    dataDir,
    source: circleSource({ startTime: START }),
    origin: { type: 'simulator', seed: 1, cars: 2 },
    clock: () => now,
    intervalMs: 20,
  });
  try {
    recorder.start();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(recordedSeqs()).toEqual([0, 1, 2]);
    now = START + 700;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(recordedSeqs()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  } finally {
    await recorder.close();
  }
});

test('laps of a recording are computed from its samples: exact crossings, sectors, energy and flags', async () => {
  // 50 s: car 1 (20 s laps) completes laps 1 and 2; car 2 (≈18.35 s laps) completes 1 and 2 and is on lap 3.
  const recorder = await record(START + 50_000);
  await recorder.close();
  const recorded = RecordedSessionSource.open(sessionDir(dataDir, 'circle'));
  const laps = recorded.laps(Infinity);
  const car1 = laps.filter((l) => l.car === '1');
  expect(car1.map((l) => l.lap)).toEqual([1, 2, 3]);
  expect(car1[0].flags.outLap).toBe(true);
  expect(car1[0].valid).toBe(false);
  expect(car1[1].valid).toBe(true);
  expect(car1[1].startTime).toBeCloseTo(START + 20_000, 3);
  expect(car1[1].lapTime).toBeCloseTo(20, 5);
  expect(car1[1].sectorTimes.map((t) => +t.toFixed(5))).toEqual([5, 7, 8]);
  expect(car1[1].energyUsed).toBeCloseTo(1, 4);
  expect(car1[1].energyRegen).toBeCloseTo(0.25, 4);
  expect(car1[1].length).toBeCloseTo(1000, 3);
  expect(car1[2].flags.incomplete).toBe(true);
  expect(car1[2].lapTime).toBeUndefined();
  const car2 = laps.filter((l) => l.car === '2');
  expect(car2[1].lapTime).toBeCloseTo(circleLapTime(1), 5);

  const lapEvents = recorded.events(START, START + 50_000).filter((e) => e.kind === 'lap');
  expect(lapEvents.map((e) => `${e.car}:${e.lap}`)).toEqual(['2:1', '1:1', '2:2', '1:2']);
  expect(recorded.events(START, START + 50_000).filter((e) => e.kind === 'flag')).toHaveLength(4);
  // Cached next to the data: a second open reads them back.
  recorded.close();
  const again = RecordedSessionSource.open(sessionDir(dataDir, 'circle'));
  expect(again.laps(Infinity)).toEqual(laps);
  again.close();
});

test('range returns the chosen cars grouped by car then time, cut exactly at from and to', async () => {
  const recorder = await record(START + 3000);
  await recorder.close();
  const recorded = RecordedSessionSource.open(sessionDir(dataDir, 'circle'));
  const range = recorded.range(START + 1230, START + 2510, ['2', '1']);
  expect(range.cars).toEqual([
    { car: '2', start: 0, length: 64 },
    { car: '1', start: 64, length: 64 },
  ]);
  expect(range.time[0]).toBe(START + 1240);
  expect(range.time[63]).toBe(START + 2500);
  expect(range.time[64]).toBe(START + 1240);
  expect(Object.keys(range.channels)).toEqual(recorded.channels.map((c) => c.name));
  expect(range.channels.lat).toBeInstanceOf(Float64Array);
  expect(range.channels.speed[0]).toBe(189);
  expect(recorded.range(START + 5000, START + 6000, ['1']).time.length).toBe(0);
  recorded.close();
});
