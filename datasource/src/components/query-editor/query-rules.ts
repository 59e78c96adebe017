/**
 * What the query editor decides, kept out of its components: which query type and mode a query is edited as, what
 * a change of query type keeps, and how the text of its inputs becomes query fields.
 */
import type { LapScope, QueryMode, QueryType, TelemetryQuery } from '../../types';

/** An annotation is always an events query over the dashboard's time range. */
export function editedQueryType(query: TelemetryQuery, eventsOnly: boolean): QueryType {
  return eventsOnly ? 'events' : (query.queryType ?? 'telemetry');
}

export function editedMode(query: TelemetryQuery, eventsOnly: boolean): QueryMode {
  return eventsOnly ? 'history' : (query.mode ?? 'live');
}

export function editedLapScope(query: TelemetryQuery): LapScope {
  return query.lapChoice ?? 'range';
}

/** Laps and track queries have no live mode: they read the session as it stands. */
export function hasLiveMode(queryType: QueryType): boolean {
  return queryType === 'telemetry' || queryType === 'events';
}

/**
 * A change of query type resets nothing: the fields the new type does not read are ignored by it, and are there
 * again when the engineer switches back.
 */
export function queryTypeChange(queryType: QueryType): Partial<TelemetryQuery> {
  return { queryType };
}

/** An empty list is left out of the query, so that it means "every car", "every channel", "every kind". */
export function listOrNothing<T>(list: T[]): T[] | undefined {
  return list.length ? list : undefined;
}

/** An empty text is left out of the query: the default (session, lap numbers) applies. */
export function textOrNothing(text: string): string | undefined {
  return text || undefined;
}

/** A switch that is off is left out of the query: off is the default. */
export function switchedOnOrNothing(checked: boolean): true | undefined {
  return checked || undefined;
}

/** "How many" last laps: a whole number from 1; anything else is 1. */
export function lastLapsFromText(text: string): number {
  return Math.max(1, Math.round(Number(text)) || 1);
}

/** Updates per second: a positive number, or nothing (the datasource's rate) for an empty or unusable text. */
export function updateRateFromText(text: string): number | undefined {
  const rate = Number(text);
  return text.trim() && rate > 0 && Number.isFinite(rate) ? rate : undefined;
}
