/** Race events: from history over the time range, or live over a window of the time range's width. */
import type { DataFrame, DataQueryResponse } from '@grafana/data';
import type { Observable } from 'rxjs';

import { eventFrame } from '../frames/event-frames';
import type { TelemetryLink } from '../link/telemetry-link';
import { EventWindow } from '../live/event-window';
import { liveFeed } from '../live/live-feed';
import type { ResolvedQuery } from './resolve';

/** A live events stream subscribes to no channels; one row per car a second keeps the window's clock moving. */
const CLOCK_RATE_HZ = 1;

export async function historyEvents(
  link: TelemetryLink,
  query: ResolvedQuery,
  range: { from: number; to: number },
): Promise<DataFrame[]> {
  const answer = await link.request({
    type: 'events',
    session: query.session,
    from: range.from,
    to: range.to,
    ...(query.cars ? { cars: query.cars } : {}),
    ...(query.kinds ? { kinds: query.kinds } : {}),
  });
  return [eventFrame(answer.events, query.refId, { custom: { session: answer.session } })];
}

export function liveEvents(
  link: TelemetryLink,
  query: ResolvedQuery,
  settings: { windowMs: number; rateHz: number; sessionStart(session: string): Promise<number> },
): Observable<DataQueryResponse> {
  const window = new EventWindow(link, {
    refId: query.refId,
    cars: query.cars,
    kinds: query.kinds,
    windowMs: settings.windowMs,
  });
  return liveFeed(link, window, {
    refId: query.refId,
    key: query.refId,
    session: query.session,
    request: { ...(query.cars ? { cars: query.cars } : {}), channels: [], events: true, maxRateHz: CLOCK_RATE_HZ },
    windowMs: settings.windowMs,
    rateHz: Math.min(settings.rateHz, query.updateRateHz ?? Infinity),
    clockHz: settings.rateHz,
    sessionStart: settings.sessionStart,
  });
}
