/** A session stored in PostgreSQL, served as a SessionSource; history is answered in SQL from the summaries. */
import type pg from 'pg';
import type { ChannelType } from '@eracing/telemetry-core/channels';
import type { ChannelColumn, LapRecord, RaceEvent, SampleBatch } from '@eracing/telemetry-core/protocol';
import { BatchAssembler, emptyBatch } from '../../recording/batch-build';
import { LAP_INPUT_CHANNELS } from '../../recording/lap-compute';
import type { SessionFile } from '../../recording/session-file';
import {
  carLapInputs,
  computeLaps,
  LAPS_CACHE_VERSION,
  reportedEvents,
  StoredSessionSource,
  valueInBatch,
} from '../../recording/stored-session-source';
import { blockGeometry, blockSpan, type BlockGeometry, type CarBlock } from '../blocks';
import { rowsInRange, type DecimatedRows, type HistoryReader } from '../history';
import type { RecordedSession } from '../store';
import { assembleBlocks, TIMES_SQL, VALUES_SQL, type PgSessionReads } from './block-reads';
import { columnFromBytes } from './copy-binary';
import { readStoredLaps, storeLaps } from './session-laps';
import { decimateFromSummaries } from './summary-decimation';
import type { SyncQuery } from './sync-query';

/**
 * Rows a history read asks for at once: the driver parses a whole result on the event loop, so a long read is cut
 * into queries of about this many blocks of one channel (~1 KB each).
 */
const ROWS_PER_READ = 1024;

export class PgRecordedSession extends StoredSessionSource implements RecordedSession, PgSessionReads, HistoryReader {
  readonly geometry: BlockGeometry;
  private readonly carIndex: Map<string, number>;
  private readonly channelIndex: Map<string, number>;
  private lapList: LapRecord[] = [];
  private reportedList: RaceEvent[] = [];

  private constructor(
    readonly pool: pg.Pool,
    private readonly sync: () => SyncQuery,
    readonly key: number,
    session: SessionFile,
    private readonly counts: { lastSeq: number; batches: number },
  ) {
    super(session, session.summary.startTime);
    this.geometry = blockGeometry(session.summary.startTime, session.batchMs);
    this.carIndex = new Map(session.cars.map((c, k) => [c.id, k]));
    this.channelIndex = new Map(session.channels.map((c, k) => [c.name, k]));
  }

  static async open(
    pool: pg.Pool,
    sync: () => SyncQuery,
    key: number,
    session: SessionFile,
    counts: { lastSeq: number; batches: number },
  ): Promise<PgRecordedSession> {
    const s = new PgRecordedSession(pool, sync, key, session, counts);
    // The session ends at the latest sample of its last block (of any car).
    const last = await pool.query<{ times: Buffer }>(
      `SELECT times FROM sample_blocks
       WHERE session_key = $1 AND block = (SELECT max(block) FROM sample_blocks WHERE session_key = $1)`,
      [key],
    );
    let end = -Infinity;
    for (const { times } of last.rows) for (const t of columnFromBytes(times, 'f64')) if (t > end) end = t;
    if (end > -Infinity) s.summary.endTime = end;
    const events = await pool.query<{ record: RaceEvent }>(
      'SELECT record FROM events WHERE session_key = $1 ORDER BY time',
      [key],
    );
    s.reportedList = reportedEvents(events.rows.map((r) => r.record));
    await s.loadLaps();
    return s;
  }

  /** The laps from the laps table, computed and stored first when the data changed since. */
  private async loadLaps(): Promise<void> {
    const lapsKey = `${LAPS_CACHE_VERSION}:${this.epoch}:${this.counts.lastSeq}:${this.counts.batches}:${this.track.length}`;
    const stored = await readStoredLaps(this.pool, this.key, lapsKey);
    if (stored) {
      this.lapList = stored;
      return;
    }
    this.lapList = await this.computeLaps();
    await storeLaps(this.pool, this.key, lapsKey, this.lapList);
  }

