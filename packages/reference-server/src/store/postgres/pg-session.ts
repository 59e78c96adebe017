/** A session stored in PostgreSQL, served as a SessionSource; history is answered in SQL from the summaries. */
import type pg from 'pg';
import {
  type CarInfo,
  type ChannelColumn,
  type ChannelInfo,
  type ChannelType,
  type LapRecord,
  type RaceEvent,
  type SampleBatch,
  type SessionSummary,
  type TrackGeometry,
} from '@eracing/telemetry-core';
import { BatchAssembler, emptyBatch } from '../../recording/batch-build';
import { LAP_INPUT_CHANNELS } from '../../recording/lap-compute';
import {
  carLapInputs,
  computeLaps,
  LAPS_CACHE_VERSION,
  reportedEvents,
  sessionEvents,
  valueInBatch,
} from '../../recording/recorded-source';
import type { SessionFile } from '../../recording/session-file';
import {
  blockGeometry,
  blockSpan,
  blockStart,
  BucketPicker,
  initialBuckets,
  levelFor,
  position,
  slotStart,
  splitPosition,
  type BlockGeometry,
  type CarBlock,
} from '../blocks';
import { decimateBlocks, rowsInRange, type BlockReader, type DecimatedRows, type HistoryReader } from '../history';
import type { RecordedSession } from '../store';
import { columnFromBytes } from './copy-binary';
import type { SyncQuery } from './sync-query';
import { transaction } from './transaction';

type Row = Record<string, unknown>;

/**
 * Rows a history read asks for at once: the driver parses a whole result on the event loop, so a long read is cut
 * into queries of about this many blocks of one channel (~1 KB each), or of picked values (a few bytes each).
 */
const ROWS_PER_READ = 1024;
const VALUES_PER_READ = 4096;

function bytes(value: unknown): Uint8Array {
  return value as Uint8Array;
}

const TIMES_SQL = (where: string) =>
  `SELECT car, block, times FROM sample_blocks WHERE session_key = $1 AND ${where} ORDER BY car, block`;
const VALUES_SQL = (where: string) =>
  `SELECT car, block, channel, vals FROM samples WHERE session_key = $1 AND ${where} ORDER BY car, block, channel`;

/** Blocks from the rows of the two queries, keyed by car index then block, columns in `channels` order. */
function assemble(
  timeRows: Row[],
  valueRows: Row[],
  channels: readonly number[],
  types: readonly ChannelType[],
): Map<number, CarBlock[]> {
  const out = new Map<number, CarBlock[]>();
  const index = new Map<string, CarBlock>();
  for (const r of timeRows) {
    const car = Number(r.car);
    const time = columnFromBytes(bytes(r.times), 'f64') as Float64Array;
    const block: CarBlock = {
      block: Number(r.block),
      time,
      columns: channels.map((_, k) =>
        types[k] === 'f64' ? new Float64Array(time.length).fill(NaN) : new Float32Array(time.length).fill(NaN),
      ),
    };
    let list = out.get(car);
    if (!list) out.set(car, (list = []));
    list.push(block);
    index.set(`${car}:${block.block}`, block);
  }
  const slot = new Map(channels.map((c, k) => [c, k]));
  for (const r of valueRows) {
    const block = index.get(`${Number(r.car)}:${Number(r.block)}`);
    const k = slot.get(Number(r.channel));
    if (!block || k === undefined) continue;
    const values = columnFromBytes(bytes(r.vals), types[k]);
    if (values.length === block.time.length) block.columns[k] = values;
    else block.columns[k].set(values.subarray(0, block.time.length));
  }
  return out;
}

/** Little-endian float64 of 8 bytes. */
function float64At(value: unknown): number {
  const b = value as Buffer;
  return b.length === 8 ? b.readDoubleLE(0) : NaN;
}

/** A stored value of 4 (float32) or 8 (float64) little-endian bytes. */
function storedValue(value: unknown): number {
  const b = value as Buffer;
  return b.length === 8 ? b.readDoubleLE(0) : b.length === 4 ? b.readFloatLE(0) : NaN;
}

export class PgRecordedSession implements RecordedSession, BlockReader, HistoryReader {
  readonly summary: SessionSummary;
  readonly cars: CarInfo[];
  readonly channels: ChannelInfo[];
  readonly track: TrackGeometry;
  readonly batchMs: number;
  readonly epoch: string;
  readonly geometry: BlockGeometry;
  private readonly carIndex: Map<string, number>;
  private readonly channelIndex: Map<string, number>;
  private lapList: LapRecord[] = [];
  private reported: RaceEvent[] = [];
  private cachedEvents?: RaceEvent[];

