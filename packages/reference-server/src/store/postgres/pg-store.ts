/**
 * Sessions in PostgreSQL. Live recordings are written one transaction per flush (about a second: the complete
 * blocks, their events and the session's last seq together), so a crash loses at most the block being collected and
 * never leaves half a block. An import is one transaction: it is there whole, or not at all.
 */
import pg from 'pg';
import type { SessionFile } from '../../recording/session-file';
import { blockGeometry, blockStart } from '../blocks';
import type { ImportWriter, SessionStore, SessionWriter, StoredSessionInfo } from '../store';
import { PgImportWriter } from './import-writer';
import { PgSessionWriter } from './live-writer';
import { migrate, SAMPLE_TABLES } from './migrations';
import { PgRecordedSession } from './pg-session';
import { insertSession, SESSION_QUERY, sessionFileOf, type SessionRow } from './session-rows';
import { SyncQuery } from './sync-query';
import { transaction } from './transaction';

export const STORE_ENV = 'ERACING_STORE';

/** The URL without its password, for messages. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

export interface PgStoreOptions {
  url: string;
  /** Connections for history reads and writes. Default 4. */
  poolSize?: number;
  log?: (line: string) => void;
}

export class PgSessionStore implements SessionStore {
  readonly kind = 'postgres';
  readonly description: string;

  private sync?: SyncQuery;

  private constructor(
    readonly pool: pg.Pool,
    private readonly url: string,
    private readonly log: (line: string) => void,
  ) {
    this.description = describeUrl(url);
  }

  /** Connects, applies the migrations, and fails with a clear message when the database cannot be used. */
  static async open(options: PgStoreOptions): Promise<PgSessionStore> {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 4,
      connectionTimeoutMillis: 10_000,
    });
    const log = options.log ?? (() => {});
    // A connection lost while idle is replaced by the pool; it must not crash the process.
    pool.on('error', (error) => log(`store: an idle database connection failed: ${error.message}`));
    // A connection that dies while checked out (the database restarted mid-transaction) fails its query, which
    // the caller handles; without a listener its 'error' event would also end the process.
    pool.on('connect', (client) => client.on('error', () => undefined));
    const store = new PgSessionStore(pool, options.url, log);
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new Error(`cannot connect to the session store ${store.description}: ${(error as Error).message}`);
    }
    try {
      const applied = await migrate(client);
      if (applied.length) log(`store: applied schema migration(s) ${applied.join(', ')} to ${store.description}`);
    } catch (error) {
      client.release();
      await pool.end().catch(() => undefined);
      throw new Error(`cannot prepare the session store ${store.description}: ${(error as Error).message}`);
    }
    client.release();
    return store;
  }

  async list(): Promise<{ sessions: StoredSessionInfo[]; problems: string[] }> {
    const { rows } = await this.pool.query<SessionRow>(`${SESSION_QUERY} ORDER BY s.start_time, s.id`);
    return {
      sessions: rows.map((row) => ({ id: row.id, session: sessionFileOf(row), where: this.where(row.id) })),
      problems: [],
    };
  }

  where(id: string): string {
    return `session ${id} in ${this.description}`;
  }

  async has(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM sessions WHERE id = $1', [id]);
    return (rowCount ?? 0) > 0;
  }

  async open(id: string): Promise<PgRecordedSession> {
    const { rows } = await this.pool.query<SessionRow>(`${SESSION_QUERY} WHERE s.id = $1`, [id]);
    if (!rows.length) throw new Error(`there is no session "${id}" in ${this.description}`);
    const row = rows[0];
    return PgRecordedSession.open(
      this.pool,
      () => (this.sync ??= new SyncQuery(this.url)),
      row.key,
      sessionFileOf(row),
      {
        lastSeq: Number(row.last_seq),
        batches: Number(row.batches),
      },
    );
  }

  async record(session: SessionFile, continuation: (existing: SessionFile) => void): Promise<SessionWriter> {
    const notes: string[] = [];
    const { key, lastSeq } = await transaction(this.pool, async (client) => {
      const { rows } = await client.query<SessionRow>(`${SESSION_QUERY} WHERE s.id = $1 FOR UPDATE OF s`, [
        session.summary.id,
      ]);
      if (!rows.length) return { key: await insertSession(client, session, 'recording'), lastSeq: -1 };
      continuation(sessionFileOf(rows[0]));
      const key = rows[0].key;
      let lastSeq = Number(rows[0].last_seq);
      const g = blockGeometry(session.summary.startTime, session.batchMs);
      // A close stores the block being collected; continuing drops it and records it again whole.
      if ((lastSeq + 1) % g.seqsPerBlock !== 0) {
        const block = Math.floor(lastSeq / g.seqsPerBlock);
        for (const table of SAMPLE_TABLES)
          await client.query(`DELETE FROM ${table} WHERE session_key = $1 AND block = $2`, [key, block]);
        await client.query('DELETE FROM events WHERE session_key = $1 AND time >= $2', [key, blockStart(g, block)]);
        notes.push(`dropped the partial block ${block} (batches to ${lastSeq}); it is recorded again`);
        lastSeq = block * g.seqsPerBlock - 1;
        await client.query(`UPDATE sessions SET last_seq = $2, state = 'recording' WHERE key = $1`, [key, lastSeq]);
      }
      await client.query(`UPDATE sessions SET state = 'recording' WHERE key = $1`, [key]);
      return { key, lastSeq };
    });
    return new PgSessionWriter(this.pool, key, session, lastSeq, this.where(session.summary.id), notes, this.log);
  }

  async beginImport(id: string, epoch: string): Promise<ImportWriter> {
    if (await this.has(id)) throw new Error(`session ${id} already exists in ${this.description}; choose another --id`);
    return PgImportWriter.begin(this.pool, id, epoch);
  }

  /** Nothing to clean: an interrupted import was one transaction, rolled back by the database. */
  async cleanUp(): Promise<string[]> {
    return [];
  }

  /** Drops a session with its partitions. */
  async remove(id: string): Promise<boolean> {
    return transaction(this.pool, async (client) => {
      const { rows } = await client.query<{ key: number }>('DELETE FROM sessions WHERE id = $1 RETURNING key', [id]);
      for (const { key } of rows) for (const table of SAMPLE_TABLES) await client.query(`DROP TABLE ${table}_${key}`);
      return rows.length > 0;
    });
  }

  async close(): Promise<void> {
    await this.sync?.close();
    await this.pool.end();
  }
}
