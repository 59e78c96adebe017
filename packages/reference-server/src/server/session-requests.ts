/** Requests answered from a session's tables in one message: catalog, laps and events. */
import { ProtocolError } from '@eracing/telemetry-core/codec';
import {
  type CatalogRequest,
  type CatalogResponse,
  type EventsRequest,
  type EventsResponse,
  type LapsRequest,
  type LapsResponse,
} from '@eracing/telemetry-core/protocol';
import { sessionDetail } from './catalog';
import { lapTable } from './lap-table';
import { concernsCars, selectCars, selectChannels } from './selection';
import type { SessionRegistry } from './sessions';

export function catalogAnswer(request: CatalogRequest, sessions: SessionRegistry, now: number): CatalogResponse {
  const answer: CatalogResponse = { type: 'catalog', id: request.id, sessions: sessions.summaries() };
  // With no session at all, the list (empty) is the answer; a named session must exist.
  if (request.session !== undefined || sessions.size > 0) {
    answer.session = sessionDetail(sessions.resolve(request.session), now);
  }
  return answer;
}

export function lapsAnswer(request: LapsRequest, sessions: SessionRegistry, now: number): LapsResponse {
  const feed = sessions.resolve(request.session);
  const cars = request.cars ? new Set(selectCars(feed.source, request.cars)) : null;
  const aggregates = request.aggregates ? selectChannels(feed.source, request.aggregates) : [];
  return { type: 'laps', id: request.id, session: feed.id, laps: lapTable(feed, cars, aggregates, now) };
}

export function eventsAnswer(request: EventsRequest, sessions: SessionRegistry): EventsResponse {
  const feed = sessions.resolve(request.session);
  const cars = request.cars ? new Set(selectCars(feed.source, request.cars)) : null;
  const { from, to } = request;
  if (from !== undefined && to !== undefined && from >= to) {
    throw new ProtocolError('bad_range', `The range [${from}, ${to}) is empty or reversed`, { from, to });
  }
  // Nothing past the newest complete batch: a deterministic source knows its future.
  const end = feed.dataEnd();
  const a = from ?? feed.source.summary.startTime;
  const b = Math.min(to ?? end, end);
  const kinds = request.kinds ? new Set(request.kinds) : null;
  const events =
    b > a ? feed.source.events(a, b).filter((e) => concernsCars(e, cars) && (!kinds || kinds.has(e.kind))) : [];
  return { type: 'events', id: request.id, session: feed.id, events };
}
