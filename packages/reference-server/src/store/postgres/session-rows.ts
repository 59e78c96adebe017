/** The sessions table and what describes a session beside it (cars, channels, its partitions). */
import type pg from 'pg';
import type { SessionFile } from '../../recording/session-file';
import { blockGeometry } from '../blocks';
import { SAMPLE_TABLES } from './migrations';

export interface SessionRow {
  key: number;
  id: string;
  state: string;
  summary: SessionFile['summary'];
  track: SessionFile['track'];
  origin: SessionFile['source'];
  epoch: string;
  batch_ms: number;
  created_at: string;
  last_seq: string;
  batches: string;
  cars: SessionFile['cars'];
  channels: SessionFile['channels'];
}

export const SESSION_QUERY = `
  SELECT s.key, s.id, s.state, s.summary, s.track, s.origin, s.epoch, s.batch_ms, s.created_at, s.last_seq, s.batches,
    (SELECT coalesce(json_agg(c.info ORDER BY c.car), '[]') FROM cars c WHERE c.session_key = s.key) AS cars,
    (SELECT coalesce(json_agg(ch.info ORDER BY ch.channel), '[]') FROM channels ch WHERE ch.session_key = s.key) AS channels
  FROM sessions s`;

/**
 * Rewrites a finished session's partitions in key order (car, channel, block) and gathers their statistics: a query
 * of one car and channel then reads neighbouring pages instead of one page per block (rows are written block by block,
 * every car and channel of a second together). Measured on 20 cars × 30 min: 58 → 13 ms for a decimated channel.
 */
export async function organiseSession(client: pg.PoolClient, key: number): Promise<void> {
  for (const table of SAMPLE_TABLES) {
    await client.query(`CLUSTER ${table}_${key} USING ${table}_${key}_pkey`);
    await client.query(`ANALYZE ${table}_${key}`);
  }
}

export function sessionFileOf(row: SessionRow): SessionFile {
  return {
    format: 'eracing-session',
    version: 1,
    summary: row.summary,
    cars: row.cars,
    channels: row.channels,
    track: row.track,
    epoch: row.epoch,
    batchMs: row.batch_ms,
    source: row.origin,
    createdAt: Number(row.created_at),
  };
}

/** Inserts the session, its cars and channels and its partitions, inside the caller's transaction. */
export async function insertSession(client: pg.PoolClient, session: SessionFile, state: string): Promise<number> {
  const g = blockGeometry(session.summary.startTime, session.batchMs);
  const { rows } = await client.query<{ key: number }>(
    `INSERT INTO sessions (id, state, start_time, batch_ms, block_ms, epoch, origin, summary, track, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING key`,
    [
      session.summary.id,
      state,
      session.summary.startTime,
      session.batchMs,
      g.blockMs,
      session.epoch,
      JSON.stringify(session.source),
      JSON.stringify(session.summary),
      JSON.stringify(session.track),
      session.createdAt,
    ],
  );
  const key = rows[0].key;
  for (const table of SAMPLE_TABLES) {
    await client.query(`CREATE TABLE ${table}_${key} PARTITION OF ${table} FOR VALUES IN (${key})`);
  }
  await describeCarsAndChannels(client, key, session);
  return key;
}

/** Replaces the session's cars and channels. */
export async function describeCarsAndChannels(client: pg.PoolClient, key: number, session: SessionFile): Promise<void> {
  await client.query('DELETE FROM cars WHERE session_key = $1', [key]);
  await client.query('DELETE FROM channels WHERE session_key = $1', [key]);
  await client.query(
    `INSERT INTO cars (session_key, car, id, info)
     SELECT $1, k - 1, c->>'id', c FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(c, k)`,
    [key, JSON.stringify(session.cars)],
  );
  await client.query(
    `INSERT INTO channels (session_key, channel, name, type, unit, rate_hz, info)
     SELECT $1, k - 1, c->>'name', c->>'type', coalesce(c->>'unit', ''), coalesce((c->>'rateHz')::float8, 0), c
     FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(c, k)`,
    [key, JSON.stringify(session.channels)],
  );
}
