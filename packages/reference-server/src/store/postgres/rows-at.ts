/** One car's rows picked by position (block, index in block), each value read by itself from its block. */
import type { SampleBatch } from '@eracing/telemetry-core/protocol';
import { splitPosition } from '../blocks';
import type { PgSessionReads } from './block-reads';

/** Values a read asks for at once: the driver parses a whole result on the event loop (a few bytes each). */
const VALUES_PER_READ = 4096;

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

/** One car's rows at the given positions (ascending), each value read by itself from its block. */
export async function rowsAtPositions(
  session: PgSessionReads,
  car: string,
  positions: readonly number[],
  channels: readonly string[],
): Promise<SampleBatch> {
  const n = positions.length;
  const time = new Float64Array(n);
  const columns = channels.map((name) =>
    session.channelType(name) === 'f64' ? new Float64Array(n).fill(NaN) : new Float32Array(n).fill(NaN),
  );
  const numbers = session.channelNumbers(channels);
  const slotOf = new Map(numbers.map((c, k) => [c, k]));
  const blocks = new Int32Array(n);
  const indices = new Int32Array(n);
  positions.forEach((p, k) => ([blocks[k], indices[k]] = splitPosition(p)));
  const seen = new Uint8Array(n);
  const step = Math.max(1, Math.floor(VALUES_PER_READ / Math.max(1, channels.length)));
  for (let from = 0; from < n; from += step) {
    const to = Math.min(n, from + step);
    const { rows } = await session.pool.query<{ k: string; channel: number; t: Buffer; v: Buffer }>(
      `SELECT p.k, s.channel, substring(b.times FROM p.i * 8 + 1 FOR 8) AS t,
         substring(s.vals FROM p.i * (length(s.vals) / b.n) + 1 FOR length(s.vals) / b.n) AS v
       FROM unnest($3::int[], $4::int[]) WITH ORDINALITY AS p(block, i, k)
       JOIN sample_blocks b ON b.session_key = $1 AND b.car = $2 AND b.block = p.block
       JOIN samples s ON s.session_key = $1 AND s.car = $2 AND s.block = p.block AND s.channel = ANY($5::smallint[])`,
      [
        session.key,
        session.carNumber(car),
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
    const times = await session.pool.query<{ k: string; t: Buffer }>(
      `SELECT p.k, substring(b.times FROM p.i * 8 + 1 FOR 8) AS t
         FROM unnest($3::int[], $4::int[]) WITH ORDINALITY AS p(block, i, k)
         JOIN sample_blocks b ON b.session_key = $1 AND b.car = $2 AND b.block = p.block`,
      [session.key, session.carNumber(car), Array.from(blocks), Array.from(indices)],
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
