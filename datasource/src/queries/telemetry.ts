/**
 * Telemetry queries. History: one `query` request (a time range thinned to maxDataPoints by whole samples, or laps
 * at full resolution), its batches joined into one frame per car. Live: a LiveFeed over a TelemetryWindow sized by
 * the dashboard's time range.
 */
import type { ChannelColumn, TelemetryBatch } from '@eracing/telemetry-core/protocol';
import {
  LoadingState,
  type DataFrame,
  type DataQueryResponse,
  type QueryResultMetaNotice,
  type QueryResultMeta,
} from '@grafana/data';
import { of, type Observable } from 'rxjs';

import type { Catalog } from '../catalog';
import {
  byCarNumber,
  CarFrameBuilder,
  describeChannel,
  noDataFrame,
  withLapChannels,
  type TraceChannel,
} from '../frames/telemetry-frame';
import type { TelemetryLink } from '../link/telemetry-link';
import { planBuffer } from '../live/buffer-plan';
import { liveFeed } from '../live/live-feed';
import { TelemetryWindow } from '../live/telemetry-window';
import type { ResolvedQuery } from './resolve';
import { sessionOutsideRange } from './session-span';

/** Used when Grafana gives no maxDataPoints. */
export const DEFAULT_MAX_POINTS = 10_000;

/** What a telemetry query reads: the channels the session has, and a notice for each one it lacks. */
export interface ChannelPlan {
  channels: TraceChannel[];
  notices: QueryResultMetaNotice[];
}

/**
 * The channels a telemetry query reads, described by the session's catalog: those asked for (empty: all of them),
 * with `lap` and `lap_distance` first when the query asks for the lap position. A channel the session lacks is left
 * out and named in a notice, so that the rest of the query still answers.
 */
export function planChannels(query: ResolvedQuery, catalog: Catalog): ChannelPlan {
  const available = catalog.session.channels.map((channel) => channel.name);
  const asked = query.channels ?? available;
  const names = query.lapPosition ? withLapChannels(asked, available) : [...new Set(asked)];
  const { present, notices } = channelsInSession(names, catalog);
  return { channels: present.map((name) => describeChannel(name, catalog.session.channels)), notices };
}

/** The names the session has, in order, and a notice for each one it lacks (the rest of the query still answers). */
export function channelsInSession(
  names: readonly string[],
  catalog: Catalog,
): { present: string[]; notices: QueryResultMetaNotice[] } {
  const available = new Set(catalog.session.channels.map((channel) => channel.name));
  const notices: QueryResultMetaNotice[] = names
    .filter((name) => !available.has(name))
    .map((name) => ({
      severity: 'warning',
      text: `Session ${catalog.session.id} has no channel "${name}"; the other channels are shown without it.`,
    }));
  return { present: names.filter((name) => available.has(name)), notices };
}

interface CarColumns {
  car: string;
  time: Float64Array;
  columns: ChannelColumn[];
}

/** Joins a history answer's batches into one set of columns per car. */
export function joinByCar(batches: readonly TelemetryBatch[], channels: readonly TraceChannel[]): CarColumns[] {
  const rows = new Map<string, number>();
  for (const batch of batches) {
    for (const run of batch.cars) rows.set(run.car, (rows.get(run.car) ?? 0) + run.length);
  }
  const joined = new Map<string, CarColumns & { at: number }>();
  for (const [car, count] of rows) {
    joined.set(car, {
      car,
      at: 0,
      time: new Float64Array(count),
      columns: channels.map((channel) => (channel.type === 'f64' ? new Float64Array(count) : new Float32Array(count))),
    });
  }
  for (const batch of batches) {
    const sources = channels.map((channel) => batch.channels[channel.name]);
    for (const run of batch.cars) {
      const target = joined.get(run.car)!;
      const end = run.start + run.length;
      target.time.set(batch.time.subarray(run.start, end), target.at);
      sources.forEach((source, c) => {
        if (source) target.columns[c].set(source.subarray(run.start, end), target.at);
        else target.columns[c].fill(NaN, target.at, target.at + run.length);
      });
      target.at += run.length;
    }
  }
  return [...joined.values()].map(inTimeOrder).sort((a, b) => byCarNumber(a.car, b.car));
}

/**
 * A car's rows with time strictly ascending, as dataplane time series must be: rows out of order are put in order
 * and a repeated time keeps its last row. Recordings are in order, so this only reads the times.
 */
