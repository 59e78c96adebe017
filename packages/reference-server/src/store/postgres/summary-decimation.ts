/**
 * Min/max decimation from the summaries: the blocks inside the range answer from their block extremes (buckets of a
 * second or more) or their slots' (100 ms or more) with the per-bucket extremes picked in SQL; the two edge blocks and
 * bucket widths under 100 ms read raw samples; the picked rows are read value by value. Same rows as the shared block
 * decimation.
 */
import {
  blockSpan,
  blockStart,
  BucketPicker,
  initialBuckets,
  levelFor,
  position,
  slotStart,
  type BlockGeometry,
  type CarBlock,
} from '../blocks';
import { decimateBlocks, rowsInRange, type DecimatedRows } from '../history';
import type { PgSessionReads } from './block-reads';
import { rowsAtPositions } from './rows-at';

interface Pick {
  kind: number;
  channel: number;
  block: number;
  slot: number;
  v: number;
  at: number;
}

export async function decimateFromSummaries(
  session: PgSessionReads,
  car: string,
  from: number,
  to: number,
  channels: readonly string[],
  maxPoints: number,
): Promise<DecimatedRows> {
  const g = session.geometry;
  const buckets = initialBuckets(maxPoints);
  const level = levelFor(g, (to - from) / buckets);
  const allRows = () => session.rows(car, from, to, channels);
  if (level === 'row' || !session.hasCar(car) || !(to > from)) {
    return decimateBlocks(session, car, from, to, channels, maxPoints, allRows);
  }
  const [lo, hi] = blockSpan(g, from, to);
  const carNo = session.carNumber(car);
  const numbers = session.channelNumbers(channels);
  const picker = new BucketPicker(buckets, from, to, channels.length);
  const slotOf = new Map(numbers.map((c, k) => [c, k]));

  // The three reads are independent: they run at once, on three connections.
  const innerQuery = session.pool.query<{
    rows: string | null;
    first: number | null;
    last: number | null;
    lastn: number | null;
  }>(
    `SELECT sum(n) AS rows, min(block) AS first, max(block) AS last,
         (SELECT n FROM sample_blocks WHERE session_key = $1 AND car = $2 AND block > $3 AND block < $4
          ORDER BY block DESC LIMIT 1) AS lastn
       FROM sample_blocks WHERE session_key = $1 AND car = $2 AND block > $3 AND block < $4`,
    [session.key, carNo, lo, hi],
  );
  const edgesQuery = session.fetch(car, 'block = ANY($3::int[])', [lo === hi ? [lo] : [lo, hi]], channels);
  const picksQuery =
    hi - lo > 1 ? innerPicks(session, { carNo, numbers, lo, hi, level, from, to, buckets }) : ([] as Pick[]);
  const [inner, edges, picks] = await Promise.all([innerQuery, edgesQuery, picksQuery]);
  let rows = Number(inner.rows[0].rows ?? 0);
  const head = edges.find((b) => b.block === lo);
  const tail = hi !== lo ? edges.find((b) => b.block === hi) : undefined;
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
  const first = h ? h[0] : innerFirst !== null ? position(innerFirst, 0) : t ? t[0] : -1;
  const last = t ? t[1] : innerLast !== null ? position(innerLast, Number(inner.rows[0].lastn) - 1) : h ? h[1] : -1;
  if (rows <= maxPoints) return { batch: await allRows(), decimated: false };

  for (const p of picks) offerPick(picker, g, level, slotOf.get(Number(p.channel))!, p);
  return {
    batch: await rowsAtPositions(session, car, picker.finish(maxPoints, first, last), channels),
    decimated: true,
  };
}

function offerPick(picker: BucketPicker, g: BlockGeometry, level: 'block' | 'slot', c: number, p: Pick): void {
  const start = level === 'block' ? blockStart(g, p.block) : slotStart(g, p.block, Number(p.slot));
  const pos = position(p.block, p.at);
  if (Number(p.kind) === 0) picker.offerMin(c, start, p.v, pos);
  else picker.offerMax(c, start, p.v, pos);
}

/** Per bucket and channel, the cells of the blocks strictly inside lo … hi holding the smallest and largest value. */
async function innerPicks(
  session: PgSessionReads,
  span: {
    carNo: number;
    numbers: readonly number[];
    lo: number;
    hi: number;
    level: 'block' | 'slot';
    from: number;
    to: number;
    buckets: number;
  },
): Promise<Pick[]> {
  const g = session.geometry;
  const { carNo, numbers, lo, hi, level, from, to, buckets } = span;
  const params = [session.key, carNo, numbers, lo, hi, g.startTime, g.blockMs, from, to, buckets];
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
  const { rows } = await session.pool.query<Pick>(
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