  /** Every lap, from the lap channels of every car's blocks. */
  private async computeLaps(): Promise<LapRecord[]> {
    const present = this.channels.filter((c) => (LAP_INPUT_CHANNELS as readonly string[]).includes(c.name));
    const assembler = new BatchAssembler(
      present,
      this.cars.map((c) => c.id),
    );
    const names = present.map((c) => c.name);
    for (const car of this.cars) {
      for await (const block of this.blocks(
        car.id,
        0,
        Math.floor(this.counts.lastSeq / this.geometry.seqsPerBlock),
        names,
      )) {
        for (let i = 0; i < block.time.length; i++) {
          assembler.addRow(
            car.id,
            block.time[i],
            block.columns.map((c) => c[i]),
          );
        }
      }
    }
    return computeLaps(carLapInputs(assembler.build(), present), this, this.reportedList);
  }

  get history(): HistoryReader {
    return this;
  }

  get stats(): { batches: number; bytes: number; firstSeq: number; lastSeq: number } {
    return { batches: this.counts.batches, bytes: 0, firstSeq: 0, lastSeq: this.counts.lastSeq };
  }

  lastSeq(_now?: number): number {
    return this.counts.lastSeq;
  }

  allLaps(): LapRecord[] {
    return this.lapList;
  }

  protected reported(): RaceEvent[] {
    return this.reportedList;
  }

  channelType(name: string): ChannelType {
    return this.channels[this.channelIndex.get(name) ?? -1]?.type ?? 'f32';
  }

  hasCar(car: string): boolean {
    return this.carIndex.has(car);
  }

  channelNumbers(channels: readonly string[]): number[] {
    return channels.map((name) => {
      const k = this.channelIndex.get(name);
      if (k === undefined) throw new Error(`session ${this.summary.id} has no channel ${name}`);
      return k;
    });
  }

  carNumber(car: string): number {
    const k = this.carIndex.get(car);
    if (k === undefined) throw new Error(`session ${this.summary.id} has no car ${car}`);
    return k;
  }

  // --- Synchronous reads: one block or a few, through the worker. ---

  private syncBlocks(cars: readonly number[], lo: number, hi: number): Map<number, CarBlock[]> {
    const all = this.channels.map((_, k) => k);
    const where = 'car = ANY($2::smallint[]) AND block BETWEEN $3 AND $4';
    const values = [this.key, cars, lo, hi];
    const q = this.sync();
    return assembleBlocks(
      q.query(TIMES_SQL(where), values),
      q.query(VALUES_SQL(where), values),
      all,
      this.channels.map((c) => c.type),
    );
  }

  /** Rows of the given cars with from <= time < to, all channels, grouped by car in `cars` order. */
  range(from: number, to: number, cars: readonly string[]): SampleBatch {
    const assembler = new BatchAssembler(this.channels, cars);
    if (!(to > from) || !cars.length) return assembler.build();
    const [lo, hi] = blockSpan(this.geometry, from, to);
    const numbers = cars.filter((c) => this.carIndex.has(c)).map((c) => this.carIndex.get(c)!);
    const blocks = this.syncBlocks(numbers, lo, hi);
    for (const car of cars) {
      const list = blocks.get(this.carIndex.get(car) ?? -1) ?? [];
      for (const block of list) this.addBlock(assembler, car, block, from, to);
    }
    return assembler.build();
  }

  private addBlock(assembler: BatchAssembler, car: string, block: CarBlock, from: number, to: number): void {
    const [a, b] = rowsInRange(block, from, to);
    const row = new Float64Array(block.columns.length);
    for (let i = a; i < b; i++) {
      for (let k = 0; k < row.length; k++) row[k] = block.columns[k][i];
      assembler.addRow(car, block.time[i], row);
    }
  }

