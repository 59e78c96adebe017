/**
 * `npm run bench store`: the file store and the PostgreSQL store in the same run, on the same sessions.
 *
 * - ingest: 20 cars × 200 channels × 100 Hz, appended one second at a time as the live recorder does (durable each
 *   time: fsync for files, a committed transaction for PostgreSQL, with fsync on); the real-time factor.
 * - queries on a 30-minute session of 20 cars × 100 Hz: one channel of a 90 s lap raw, one channel of the whole
 *   session decimated to 1000 points, and 20 cars of one channel decimated to 1000 points each.
 * - bytes on disk per stored value.
 * - for the docs' choice of layout: PostgreSQL with one row per value, COPY of the same second of data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChannelInfo } from '@eracing/telemetry-core/channels';
import type {
  CarInfo,
  LapRecord,
  RaceEvent,
  SampleBatch,
  SessionSummary,
  TrackGeometry,
} from '@eracing/telemetry-core/protocol';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { describeSession } from '../packages/reference-server/src/recording/recorder';
import { buildCircuit } from '../packages/reference-server/src/simulator';
import type { SessionSource } from '../packages/reference-server/src/source';
import { FileSessionStore } from '../packages/reference-server/src/store/file-store';
import { PgSessionStore } from '../packages/reference-server/src/store/postgres/pg-store';
import type { SessionStore } from '../packages/reference-server/src/store/store';
import { startPostgres } from '../packages/reference-server/test/helpers/postgres';
import { printTable, type BenchRow } from './table';

const START = Date.UTC(2026, 5, 1, 14, 0, 0);
const SAMPLE_MS = 10;

/** A synthetic session: `cars` cars, `channels` f32 channels at 100 Hz, smooth values with a spike now and then. */
class SyntheticSource implements SessionSource {
  readonly cars: CarInfo[];
  readonly channels: ChannelInfo[];
  readonly track: TrackGeometry = buildCircuit().geometry;
  readonly batchMs = 100;
  readonly epoch: string;

  constructor(
    readonly id: string,
    carCount: number,
    channelCount: number,
    private readonly seconds: number,
  ) {
    this.epoch = `${id}-1`;
    this.cars = Array.from({ length: carCount }, (_, c) => ({
      id: String(c + 1),
      number: c + 1,
      driver: `Driver ${c + 1}`,
      team: 'Bench',
      colour: '#888888',
    }));
    this.channels = Array.from({ length: channelCount }, (_, k) => ({
      name: `ch${String(k).padStart(3, '0')}`,
      label: `Channel ${k}`,
      unit: '',
      type: 'f32',
      rateHz: 100,
      min: -2,
      max: 2,
    })) as unknown as ChannelInfo[];
  }

  get summary(): SessionSummary {
    return {
      id: this.id,
      name: this.id,
      kind: 'recorded',
      live: false,
      startTime: START,
      track: 'bench',
      carCount: this.cars.length,
    };
  }

  lastSeq(): number {
    return (this.seconds * 1000) / this.batchMs - 1;
  }

  batch(seq: number): SampleBatch {
    const per = this.batchMs / SAMPLE_MS;
    const rows = per * this.cars.length;
    const time = new Float64Array(rows);
    const channels: Record<string, Float32Array> = {};
    for (const c of this.channels) channels[c.name] = new Float32Array(rows);
    const cars = this.cars.map((car, k) => ({ car: car.id, start: k * per, length: per }));
    for (let k = 0; k < this.cars.length; k++) {
      for (let i = 0; i < per; i++) {
        const n = seq * per + i;
        time[k * per + i] = START + n * SAMPLE_MS;
        this.channels.forEach((c, j) => {
          const v = Math.sin(n * 0.001 * (j + 1) + k) + (n % 997 === j % 997 ? 1 : 0);
          channels[c.name][k * per + i] = v;
        });
      }
    }
    return { time, cars, channels };
  }

  range(): SampleBatch {
    throw new Error('not used');
  }

  laps(): LapRecord[] {
    return [];
  }

  events(): RaceEvent[] {
    return [];
  }
}

/** Appends a source's batches a second at a time; returns the seconds spent in the store only. */
async function ingest(store: SessionStore, source: SyntheticSource): Promise<number> {
  const writer = await store.record(
    describeSession(source, { type: 'other', description: 'bench' }, Date.now()),
    () => {
      throw new Error(`${source.id} already exists`);
    },
  );
  const perSecond = 1000 / source.batchMs;
  let spent = 0;
  for (let seq = 0; seq <= source.lastSeq(); seq += perSecond) {
    const chunk = Array.from({ length: perSecond }, (_, k) => ({ seq: seq + k, batch: source.batch(seq + k) }));
    const t = performance.now();
    await writer.append(chunk, []);
    spent += performance.now() - t;
  }
  const t = performance.now();
  await writer.close();
  spent += performance.now() - t;
  return spent / 1000;
}

function duSync(dir: string): number {
  let bytes = 0;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    const stat = fs.statSync(file);
    bytes += stat.isDirectory() ? duSync(file) : stat.size;
  }
  return bytes;
}

async function pgBytes(pool: pg.Pool, id: string): Promise<number> {
  const { rows } = await pool.query<{ bytes: string }>(
    `SELECT sum(pg_total_relation_size(format('%s_%s', t, s.key)::regclass)) AS bytes
     FROM sessions s, unnest(ARRAY['sample_blocks', 'samples']) AS t
     WHERE s.id = $1`,
    [id],
  );
  return Number(rows[0].bytes);
}

