/** An import into PostgreSQL: one transaction on one connection, there whole after `commit` or not at all. */
import type pg from 'pg';
import type { SessionFile } from '../../recording/session-file';
import { blockGeometry } from '../blocks';
import type { ImportLayout, ImportWriter, SeqBatch } from '../store';
import { BlockCollector, BlockCopy } from './block-rows';
import { describeCarsAndChannels, insertSession, organiseSession } from './session-rows';

/** Values collected before they are sent to the database in one COPY. */
const VALUES_PER_COPY = 2_000_000;

interface OpenImport {
  key: number;
  collector: BlockCollector;
  copy: BlockCopy;
  layout: ImportLayout;
}

/** What the session row holds until commit: provisional, and invisible to others until then (one transaction). */
function provisionalSession(id: string, epoch: string, layout: ImportLayout): SessionFile {
  return {
    format: 'eracing-session',
    version: 1,
    summary: {
      id,
      name: id,
      kind: 'recorded',
      live: false,
      startTime: layout.startTime,
      track: '',
      carCount: 0,
    },
    cars: [],
    channels: layout.channels,
    track: {} as SessionFile['track'],
    epoch,
    batchMs: layout.batchMs,
    source: { type: 'other', description: 'import in progress' },
    createdAt: Date.now(),
  };
}

function rank(order: readonly string[], id: string): number {
  const k = order.indexOf(id);
  return k < 0 ? order.length : k;
}

export class PgImportWriter implements ImportWriter {
  private open?: OpenImport;
  private batches = 0;
  private lastSeq = -1;
  private released = false;

  private constructor(
    private readonly client: pg.PoolClient,
    private readonly id: string,
    private readonly epoch: string,
  ) {}

  /** Takes a connection of the pool and begins the import's transaction on it. */
  static async begin(pool: pg.Pool, id: string, epoch: string): Promise<PgImportWriter> {
    const writer = new PgImportWriter(await pool.connect(), id, epoch);
    try {
      await writer.client.query('BEGIN');
    } catch (error) {
      writer.release();
      throw error;
    }
    return writer;
  }

  private release(): void {
    if (!this.released) this.client.release();
    this.released = true;
  }

  private async send(): Promise<void> {
    const open = this.open!;
    await open.copy.send(this.client);
    open.copy = new BlockCopy(open.key, open.collector.geometry, open.layout.channels);
  }

  async append(list: readonly SeqBatch[], layout: ImportLayout): Promise<void> {
    if (!list.length) return;
    if (!this.open) {
      const key = await insertSession(this.client, provisionalSession(this.id, this.epoch, layout), 'complete');
      const g = blockGeometry(layout.startTime, layout.batchMs);
      this.open = {
        key,
        layout,
        collector: new BlockCollector(g, [], layout.channels),
        copy: new BlockCopy(key, g, layout.channels),
      };
    }
    const open = this.open;
    for (const { seq, batch } of list) {
      if (batch.time.length) this.batches++;
      this.lastSeq = seq;
      for (const block of open.collector.add(seq, batch)) open.copy.add(block);
      if (open.copy.values > VALUES_PER_COPY) await this.send();
    }
  }

  async commit(session: SessionFile): Promise<void> {
    const client = this.client;
    try {
      const open = this.open;
      if (!open) throw new Error('the import has no batches');
      const partial = open.collector.takePartial();
      if (partial) open.copy.add(partial);
      await this.send();
      // Cars are numbered in the order the batches showed them.
      const seen = open.collector.cars;
      const cars = [...session.cars].sort((a, b) => rank(seen, a.id) - rank(seen, b.id));
      await describeCarsAndChannels(client, open.key, { ...session, cars });
      await client.query(
        `UPDATE sessions SET start_time = $2, epoch = $3, origin = $4, summary = $5, track = $6, created_at = $7,
               last_seq = $8, batches = $9 WHERE key = $1`,
        [
          open.key,
          session.summary.startTime,
          session.epoch,
          JSON.stringify(session.source),
          JSON.stringify(session.summary),
          JSON.stringify(session.track),
          session.createdAt,
          this.lastSeq,
          this.batches,
        ],
      );
      await organiseSession(client, open.key);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      this.release();
    }
  }

  async abort(): Promise<void> {
    await this.client.query('ROLLBACK').catch(() => undefined);
    this.release();
  }
}