export function inTimeOrder(car: CarColumns): CarColumns {
  const { time } = car;
  let ordered = true;
  for (let i = 1; i < time.length && ordered; i++) ordered = time[i] > time[i - 1];
  if (ordered) return car;
  const order = Array.from(time.keys()).sort((a, b) => time[a] - time[b] || a - b);
  const kept = order.filter((row, i) => i === order.length - 1 || time[order[i + 1]] !== time[row]);
  const pick = <T extends Float32Array | Float64Array>(column: T): T => {
    const out = new (column.constructor as new (n: number) => T)(kept.length);
    kept.forEach((row, i) => (out[i] = column[row]));
    return out;
  };
  return { car: car.car, time: pick(time), columns: car.columns.map(pick) };
}

export async function historyTelemetry(
  link: TelemetryLink,
  query: ResolvedQuery,
  catalog: Catalog,
  range: { from: number; to: number },
  maxDataPoints: number | undefined,
): Promise<DataFrame[]> {
  const { channels, notices } = planChannels(query, catalog);
  if (channels.length === 0) return [noDataFrame(query.refId, { notices })];
  const answer = await link.query({
    type: 'query',
    session: query.session,
    ...(query.cars ? { cars: query.cars } : {}),
    channels: channels.map((channel) => channel.name),
    ...(query.laps
      ? { laps: query.laps }
      : { from: range.from, to: range.to, maxPoints: Math.max(2, Math.round(maxDataPoints ?? DEFAULT_MAX_POINTS)) }),
  });
  const { complete } = answer;
  const meta: QueryResultMeta = { custom: { rows: complete.rows, decimated: complete.decimated } };
  if (complete.decimated) {
    notices.push({
      severity: 'info',
      text: `Thinned on the server to at most ${maxDataPoints ?? DEFAULT_MAX_POINTS} samples per car, keeping whole samples with every peak.`,
    });
  }
  if (notices.length) meta.notices = notices;
  const cars = joinByCar(answer.batches, channels).filter(({ time }) => time.length > 0);
  if (cars.length === 0) {
    const outside = query.laps ? undefined : sessionOutsideRange(catalog.session, range);
    if (outside) meta.notices = [...notices, outside];
    return [noDataFrame(query.refId, meta)];
  }
  const carColours = query.colourByCar;
  return cars.map(({ car, time, columns }) =>
    new CarFrameBuilder({ car, session: complete.session, refId: query.refId, channels, carColours }).frame(
      time,
      columns,
      meta,
    ),
  );
}

export interface LiveTelemetrySettings {
  windowMs: number;
  rateHz: number;
  samplesPerCar: number;
  sessionStart(session: string): Promise<number>;
}

export function liveTelemetry(
  link: TelemetryLink,
  query: ResolvedQuery,
  catalog: Catalog,
  settings: LiveTelemetrySettings,
): Observable<DataQueryResponse> {
  const { channels, notices: missing } = planChannels(query, catalog);
  if (channels.length === 0) {
    return of({ data: [noDataFrame(query.refId, { notices: missing })], key: query.refId, state: LoadingState.Done });
  }
  const rateHz = Math.max(0, ...catalog.session.channels.map((channel) => channel.rateHz));
  const cars = query.cars?.length ?? catalog.session.cars.length;
  const plan = planBuffer({
    windowMs: settings.windowMs,
    rateHz,
    cars,
    columns: channels.length + 1,
    samplesPerCar: settings.samplesPerCar,
  });
  const window = new TelemetryWindow(link, {
    refId: query.refId,
    channels,
    cars: query.cars,
    windowMs: settings.windowMs,
    capacity: plan.capacity,
    carColours: query.colourByCar,
  });
  const notices: QueryResultMetaNotice[] = [...missing];
  if (plan.maxRateHz) {
    notices.push({
      severity: 'info',
      text:
        `Live data thinned to ${plan.maxRateHz} Hz per car so that the whole time range fits ${plan.capacity} ` +
        'samples per car. Narrow the time range, the cars or the channels for full rate.',
    });
  }
  return liveFeed(link, window, {
    refId: query.refId,
    key: query.refId,
    session: query.session,
    request: {
      ...(query.cars ? { cars: query.cars } : {}),
      channels: channels.map((channel) => channel.name),
      ...(plan.maxRateHz ? { maxRateHz: plan.maxRateHz } : {}),
    },
    windowMs: settings.windowMs,
    rateHz: Math.min(settings.rateHz, query.updateRateHz ?? Infinity),
    clockHz: settings.rateHz,
    sessionStart: settings.sessionStart,
    notices,
  });
}
