import type pg from 'pg';
import type { RaceEvent } from '@eracing/telemetry-core/protocol';
import type { SessionFile } from '../../recording/session-file';
import { blockGeometry, blockStart, type BlockGeometry } from '../blocks';
import type { SeqBatch, SessionWriter } from '../store';
import { BlockCollector, BlockCopy, type PendingBlock } from './block-rows';
import { organiseSession } from './session-rows';
import { transaction } from './transaction';

/** A live recording: complete blocks, their events and the last seq in one transaction per append. */
export class PgSessionWriter implements SessionWriter {
  private readonly g: BlockGeometry;
  private readonly collector: BlockCollector;
  /** Complete blocks not yet stored (a failed append keeps them for the next). */
  private ready: PendingBlock[] = [];
  private heldEvents: RaceEvent[] = [];
  private appended: number;
  private stored: number;

  constructor(
    private readonly pool: pg.Pool,
    private readonly key: number,
    private readonly session: SessionFile,
    lastSeq: number,
    readonly where: string,
    readonly notes: string[],
    private readonly log: (line: string) => void,
  ) {
    this.g = blockGeometry(session.summary.startTime, session.batchMs);
    this.collector = new BlockCollector(
      this.g,
      session.cars.map((c) => c.id),
      session.channels,
    );
    this.appended = lastSeq;
    this.stored = lastSeq;
  }

  /** The last seq taken: stored, or held until its block is complete. */
  get lastSeq(): number {
    return this.appended;
  }

  /** The last seq in the database. */
  get storedSeq(): number {
    return this.stored;
  }

  async append(batches: readonly SeqBatch[], events: readonly RaceEvent[]): Promise<void> {
    for (const { seq, batch } of batches) {
      if (seq <= this.appended) throw new Error(`batch ${seq} is not after batch ${this.appended} already recorded`);
      this.ready.push(...this.collector.add(seq, batch));
      this.appended = seq;
    }
    // After a failed flush the recorder gives the same events again: they are held once.
    const held = new Set(this.heldEvents.map((e) => JSON.stringify(e)));
    this.heldEvents.push(...events.filter((e) => !held.has(JSON.stringify(e))));
    await this.flush(false);
  }

  private async flush(all: boolean): Promise<void> {
    const blocks = [...this.ready];
    const partial = all ? this.collector.partial : undefined;
    if (partial) blocks.push(partial);
    const last = partial ? partial.lastSeq : blocks.length ? blocks[blocks.length - 1].lastSeq : this.stored;
    if (last === this.stored) return;
    // Events up to the end of the last block stored; later ones wait for their block.
    const until = partial ? Infinity : blockStart(this.g, Math.floor(last / this.g.seqsPerBlock) + 1);
    const events = this.heldEvents.filter((e) => e.time < until);
    const copy = new BlockCopy(this.key, this.g, this.session.channels);
    let batches = 0;
    for (const block of blocks) {
      copy.add(block);
      batches += block.batches;
    }
    await transaction(this.pool, async (client) => {
      await copy.send(client);
      if (events.length) {
        await client.query(
          `INSERT INTO events (session_key, time, kind, car, lap, record)
         SELECT $1, (e->>'time')::float8, e->>'kind', e->>'car', (e->>'lap')::int, e
         FROM jsonb_array_elements($2::jsonb) AS t(e)`,
          [this.key, JSON.stringify(events)],
        );
      }
      await client.query('UPDATE sessions SET last_seq = $2, batches = batches + $3 WHERE key = $1', [
        this.key,
        last,
        batches,
      ]);
    });
    this.ready = [];
    if (partial) this.collector.takePartial();
    this.heldEvents = this.heldEvents.filter((e) => e.time >= until);
    this.stored = last;
  }

  async close(): Promise<void> {
    try {
      await this.flush(true);
      await this.pool.query(`UPDATE sessions SET state = 'complete' WHERE key = $1`, [this.key]);
      const client = await this.pool.connect();
      try {
        await organiseSession(client, this.key);
      } catch (error) {
        // Only slower reads: the data is stored.
        this.log(`recorder: could not reorganise ${this.where}: ${(error as Error).message}`);
      } finally {
        client.release();
      }
    } catch (error) {
      this.log(
        `recorder: could not store the last ${this.appended - this.stored} batch(es): ${(error as Error).message}`,
      );
      throw error;
    }
  }
}
