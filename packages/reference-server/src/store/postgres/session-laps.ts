/** A stored session's laps in the laps and sectors tables, keyed by what they were computed from. */
import type pg from 'pg';
import type { LapRecord } from '@eracing/telemetry-core/protocol';
import { transaction } from './transaction';

/** The laps stored for the session when they were computed from the data `lapsKey` names, else undefined. */
export async function readStoredLaps(pool: pg.Pool, key: number, lapsKey: string): Promise<LapRecord[] | undefined> {
  const held = await pool.query<{ laps_key: string | null }>('SELECT laps_key FROM sessions WHERE key = $1', [key]);
  if (held.rows[0]?.laps_key !== lapsKey) return undefined;
  const { rows } = await pool.query<{ record: LapRecord }>(
    'SELECT record FROM laps WHERE session_key = $1 ORDER BY position',
    [key],
  );
  return rows.map((r) => r.record);
}

/** Replaces the session's laps and sectors; a read-only database computes the laps again next time. */
export async function storeLaps(
  pool: pg.Pool,
  key: number,
  lapsKey: string,
  laps: readonly LapRecord[],
): Promise<void> {
  await transaction(pool, async (client) => {
    await client.query('DELETE FROM laps WHERE session_key = $1', [key]);
    await client.query('DELETE FROM sectors WHERE session_key = $1', [key]);
    await client.query(
      `INSERT INTO laps (session_key, position, car, lap, start_time, end_time, lap_time, valid, record)
       SELECT $1, k - 1, l->>'car', (l->>'lap')::int, (l->>'startTime')::float8, (l->>'endTime')::float8,
         (l->>'lapTime')::float8, coalesce((l->>'valid')::boolean, false), l
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(l, k)`,
      [key, JSON.stringify(laps)],
    );
    await client.query(
      `INSERT INTO sectors (session_key, car, lap, start_time, sector, seconds)
       SELECT $1, l->>'car', (l->>'lap')::int, (l->>'startTime')::float8, s.k, s.v::float8
       FROM jsonb_array_elements($2::jsonb) AS t(l),
            jsonb_array_elements_text(coalesce(l->'sectorTimes', '[]')) WITH ORDINALITY AS s(v, k)`,
      [key, JSON.stringify(laps)],
    );
    await client.query('UPDATE sessions SET laps_key = $2 WHERE key = $1', [key, lapsKey]);
  }).catch(() => undefined);
}
