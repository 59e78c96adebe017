import { firstAtOrAfter } from '@eracing/telemetry-core/channels';
import { channelStats } from '@eracing/telemetry-core/laps';
import { type ChannelAggregate, type LapRecord, type LapRow } from '@eracing/telemetry-core/protocol';
import type { SessionFeed } from './feed';
import { concernsCars } from './selection';

/** Samples either side of a lap read with it, so the mean is taken from line to line (see `channelStats`). */
const EDGE_MS = 1000;

/** Aggregates of completed laps never change while the epoch holds; keyed by epoch, car, lap and span. */
const cache = new WeakMap<SessionFeed, Map<string, Record<string, ChannelAggregate>>>();

const orNull = (v: number) => (Number.isFinite(v) ? v : null);

function lapAggregates(feed: SessionFeed, lap: LapRecord & { endTime: number }, channels: readonly string[]) {
  let perLap = cache.get(feed);
  if (!perLap) cache.set(feed, (perLap = new Map()));
  const key = `${feed.epoch}|${lap.car}|${lap.lap}|${lap.startTime}|${lap.endTime}`;
  const held = perLap.get(key) ?? {};
  const missing = channels.filter((name) => !(name in held));
  if (missing.length > 0) {
    const to = Math.max(lap.endTime, Math.min(lap.endTime + EDGE_MS, feed.dataEnd()));
    const batch = feed.source.range(lap.startTime - EDGE_MS, to, [lap.car]);
    const span = {
      startIndex: firstAtOrAfter(batch.time, lap.startTime),
      endIndex: firstAtOrAfter(batch.time, lap.endTime),
      startTime: lap.startTime,
      endTime: lap.endTime,
    };
    for (const name of missing) {
      const stats = channelStats(batch.time, batch.channels[name], span);
      held[name] = { mean: orNull(stats.mean), min: orNull(stats.min), max: orNull(stats.max) };
    }
    perLap.set(key, held);
  }
  const out: Record<string, ChannelAggregate> = {};
  for (const name of channels) out[name] = held[name];
  return out;
}

/** The session's laps of the given cars; completed laps carry the mean, min and max of each aggregate channel. */
export function lapTable(
  feed: SessionFeed,
  cars: ReadonlySet<string> | null,
  aggregates: readonly string[],
  now: number,
): LapRow[] {
  const laps = feed.source.laps(now).filter((lap) => concernsCars(lap, cars));
  if (aggregates.length === 0) return laps;
  return laps.map((lap) =>
    lap.endTime === undefined
      ? lap
      : { ...lap, aggregates: lapAggregates(feed, { ...lap, endTime: lap.endTime }, aggregates) },
  );
}