  private constructor(
    private readonly pool: pg.Pool,
    private readonly sync: () => SyncQuery,
    readonly key: number,
    readonly session: SessionFile,
    private readonly counts: { lastSeq: number; batches: number },
  ) {
    this.cars = session.cars;
    this.channels = session.channels;
    this.track = session.track;
    this.batchMs = session.batchMs;
    this.epoch = session.epoch;
    this.geometry = blockGeometry(session.summary.startTime, session.batchMs);
    this.carIndex = new Map(session.cars.map((c, k) => [c.id, k]));
    this.channelIndex = new Map(session.channels.map((c, k) => [c.name, k]));
    this.summary = {
      ...session.summary,
      kind: 'recorded',
      live: false,
      endTime: session.summary.startTime,
      carCount: session.cars.length,
    };
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
    s.reported = reportedEvents(events.rows.map((r) => r.record));
    await s.loadLaps();
    return s;
  }

  /** The laps from the laps table, computed and stored first when the data changed since. */
  private async loadLaps(): Promise<void> {
    const lapsKey = `${LAPS_CACHE_VERSION}:${this.epoch}:${this.counts.lastSeq}:${this.counts.batches}:${this.track.length}`;
    const held = await this.pool.query<{ laps_key: string | null }>('SELECT laps_key FROM sessions WHERE key = $1', [
      this.key,
    ]);
    if (held.rows[0]?.laps_key === lapsKey) {
      const { rows } = await this.pool.query<{ record: LapRecord }>(
        'SELECT record FROM laps WHERE session_key = $1 ORDER BY position',
        [this.key],
      );
      this.lapList = rows.map((r) => r.record);
      return;
    }
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
    this.lapList = computeLaps(carLapInputs(assembler.build(), present), this, this.reported);
    // A read-only database computes the laps again next time.
    await transaction(this.pool, async (client) => {
      await client.query('DELETE FROM laps WHERE session_key = $1', [this.key]);
      await client.query('DELETE FROM sectors WHERE session_key = $1', [this.key]);
      await client.query(
        `INSERT INTO laps (session_key, position, car, lap, start_time, end_time, lap_time, valid, record)
       SELECT $1, k - 1, l->>'car', (l->>'lap')::int, (l->>'startTime')::float8, (l->>'endTime')::float8,
         (l->>'lapTime')::float8, coalesce((l->>'valid')::boolean, false), l
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(l, k)`,
        [this.key, JSON.stringify(this.lapList)],
      );
      await client.query(
        `INSERT INTO sectors (session_key, car, lap, start_time, sector, seconds)
       SELECT $1, l->>'car', (l->>'lap')::int, (l->>'startTime')::float8, s.k, s.v::float8
       FROM jsonb_array_elements($2::jsonb) AS t(l),
            jsonb_array_elements_text(coalesce(l->'sectorTimes', '[]')) WITH ORDINALITY AS s(v, k)`,
        [this.key, JSON.stringify(this.lapList)],
      );
      await client.query('UPDATE sessions SET laps_key = $2 WHERE key = $1', [this.key, lapsKey]);
    }).catch(() => undefined);
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

  laps(now: number): LapRecord[] {
    return this.lapList.filter((lap) => lap.startTime <= now);
  }

  events(from: number, to: number): RaceEvent[] {
    this.cachedEvents ??= sessionEvents(this.lapList, this.reported);
    return this.cachedEvents.filter((e) => e.time >= from && e.time < to);
  }

  channelType(name: string): ChannelType {
    return this.channels[this.channelIndex.get(name) ?? -1]?.type ?? 'f32';
  }

  private channelNumbers(channels: readonly string[]): number[] {
    return channels.map((name) => {
      const k = this.channelIndex.get(name);
      if (k === undefined) throw new Error(`session ${this.summary.id} has no channel ${name}`);
      return k;
    });
  }

  private carNumber(car: string): number {
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
    return assemble(
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

  private async fetch(car: string, where: string, extra: unknown[], channels: readonly string[]): Promise<CarBlock[]> {
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
      assemble(
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

  /**
   * Min/max decimation from the summaries: the blocks inside the range answer from their block extremes (buckets of
   * a second or more) or their slots' (100 ms or more) with the per-bucket extremes picked in SQL; the two edge blocks
   * and bucket widths under 100 ms read raw samples; the picked rows are read value by value. Same rows as the shared
   * block decimation.
   */
  async decimated(
    car: string,
    from: number,
    to: number,
    channels: readonly string[],
    maxPoints: number,
  ): Promise<DecimatedRows> {
    const g = this.geometry;
    const buckets = initialBuckets(maxPoints);
    const level = levelFor(g, (to - from) / buckets);
    const allRows = () => this.rows(car, from, to, channels);
    if (level === 'row' || !this.carIndex.has(car) || !(to > from)) {
      return decimateBlocks(this, car, from, to, channels, maxPoints, allRows);
    }
    const [lo, hi] = blockSpan(g, from, to);
    const carNo = this.carNumber(car);
    const numbers = this.channelNumbers(channels);
    const picker = new BucketPicker(buckets, from, to, channels.length);
    const slotOf = new Map(numbers.map((c, k) => [c, k]));

    // The three reads are independent: they run at once, on three connections.
    const innerQuery = this.pool.query<{
      rows: string | null;
      first: number | null;
      last: number | null;
      lastn: number | null;
    }>(
      `SELECT sum(n) AS rows, min(block) AS first, max(block) AS last,
         (SELECT n FROM sample_blocks WHERE session_key = $1 AND car = $2 AND block > $3 AND block < $4
          ORDER BY block DESC LIMIT 1) AS lastn
       FROM sample_blocks WHERE session_key = $1 AND car = $2 AND block > $3 AND block < $4`,
      [this.key, carNo, lo, hi],
    );
    const edgesQuery = this.fetch(car, 'block = ANY($3::int[])', [lo === hi ? [lo] : [lo, hi]], channels);
    const picksQuery = hi - lo > 1 ? this.innerPicks(carNo, numbers, lo, hi, level, from, to, buckets) : [];
    const [inner, edges, picks] = await Promise.all([innerQuery, edgesQuery, picksQuery]);
    let rows = Number(inner.rows[0].rows ?? 0);
    const head = edges.find((b) => b.block === lo);
    const tail = hi !== lo ? edges.find((b) => b.block === hi) : undefined;
    let first = -1;
    let last = -1;
    const edge = (block: CarBlock | undefined) => {
      if (!block) return undefined;
      const [a, b] = rowsInRange(block, from, to);
      if (a >= b) return undefined;
      rows += b - a;
      picker.offerBlock(g, level, block, a, b);
      return [position(block.block, a), position(block.block, b - 1)];
    };
    const h = edge(head);
    const t = edge(tail);
    const innerFirst = inner.rows[0].first;
    const innerLast = inner.rows[0].last;
    first = h ? h[0] : innerFirst !== null ? position(innerFirst, 0) : t ? t[0] : -1;
    last = t ? t[1] : innerLast !== null ? position(innerLast, Number(inner.rows[0].lastn) - 1) : h ? h[1] : -1;
    if (rows <= maxPoints) return { batch: await allRows(), decimated: false };

    for (const p of picks) {
      const c = slotOf.get(Number(p.channel))!;
      const start = level === 'block' ? blockStart(g, p.block) : slotStart(g, p.block, Number(p.slot));
      const pos = position(p.block, p.at);
      if (Number(p.kind) === 0) picker.offerMin(c, start, p.v, pos);
      else picker.offerMax(c, start, p.v, pos);
    }
    return { batch: await this.rowsAt(car, picker.finish(maxPoints, first, last), channels), decimated: true };
  }

  /** Per bucket and channel, the cells of the blocks strictly inside lo … hi holding the smallest and largest value. */
  private async innerPicks(
    carNo: number,
    numbers: readonly number[],
    lo: number,
    hi: number,
    level: 'block' | 'slot',
    from: number,
    to: number,
    buckets: number,
  ): Promise<Array<{ kind: number; channel: number; block: number; slot: number; v: number; at: number }>> {
    const g = this.geometry;
    const params = [this.key, carNo, numbers, lo, hi, g.startTime, g.blockMs, from, to, buckets];
    const bucket = (start: string) =>
      `least(greatest(floor(((${start} - $8::float8) * $10::float8) / ($9::float8 - $8::float8)), 0), $10::float8 - 1)::int`;
    const cells =
      level === 'block'
        ? `SELECT channel, block, 0 AS slot, min AS mn, min_at AS mn_at, max AS mx, max_at AS mx_at,
             ${bucket('($6::float8 + block * $7::float8)')} AS bucket
           FROM samples
           WHERE session_key = $1 AND car = $2 AND channel = ANY($3::smallint[]) AND block > $4 AND block < $5
             AND min IS NOT NULL`
        : `SELECT s.channel, s.block, u.k - 1 AS slot, u.mn, u.mn_at, u.mx, u.mx_at,
             ${bucket('(($6::float8 + s.block * $7::float8) + (u.k - 1) * $11::float8)')} AS bucket
           FROM samples s,
             unnest(s.slot_min, s.slot_min_at, s.slot_max, s.slot_max_at) WITH ORDINALITY AS u(mn, mn_at, mx, mx_at, k)
           WHERE s.session_key = $1 AND s.car = $2 AND s.channel = ANY($3::smallint[]) AND s.block > $4
             AND s.block < $5 AND u.mn IS NOT NULL`;
    if (level === 'slot') params.push(g.slotMs);
    const { rows } = await this.pool.query<{
      kind: number;
      channel: number;
      block: number;
      slot: number;
      v: number;
      at: number;
    }>(
      `WITH c AS (${cells})
       (SELECT DISTINCT ON (bucket, channel) 0 AS kind, channel, block, slot, mn AS v, mn_at AS at
        FROM c ORDER BY bucket, channel, mn, block, mn_at)
       UNION ALL
       (SELECT DISTINCT ON (bucket, channel) 1 AS kind, channel, block, slot, mx AS v, mx_at AS at
        FROM c ORDER BY bucket, channel, mx DESC, block, mx_at)`,
      params,
    );
    return rows;
  }

  /** One car's rows at the given positions (ascending), each value read by itself from its block. */
  private async rowsAt(car: string, positions: readonly number[], channels: readonly string[]): Promise<SampleBatch> {
    const n = positions.length;
    const time = new Float64Array(n);
    const columns = channels.map((name) =>
      this.channelType(name) === 'f64' ? new Float64Array(n).fill(NaN) : new Float32Array(n).fill(NaN),
    );
    const numbers = this.channelNumbers(channels);
    const slotOf = new Map(numbers.map((c, k) => [c, k]));
    const blocks = new Int32Array(n);
    const indices = new Int32Array(n);
    positions.forEach((p, k) => ([blocks[k], indices[k]] = splitPosition(p)));
    const seen = new Uint8Array(n);
    const step = Math.max(1, Math.floor(VALUES_PER_READ / Math.max(1, channels.length)));
    for (let from = 0; from < n; from += step) {
      const to = Math.min(n, from + step);
      const { rows } = await this.pool.query<{ k: string; channel: number; t: Buffer; v: Buffer }>(
        `SELECT p.k, s.channel, substring(b.times FROM p.i * 8 + 1 FOR 8) AS t,
         substring(s.vals FROM p.i * (length(s.vals) / b.n) + 1 FOR length(s.vals) / b.n) AS v
       FROM unnest($3::int[], $4::int[]) WITH ORDINALITY AS p(block, i, k)
       JOIN sample_blocks b ON b.session_key = $1 AND b.car = $2 AND b.block = p.block
       JOIN samples s ON s.session_key = $1 AND s.car = $2 AND s.block = p.block AND s.channel = ANY($5::smallint[])`,
        [
          this.key,
          this.carNumber(car),
          Array.from(blocks.subarray(from, to)),
          Array.from(indices.subarray(from, to)),
          numbers,
        ],
      );
      for (const r of rows) {
        const k = from + Number(r.k) - 1;
        seen[k] = 1;
        time[k] = float64At(r.t);
        columns[slotOf.get(Number(r.channel))!][k] = storedValue(r.v);
      }
    }
    if (n && (!channels.length || seen.indexOf(0) >= 0)) {
      // Without channels (or with rows missing a channel's values), the times come from the blocks alone.
      const times = await this.pool.query<{ k: string; t: Buffer }>(
        `SELECT p.k, substring(b.times FROM p.i * 8 + 1 FOR 8) AS t
         FROM unnest($3::int[], $4::int[]) WITH ORDINALITY AS p(block, i, k)
         JOIN sample_blocks b ON b.session_key = $1 AND b.car = $2 AND b.block = p.block`,
        [this.key, this.carNumber(car), Array.from(blocks), Array.from(indices)],
      );
      for (const r of times.rows) {
        const k = Number(r.k) - 1;
        seen[k] = 1;
        time[k] = float64At(r.t);
      }
      if (seen.indexOf(0) >= 0) throw new Error(`rows of car ${car} vanished while being read`);
    }
    const out: SampleBatch['channels'] = {};
    channels.forEach((name, j) => (out[name] = columns[j]));
    return { time, cars: n ? [{ car, start: 0, length: n }] : [], channels: out };
  }
}
