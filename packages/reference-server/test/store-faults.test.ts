/**
 * The PostgreSQL store when things go wrong, against a real PostgreSQL: a refused connection is a clear error at
 * start, a database at an older schema version is migrated at start, and a database restarted in the middle of a
 * live recording loses nothing: the recorder's batches wait in the writer and are stored once it is back.
 */
import net from 'node:net';
import pg from 'pg';
import type { RaceEvent } from '@eracing/telemetry-core/protocol';
import { SessionRecorder } from '../src/recording/recorder';
import { createSimulatorSource } from '../src/simulator';
import { migrate, SCHEMA_VERSION } from '../src/store/postgres/migrations';
import { PgSessionStore } from '../src/store/postgres/pg-store';
import { startPostgres, type LocalPostgres } from './helpers/postgres';

const START = Date.UTC(2026, 3, 1, 12, 0, 0);
let db: LocalPostgres;

beforeAll(async () => {
  db = await startPostgres({ fsync: false });
}, 60_000);

afterAll(() => db?.stop());

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('a refused connection is a clear error at start, naming the database without its password', async () => {
  const port = await closedPort();
  await expect(PgSessionStore.open({ url: `postgres://team:secret@127.0.0.1:${port}/telemetry` })).rejects.toThrow(
    new RegExp(
      `^cannot connect to the session store postgres://team:\\*\\*\\*@127\\.0\\.0\\.1:${port}/telemetry: .*ECONNREFUSED`,
    ),
  );
});

test('a database at schema version 1 is migrated at start, and a newer one is refused', async () => {
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query('CREATE DATABASE older');
  await admin.end();
  const url = db.url.replace(/\/postgres$/, '/older');
  const pool = new pg.Pool({ connectionString: url });
  const client = await pool.connect();
  expect(await migrate(client, 1)).toEqual([1]);
  client.release();
  await pool.end();

  const log: string[] = [];
  const store = await PgSessionStore.open({ url, log: (line) => log.push(line) });
  try {
    const newer = Array.from({ length: SCHEMA_VERSION - 1 }, (_, k) => k + 2).join(', ');
    expect(log).toEqual([expect.stringContaining(`applied schema migration(s) ${newer}`)]);
    const { rows } = await store.pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY 1');
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, k) => k + 1));
    // A newer server's database is refused rather than touched.
    await store.pool.query(`INSERT INTO schema_migrations (version, name) VALUES (${SCHEMA_VERSION + 1}, 'future')`);
    await expect(PgSessionStore.open({ url })).rejects.toThrow(/newer than this server knows/);
  } finally {
    await store.close();
  }
});

test('the database restarted mid-recording: the batches wait in the writer and nothing is lost or doubled', async () => {
  const source = createSimulatorSource({ seed: 5, cars: 2, startTime: START, id: 'restarted' });
  const log: string[] = [];
  const store = await PgSessionStore.open({ url: db.url, log: (line) => log.push(line) });
  let now = START + 20_000;
  const recorder = await SessionRecorder.open({
    dataDir: '/nonexistent',
    store,
    source,
    origin: { type: 'simulator', seed: 5, cars: 2 },
    clock: () => now,
    log: (line) => log.push(line),
  });
  await recorder.tick();
  db.stopServer();
  now = START + 40_000;
  await recorder.tick();
  expect(log.some((line) => /recorder: cannot write/.test(line))).toBe(true);
  db.startServer();
  now = START + 60_000;
  await recorder.tick();
  await recorder.close();
  const session = await store.open('restarted');
  try {
    const expected = source.lastSeq(START + 60_000);
    expect(session.lastSeq()).toBe(expected);
    const all = await session.history.rows('1', START, START + 60_000, ['speed']);
    expect(all.time.length).toBe(source.range(START, START + 60_000, ['1']).time.length);
    const { rows } = await store.pool.query<{ record: RaceEvent }>(
      `SELECT record FROM events e JOIN sessions s ON s.key = e.session_key WHERE s.id = 'restarted'`,
    );
    const texts = rows.map((r) => JSON.stringify(r.record));
    expect(texts.length).toBeGreaterThan(0);
    expect(new Set(texts).size).toBe(texts.length);
  } finally {
    session.close();
    await store.close();
  }
}, 60_000);