/** Median of `runs` timed calls, ms. */
async function median(runs: number, fn: (k: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  await fn(0);
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    await fn(k);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** One row per value, COPY in text form: the layout the docs compare against. */
async function rowPerValueRate(pool: pg.Pool, source: SyntheticSource, seconds: number): Promise<number> {
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bench_values (car smallint, channel smallint, time float8, value real, PRIMARY KEY (car, channel, time))',
  );
  let spent = 0;
  for (let s = 0; s < seconds; s++) {
    const lines: string[] = [];
    for (let seq = s * 10; seq < s * 10 + 10; seq++) {
      const batch = source.batch(seq);
      for (const run of batch.cars) {
        source.channels.forEach((c, j) => {
          const column = batch.channels[c.name];
          for (let i = run.start; i < run.start + run.length; i++)
            lines.push(`${run.car}\t${j}\t${batch.time[i]}\t${column[i]}\n`);
        });
      }
    }
    const t = performance.now();
    const client = await pool.connect();
    await client.query('BEGIN');
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom('COPY bench_values FROM STDIN'));
      stream.on('error', reject);
      stream.on('finish', () => resolve());
      stream.end(lines.join(''));
    });
    await client.query('COMMIT');
    client.release();
    spent += performance.now() - t;
  }
  return seconds / (spent / 1000);
}

export async function runStoreBench(): Promise<void> {
  const db = await startPostgres({ fsync: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eracing-bench-store-'));
  const file = new FileSessionStore(dataDir);
  const postgres = await PgSessionStore.open({ url: db.url });
  const results: Record<string, Record<string, number>> = { file: {}, postgres: {} };
  try {
    const wide = { id: 'wide', cars: 20, channels: 200, seconds: 20 };
    const long = { id: 'long', cars: 20, channels: 4, seconds: 1800 };
    for (const [kind, store] of [
      ['file', file],
      ['postgres', postgres],
    ] as const) {
      const r = results[kind];
      const source = new SyntheticSource(wide.id, wide.cars, wide.channels, wide.seconds);
      r.ingestRtf = wide.seconds / (await ingest(store, source));
      const values = wide.cars * wide.channels * wide.seconds * 100;
      r.bytesPerValue =
        (kind === 'file' ? duSync(path.join(dataDir, 'sessions', wide.id)) : await pgBytes(postgres.pool, wide.id)) /
        values;

      await ingest(store, new SyntheticSource(long.id, long.cars, long.channels, long.seconds));
      const session = await store.open(long.id);
      const end = START + long.seconds * 1000;
      r.lapRaw = await median(9, (k) =>
        session.history.rows(String((k % 20) + 1), START + 600_000 + k * 1000, START + 690_000 + k * 1000, ['ch000']),
      );
      r.sessionDecimated = await median(9, (k) =>
        session.history.decimated(String((k % 20) + 1), START, end, ['ch001'], 1000),
      );
      r.carsDecimated = await median(3, async () => {
        for (const car of session.cars) await session.history.decimated(car.id, START, end, ['ch002'], 1000);
      });
      session.close();
    }
    const rowPerValue = await rowPerValueRate(postgres.pool, new SyntheticSource('rows', 20, 200, 3), 3);

    const f = results.file;
    const p = results.postgres;
    const rows: BenchRow[] = [
      {
        what: 'ingest 20 cars × 200 ch × 100 Hz, PostgreSQL (real-time factor)',
        figure: `${p.ingestRtf.toFixed(1)}×`,
        peer: `file store ${f.ingestRtf.toFixed(1)}×`,
        ratio: `${(p.ingestRtf / f.ingestRtf).toFixed(2)}`,
        target: '≥ 10×',
        pass: p.ingestRtf >= 10,
      },
      {
        what: 'ingest, one row per value (layout not chosen)',
        figure: `${rowPerValue.toFixed(2)}×`,
        peer: `blocks ${p.ingestRtf.toFixed(1)}×`,
        ratio: `${(rowPerValue / p.ingestRtf).toFixed(3)}`,
      },
      {
        what: 'one channel, one 90 s lap, raw, PostgreSQL',
        figure: `${p.lapRaw.toFixed(1)} ms`,
        peer: `file store ${f.lapRaw.toFixed(1)} ms`,
        ratio: `${(p.lapRaw / f.lapRaw).toFixed(2)}`,
        target: '≤ 20 ms',
        pass: p.lapRaw <= 20,
      },
      {
        what: 'one channel, 30 min, decimated to 1000 points, PostgreSQL',
        figure: `${p.sessionDecimated.toFixed(1)} ms`,
        peer: `file store ${f.sessionDecimated.toFixed(1)} ms`,
        ratio: `${(p.sessionDecimated / f.sessionDecimated).toFixed(2)}`,
        target: '≤ 10 ms',
        pass: p.sessionDecimated <= 10,
      },
      {
        what: '20 cars, one channel, 30 min, decimated, PostgreSQL',
        figure: `${p.carsDecimated.toFixed(0)} ms`,
        peer: `file store ${f.carsDecimated.toFixed(0)} ms`,
        ratio: `${(p.carsDecimated / f.carsDecimated).toFixed(2)}`,
        target: '≤ 100 ms',
        pass: p.carsDecimated <= 100,
      },
      {
        what: 'disk bytes per stored value, PostgreSQL',
        figure: `${p.bytesPerValue.toFixed(2)} B`,
        peer: `file store ${f.bytesPerValue.toFixed(2)} B`,
        ratio: `${(p.bytesPerValue / f.bytesPerValue).toFixed(2)}`,
      },
    ];
    printTable('Session stores (file vs PostgreSQL, same run, same sessions)', rows);
  } finally {
    await postgres.close();
    db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
