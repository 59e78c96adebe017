import type { SessionDetail } from '@eracing/telemetry-core/protocol';
import type { SessionFeed } from './feed';

/** A session's catalog entry: who is racing, what is logged, the laps so far and the track. */
export function sessionDetail(feed: SessionFeed, now: number): SessionDetail {
  const source = feed.source;
  return {
    ...source.summary,
    cars: source.cars,
    channels: source.channels,
    laps: source.laps(now),
    track: source.summary.track,
    geometry: source.track,
  };
}
