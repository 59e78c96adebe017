/** A panel query with its template variables replaced and its defaults filled in: what the queries run on. */
import type { LapSelection } from '@eracing/telemetry-core/protocol';

import type { Interpolator } from '../template';
import { EVENT_KINDS, type EventKind, type QueryMode, type QueryType, type TelemetryQuery } from '../types';

export interface ResolvedQuery {
  refId: string;
  queryType: QueryType;
  mode: QueryMode;
  session: string;
  /** Undefined: every car. */
  cars?: string[];
  /** Undefined: every channel (telemetry) or none (laps aggregates). */
  channels?: string[];
  /** Undefined: the time range. */
  laps?: LapSelection;
  /** Undefined: every kind. */
  kinds?: EventKind[];
  /** Live: most updates per second; undefined: the datasource's rate. */
  updateRateHz?: number;
  /** Telemetry: add `lap` and `lap_distance`. */
  lapPosition: boolean;
  /** Telemetry: set each field's colour to its car's. */
  colourByCar: boolean;
}

/** A list where `*` or an "All" left uninterpolated stands for everything. */
function allOrList(entries: string[]): string[] | undefined {
  if (entries.length === 0 || entries.some((entry) => entry === '*' || entry === '$__all')) return undefined;
  return entries;
}

export function parseLapNumbers(text: string[]): number[] {
  return text.map((entry) => {
    const lap = Number(entry);
    if (entry === '' || !Number.isInteger(lap) || lap < 0)
      throw new Error(`Laps are whole numbers from 0; "${entry}" is not one.`);
    return lap;
  });
}

function lapSelection(query: TelemetryQuery, interpolate: Interpolator): LapSelection | undefined {
  switch (query.lapChoice ?? 'range') {
    case 'range':
      return undefined;
    case 'best':
      return 'best';
    case 'last': {
      const last = Number(query.lastLaps ?? 1);
      if (!Number.isInteger(last) || last < 1) throw new Error(`"Last laps" must be a whole number from 1.`);
      return { last };
    }
    case 'laps': {
      const laps = parseLapNumbers(interpolate.list(query.laps));
      if (laps.length === 0) throw new Error('Choose the laps to read, e.g. "3, 4" or a lap variable.');
      return laps;
    }
  }
}

export function resolveQuery(query: TelemetryQuery, defaultSession: string, interpolate: Interpolator): ResolvedQuery {
  const queryType = query.queryType ?? 'telemetry';
  const mode = query.mode ?? 'live';
  const resolved: ResolvedQuery = {
    refId: query.refId,
    queryType,
    mode,
    session: interpolate.text(query.session) || defaultSession || 'live',
    lapPosition: query.lapPosition === true,
    colourByCar: query.colourByCar === true,
  };
  const cars = allOrList(interpolate.list(query.cars));
  if (cars) resolved.cars = cars;
  const channels = allOrList(interpolate.list(query.channels));
  if (channels) resolved.channels = channels;
  if (queryType === 'telemetry' && mode === 'history') {
    const laps = lapSelection(query, interpolate);
    if (laps) resolved.laps = laps;
  }
  if (queryType === 'events' && query.kinds?.length) {
    resolved.kinds = query.kinds.filter((kind): kind is EventKind => (EVENT_KINDS as readonly string[]).includes(kind));
  }
  if (mode === 'live' && query.updateRateHz !== undefined) {
    const rate = Number(query.updateRateHz);
    if (!(rate > 0) || !Number.isFinite(rate))
      throw new Error(`"Updates/s" must be a positive number, not "${query.updateRateHz}".`);
    resolved.updateRateHz = rate;
  }
  return resolved;
}
