/**
 * The two stores side by side on the same recorded session: the simulator recorded into files and into a real
 * PostgreSQL (started by this test), then served by two servers and asked the same questions, query by query.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TelemetryBatch } from '@eracing/telemetry-core/protocol';
import { startServer, type RunningServer } from '../src';
import { SessionRecorder } from '../src/recording/recorder';
import { createSimulatorSource } from '../src/simulator';
import { FileSessionStore } from '../src/store/file-store';
import { PgSessionStore } from '../src/store/postgres/pg-store';
import type { RecordedSession, SessionStore } from '../src/store/store';
import { TestClient } from './helpers/client';
import { startPostgres, type LocalPostgres } from './helpers/postgres';

const START = Date.UTC(2026, 2, 14, 9, 0, 0);
const SECONDS = 200;
const END = START + SECONDS * 1000;

let db: LocalPostgres;
let dataDir: string;
const stores: Record<'file' | 'pg', SessionStore> = {} as never;
const sessions: Record<'file' | 'pg', RecordedSession> = {} as never;
const servers: Record<'file' | 'pg', RunningServer> = {} as never;
const clients: Record<'file' | 'pg', TestClient> = {} as never;

async function record(store: SessionStore): Promise<RecordedSession> {
  const source = createSimulatorSource({ seed: 7, cars: 3, startTime: START, id: 'compare' });
  const recorder = await SessionRecorder.open({
    dataDir,
    store,
    source,
    origin: { type: 'simulator', seed: 7, cars: 3 },
    clock: () => END,
  });
  await recorder.tick();
  await recorder.close();
  return store.open('compare');
}

beforeAll(async () => {
  db = await startPostgres({ fsync: false });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eracing-compare-'));
  stores.file = new FileSessionStore(dataDir);
  stores.pg = await PgSessionStore.open({ url: db.url });
  for (const kind of ['file', 'pg'] as const) {
    sessions[kind] = await record(stores[kind]);
    servers[kind] = await startServer({ sessions: [sessions[kind]], clock: () => END + 3600_000 });
    clients[kind] = await TestClient.open(servers[kind].url, { hello: { encoding: 'binary' }, timeoutMs: 20_000 });
  }
}, 120_000);

afterAll(async () => {
  for (const kind of ['file', 'pg'] as const) {
    clients[kind]?.close();
    await servers[kind]?.close();
    sessions[kind]?.close();
    await stores[kind]?.close();
  }
  db?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A query's rows as plain arrays, car by car, with the decimated flag. */
function flatten(batches: TelemetryBatch[]) {
  return batches.map((b) => ({
    cars: b.cars,
    time: Array.from(b.time),
    channels: Object.fromEntries(Object.entries(b.channels).map(([name, c]) => [name, Array.from(c)])),
    decimated: b.decimated ?? false,
  }));
}

let queries = 0;
async function both(message: Record<string, unknown>) {
  const id = `q${++queries}`;
  const [file, pg] = await Promise.all([clients.file.query({ ...message, id }), clients.pg.query({ ...message, id })]);
  return { file, pg };
}

test('both stores describe the session alike', () => {
  const { file, pg } = sessions;
  expect(pg.summary).toEqual(file.summary);
  expect(pg.cars).toEqual(file.cars);
  expect(pg.channels).toEqual(file.channels);
  expect(pg.lastSeq(0)).toBe(file.lastSeq(0));
  expect(pg.stats.batches).toBe(file.stats.batches);
  expect(pg.allLaps().length).toBeGreaterThan(3);
  expect(pg.allLaps()).toEqual(file.allLaps());
  expect(pg.events(START, END)).toEqual(file.events(START, END));
});

test('batches by seq and values at a time are the same', () => {
  for (const seq of [0, 1, 9, 10, 11, 999, 1999]) {
    const a = sessions.file.batch(seq);
    const b = sessions.pg.batch(seq);
    expect(b.cars).toEqual(a.cars);
    expect(Array.from(b.time)).toEqual(Array.from(a.time));
    for (const name of ['speed', 'lat', 'throttle'])
      expect(Array.from(b.channels[name])).toEqual(Array.from(a.channels[name]));
  }
  for (const t of [START + 12_345, START + 150_005.5]) {
    expect(sessions.pg.valueAt('2', 'speed', t)).toBe(sessions.file.valueAt('2', 'speed', t));
  }
});

const QUERIES: Array<[string, Record<string, unknown>]> = [
  ['whole session, every channel of one car, raw', { cars: ['1'] }],
  [
    'a range cut mid-batch, two channels, raw',
    { from: START + 12_345, to: START + 47_891, channels: ['speed', 'lat'] },
  ],
  ['an empty range', { from: START + 10_000, to: START + 10_005, channels: ['speed'] }],
  ['past the end', { from: END - 5_000, to: END + 60_000, channels: ['speed'] }],
  ['decimated to 1000 points with 1 s cells', { channels: ['speed'], maxPoints: 300 }],
  [
    'decimated with 100 ms cells',
    { from: START + 1_234, to: START + 91_234, channels: ['speed', 'throttle'], maxPoints: 1000 },
  ],
  ['decimated with raw cells', { from: START + 5_000, to: START + 25_000, channels: ['speed'], maxPoints: 1000 }],
  ['decimated, many channels, shrinking buckets', { from: START, to: END, maxPoints: 200 }],
  ['decimated, tiny maxPoints', { cars: ['2'], maxPoints: 5 }],
  ['decimated, rows fit', { from: START + 100_000, to: START + 103_000, channels: ['speed'], maxPoints: 1000 }],
  ['laps by number', { laps: [1, 2], channels: ['speed', 'lap_distance'] }],
  ['best lap', { laps: 'best', channels: ['speed'] }],
  ['last lap', { laps: { last: 1 }, channels: ['speed', 'battery_soc'] }],
];

test.each(QUERIES)('%s: the same rows from both stores', async (_what, message) => {
  const { file, pg } = await both(message);
  expect(pg.error).toEqual(file.error);
  expect(pg.complete).toEqual(file.complete);
  expect(flatten(pg.batches)).toEqual(flatten(file.batches));
  if (!file.error) expect(file.complete!.rows).toBeGreaterThanOrEqual(0);
});

test('the decimated answers really are decimated and keep every peak', async () => {
  const { file, pg } = await both({ cars: ['1'], channels: ['speed'], maxPoints: 300 });
  expect(file.complete).toMatchObject({ decimated: true });
  const full = await clients.file.query({ cars: ['1'], channels: ['speed'] });
  const all = full.batches.flatMap((b) => Array.from(b.channels.speed));
  const kept = pg.batches.flatMap((b) => Array.from(b.channels.speed));
  expect(kept.length).toBeLessThanOrEqual(300);
  expect(kept).toContain(Math.max(...all));
  expect(kept).toContain(Math.min(...all));
});

test('laps and events requests answer alike', async () => {
  for (const message of [
    { type: 'laps', aggregates: ['speed'] },
    { type: 'events', from: START, to: END },
  ]) {
    const [a, b] = await Promise.all([
      clients.file.request({ ...message, id: 'x' }),
      clients.pg.request({ ...message, id: 'x' }),
    ]);
    expect(b).toEqual(a);
  }
});
