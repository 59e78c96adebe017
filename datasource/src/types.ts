import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

export const QUERY_TYPES = ['telemetry', 'laps', 'track', 'events'] as const;
/** What a query returns: channel traces per car, the lap table, the track map geometry or race events. */
export type QueryType = (typeof QUERY_TYPES)[number];

/** Live follows the session as it runs; history reads the dashboard's time range (or chosen laps). */
export type QueryMode = 'live' | 'history';

/** Which laps a history telemetry query reads: the time range, lap numbers, each car's best valid lap, or the last n. */
export type LapScope = 'range' | 'laps' | 'best' | 'last';

export const EVENT_KINDS = ['lap', 'sector', 'pit_in', 'pit_out', 'flag'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * One panel query. Every text in it may hold template variables; list entries may be multi-value variables, which
 * expand to several entries.
 */
export interface TelemetryQuery extends DataQuery {
  /** Default `telemetry`. */
  queryType?: QueryType;
  /** Session id, `live` or `latest`; empty means the datasource's default session. */
  session?: string;
  /** Car numbers as strings; empty means every car. */
  cars?: string[];
  /** Canonical channel names. Telemetry: the traces (empty: all). Laps: channels to aggregate per lap. */
  channels?: string[];
  /** Telemetry and events. Default `live`. */
  mode?: QueryMode;
  /** History telemetry only. Default `range`. */
  lapChoice?: LapScope;
  /** Lap numbers for `lapChoice: 'laps'`, comma-separated, e.g. `3, 4` or `$lap`. */
  laps?: string;
  /** n for `lapChoice: 'last'`. */
  lastLaps?: number;
  /**
   * Telemetry: add `lap` and `lap_distance` to the channels (when the session has them), for panels that place
   * samples on the lap: the lap delta and the track map. Default off.
   */
  lapPosition?: boolean;
  /**
   * Telemetry: give every field its car's colour (`config.color`), for charts and maps where the car is what tells
   * series apart. It beats the panel's own colours and thresholds, so it is off by default.
   */
  colourByCar?: boolean;
  /** Events: the kinds to return; empty means all. */
  kinds?: EventKind[];
  /**
   * Live only: most updates per second of this query, for panels that need fewer than the datasource's rate (a stat,
   * a slowly changing temperature). Default, and most: the datasource's rate.
   */
  updateRateHz?: number;
}

export const DEFAULT_QUERY: Partial<TelemetryQuery> = { queryType: 'telemetry', mode: 'live' };

/**
 * Who connects to the telemetry server: Grafana's server (the Go backend: Grafana Live fan-out, expressions,
 * alerting, a secret token) or each viewer's browser. Datasources saved without a mode are `browser`, as before.
 */
export type ConnectionMode = 'server' | 'browser';

/** Datasource settings. Everything here is readable by every viewer of a dashboard that uses the datasource. */
export interface TelemetryOptions extends DataSourceJsonData {
  /** Default `browser` for datasources saved before the mode existed; the config editor starts new ones on `server`. */
  mode?: ConnectionMode;
  /** WebSocket address of the telemetry server, `ws://` or `wss://`, as reached from the viewer's browser. */
  url?: string;
  /** Browser mode: access token sent to the server. Not secret: see the config editor's warning. */
  token?: string;
  /** Session used by queries that name none: `live` (the default), `latest` or a session id. */
  defaultSession?: string;
  /** Most live panel updates per second. Default 10 ({@link DEFAULT_LIVE_RATE_HZ}). */
  liveRateHz?: number;
  /** Most samples a live query keeps per car. Default 30 000 (five minutes at 100 Hz). */
  liveSamplesPerCar?: number;
}

/** Settings only Grafana's server reads (server mode). */
export interface TelemetrySecureOptions {
  token?: string;
}

/**
 * Ten updates per second: the most Grafana's own live timer gives a panel (`getLiveTimerInterval`). Faster
 * emissions re-render every panel without a visible gain; the track map glides its cars between updates.
 */
export const DEFAULT_LIVE_RATE_HZ = 10;
export const DEFAULT_LIVE_SAMPLES_PER_CAR = 30_000;
