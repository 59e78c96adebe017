/**
 * The schema, as numbered migrations applied in order at start-up (see docs/store.md for why it is laid out so).
 * A migration is never edited once released: a change is a new one.
 */
import type { PoolClient } from 'pg';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The tables that hold samples, partitioned by session so that a session is dropped or archived as a partition. */
export const SAMPLE_TABLES = ['sample_blocks', 'samples'] as const;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'sessions, cars, channels, laps, sectors, events and samples in one-second blocks',
    sql: `
CREATE TABLE sessions (
  key         serial PRIMARY KEY,
  id          text NOT NULL UNIQUE,
  state       text NOT NULL CHECK (state IN ('recording', 'complete')),
  start_time  double precision NOT NULL,
  batch_ms    double precision NOT NULL,
  block_ms    double precision NOT NULL,
  epoch       text NOT NULL,
  origin      jsonb NOT NULL,
  summary     jsonb NOT NULL,
  track       jsonb NOT NULL,
  created_at  bigint NOT NULL,
  last_seq    bigint NOT NULL DEFAULT -1,
  batches     bigint NOT NULL DEFAULT 0,
  laps_key    text
);
CREATE TABLE cars (
  session_key int NOT NULL REFERENCES sessions ON DELETE CASCADE,
  car         smallint NOT NULL,
  id          text NOT NULL,
  info        jsonb NOT NULL,
  PRIMARY KEY (session_key, car)
);
CREATE TABLE channels (
  session_key int NOT NULL REFERENCES sessions ON DELETE CASCADE,
  channel     smallint NOT NULL,
  name        text NOT NULL,
  type        text NOT NULL CHECK (type IN ('f32', 'f64')),
  unit        text NOT NULL,
  rate_hz     double precision NOT NULL,
  info        jsonb NOT NULL,
  PRIMARY KEY (session_key, channel)
);
CREATE TABLE laps (
  session_key int NOT NULL REFERENCES sessions ON DELETE CASCADE,
  position    int NOT NULL,
  car         text NOT NULL,
  lap         int NOT NULL,
  start_time  double precision NOT NULL,
  end_time    double precision,
  lap_time    double precision,
  valid       boolean NOT NULL,
  record      jsonb NOT NULL,
  PRIMARY KEY (session_key, position)
);
CREATE INDEX laps_by_car ON laps (session_key, car, lap);
CREATE TABLE sectors (
  session_key int NOT NULL REFERENCES sessions ON DELETE CASCADE,
  car         text NOT NULL,
  lap         int NOT NULL,
  start_time  double precision NOT NULL,
  sector      smallint NOT NULL,
  seconds     double precision NOT NULL
);
CREATE INDEX sectors_by_lap ON sectors (session_key, car, lap);
CREATE TABLE events (
  session_key int NOT NULL REFERENCES sessions ON DELETE CASCADE,
  time        double precision NOT NULL,
  kind        text NOT NULL,
  car         text,
  record      jsonb NOT NULL
);
CREATE INDEX events_by_time ON events (session_key, time);
-- One row per car and block (~1 s): the sample times, as n little-endian float64 (8 n bytes).
CREATE TABLE sample_blocks (
  session_key int NOT NULL,
  car         smallint NOT NULL,
  block       int NOT NULL,
  n           int NOT NULL,
  times       bytea NOT NULL,
  PRIMARY KEY (session_key, car, block)
) PARTITION BY LIST (session_key);
-- One row per car, channel and block: the raw values as n little-endian float32 (f32 channels) or float64 (f64),
-- NaN where a sample lacks the channel; the block's min and max and their index in the block (NULL when every value
-- is NaN); and the same for each of the block's 10 slots (~100 ms), NULL elements for a slot without a value.
CREATE TABLE samples (
  session_key int NOT NULL,
  car         smallint NOT NULL,
  channel     smallint NOT NULL,
  block       int NOT NULL,
  vals        bytea NOT NULL,
  min         double precision,
  min_at      smallint,
  max         double precision,
  max_at      smallint,
  slot_min    double precision[] NOT NULL,
  slot_min_at smallint[] NOT NULL,
  slot_max    double precision[] NOT NULL,
  slot_max_at smallint[] NOT NULL,
  PRIMARY KEY (session_key, car, channel, block)
) PARTITION BY LIST (session_key);
`,
  },
  {
    version: 2,
    name: 'events by car, with their lap',
    sql: `
ALTER TABLE events ADD COLUMN lap int;
UPDATE events SET lap = (record->>'lap')::int WHERE record ? 'lap';
CREATE INDEX events_by_car ON events (session_key, car, time);
`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Arbitrary, fixed: serialises servers migrating the same database at once. */
const MIGRATION_LOCK = 0x45524331;

/**
 * Brings the database to `target` (default: the newest), one transaction for all. Returns the versions applied.
 * A database newer than this server is refused rather than touched.
 */
export async function migrate(client: PoolClient, target = SCHEMA_VERSION): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const current = rows[0].v ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new Error(
        `the database has schema version ${current}, newer than this server knows (${SCHEMA_VERSION}); ` +
          'upgrade the server, or point it at another database',
      );
    }
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (m.version <= current || m.version > target) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