  batch(seq: number): SampleBatch {
    if (seq < 0 || seq > this.counts.lastSeq) return emptyBatch(this.channels);
    const block = Math.floor(seq / this.geometry.seqsPerBlock);
    const from = this.summary.startTime + seq * this.batchMs;
    const to = from + this.batchMs;
    const assembler = new BatchAssembler(
      this.channels,
      this.cars.map((c) => c.id),
    );
    const blocks = this.syncBlocks(
      this.cars.map((_, k) => k),
      block,
      block,
    );
    this.cars.forEach((car, k) => {
      for (const b of blocks.get(k) ?? []) this.addBlock(assembler, car.id, b, from, to);
    });
    return assembler.build();
  }

  valueAt(car: string, channel: string, time: number): number {
    const seq = Math.floor((time - this.summary.startTime) / this.batchMs);
    return valueInBatch(this.batch(seq), car, channel, time);
  }

  close(): void {}

  // --- Asynchronous block reads (BlockReader). ---

  async fetch(car: string, where: string, extra: unknown[], channels: readonly string[]): Promise<CarBlock[]> {
    const numbers = this.channelNumbers(channels);
    const values = [this.key, this.carNumber(car), ...extra];
    const [times, samples] = await Promise.all([
      this.pool.query(TIMES_SQL(`car = $2 AND ${where}`), values),
      this.pool.query(VALUES_SQL(`car = $2 AND ${where} AND channel = ANY($${values.length + 1}::smallint[])`), [
        ...values,
        numbers,
      ]),
    ]);
    return (
      assembleBlocks(
        times.rows,
        samples.rows,
        numbers,
        channels.map((name) => this.channelType(name)),
      ).get(this.carNumber(car)) ?? []
    );
  }

  async *blocks(car: string, lo: number, hi: number, channels: readonly string[]): AsyncIterable<CarBlock> {
    const piece = Math.max(1, Math.floor(ROWS_PER_READ / Math.max(1, channels.length)));
    for (let b = lo; b <= hi; b += piece) {
      yield* await this.fetch(car, 'block BETWEEN $3 AND $4', [b, Math.min(hi, b + piece - 1)], channels);
    }
  }

  async *someBlocks(car: string, blocks: readonly number[], channels: readonly string[]): AsyncIterable<CarBlock> {
    const piece = 1000;
    for (let k = 0; k < blocks.length; k += piece) {
      yield* await this.fetch(car, 'block = ANY($3::int[])', [blocks.slice(k, k + piece)], channels);
    }
  }

  // --- History (HistoryReader). ---

  async rows(car: string, from: number, to: number, channels: readonly string[]): Promise<SampleBatch> {
    const pieces: Array<{ block: CarBlock; a: number; b: number }> = [];
    let n = 0;
    if (to > from && this.carIndex.has(car)) {
      const [lo, hi] = blockSpan(this.geometry, from, to);
      for await (const block of this.blocks(car, lo, hi, channels)) {
        const [a, b] = rowsInRange(block, from, to);
        if (a >= b) continue;
        pieces.push({ block, a, b });
        n += b - a;
      }
    }
    const time = new Float64Array(n);
    const columns = channels.map((name) =>
      this.channelType(name) === 'f64' ? new Float64Array(n) : new Float32Array(n),
    );
    let at = 0;
    for (const { block, a, b } of pieces) {
      time.set(block.time.subarray(a, b), at);
      columns.forEach((column, k) => column.set(block.columns[k].subarray(a, b), at));
      at += b - a;
    }
    const out: Record<string, ChannelColumn> = {};
    channels.forEach((name, k) => (out[name] = columns[k]));
    return { time, cars: n ? [{ car, start: 0, length: n }] : [], channels: out };
  }

  /** Min/max decimation from the summaries (see `summary-decimation.ts`). */
  decimated(
    car: string,
    from: number,
    to: number,
    channels: readonly string[],
    maxPoints: number,
  ): Promise<DecimatedRows> {
    return decimateFromSummaries(this, car, from, to, channels, maxPoints);
  }
}
