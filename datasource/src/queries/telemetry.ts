/**
 * Telemetry queries. History: one `query` request (a time range thinned to maxDataPoints by whole samples, or laps
 * at full resolution), its batches joined into one frame per car. Live: a LiveFeed over a TelemetryWindow sized by
 * the dashboard's time range.
 */
import type { ChannelColumn, TelemetryBatch } from '@eracing/telemetry-core';
import type { DataFrame, DataQueryResponse, QueryResultMeta } from '@grafana/data';
import type { Observable } from 'rxjs';

import type { Catalog } from '../catalog';
import {
  byCarNumber,
  CarFrameBuilder,
  describeChannel,
  withLapChannels,
  type TraceChannel,
} from '../frames/telemetry-frame';
import type { TelemetryLink } from '../link/telemetry-link';
import { planBuffer } from '../live/buffer-plan';
import { liveFeed } from '../live/live-feed';
import { TelemetryWindow } from '../live/telemetry-window';
import type { ResolvedQuery } from './resolve';

/** Used when Grafana gives no maxDataPoints. */
export const DEFAULT_MAX_POINTS = 10_000;

/** The channels a telemetry query reads, described by the session's catalog, lap channels first. */
export function queryChannels(query: ResolvedQuery, catalog: Catalog): TraceChannel[] {
  const available = catalog.session.channels.map((channel) => channel.name);
  const names = withLapChannels(query.channels ?? available, available);
  return names.map((name) => describeChannel(name, catalog.session.channels));
}

/** Several cars share a panel by colour; one car's channels keep Grafana's palette unless there is only one. */
function colourByCar(query: ResolvedQuery, catalog: Catalog, channels: readonly TraceChannel[]): boolean {
  const cars = query.cars?.length ?? catalog.session.cars.length;
  const traces = channels.filter((channel) => channel.name !== 'lap' && channel.name !== 'lap_distance').length;
  return cars > 1 || traces <= 1;
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
  return [...joined.values()].sort((a, b) => byCarNumber(a.car, b.car));
}

export async function historyTelemetry(
  link: TelemetryLink,
  query: ResolvedQuery,
  catalog: Catalog,
  range: { from: number; to: number },
  maxDataPoints: number | undefined,
): Promise<DataFrame[]> {
  const channels = queryChannels(query, catalog);
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
    meta.notices = [
      {
        severity: 'info',
        text: `Thinned on the server to at most ${maxDataPoints ?? DEFAULT_MAX_POINTS} samples per car, keeping whole samples with every peak.`,
      },
    ];
  }
  const carColours = colourByCar(query, catalog, channels);
  return joinByCar(answer.batches, channels).map(({ car, time, columns }) =>
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
  const channels = queryChannels(query, catalog);
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
    carColours: colourByCar(query, catalog, channels),
  });
  const notices = plan.maxRateHz
    ? [
        {
          severity: 'info' as const,
          text:
            `Live data thinned to ${plan.maxRateHz} Hz per car so that the whole time range fits ${plan.capacity} ` +
            'samples per car. Narrow the time range, the cars or the channels for full rate.',
        },
      ]
    : [];
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
