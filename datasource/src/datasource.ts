/**
 * The eRacing Telemetry datasource, in one of two modes. Server mode: Grafana's server runs the queries (the Go
 * backend in pkg/), live queries stream through Grafana Live, variables and editors read resources. Browser mode
 * (datasources saved without a mode): the browser opens one shared WebSocket per datasource instance:
 *
 *   query() → resolve variables → per query type:
 *     telemetry live    catalog → LiveFeed(TelemetryWindow) → Streaming packets, key = refId
 *     telemetry history `query` (range + maxPoints, or laps) → one frame per car
 *     laps / track      `laps` request / the catalog's geometry
 *     events            `events` request, or a LiveFeed(EventWindow); also the annotation source
 */
import {
  LoadingState,
  type DataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type LegacyMetricFindQueryOptions,
  type MetricFindValue,
  type ScopedVars,
  type TestDataSourceResponse,
} from '@grafana/data';
import { DataSourceWithBackend } from '@grafana/runtime';
import { catchError, defer, from, map, merge, type Observable, of, switchMap } from 'rxjs';

import { CatalogCache, type Catalog } from './catalog';
import { AnnotationEditor } from './components/annotation-editor';
import type { BackoffPolicy } from './link/backoff';
import { checkConnection } from './link/connection-check';
import { TelemetryLink, type LinkTuning } from './link/telemetry-link';
import { whenReachable } from './live/when-reachable';
import { historyEvents, liveEvents } from './queries/events';
import { lapTable } from './queries/laps';
import { isPastRange, withPastRangeNotice } from './queries/past-range';
import { errorResponse } from './queries/responses';
import { resolveQuery, type ResolvedQuery } from './queries/resolve';
import { historyTelemetry, liveTelemetry } from './queries/telemetry';
import { trackMap } from './queries/track';
import { interpolator } from './template';
import {
  DEFAULT_LIVE_RATE_HZ,
  DEFAULT_LIVE_SAMPLES_PER_CAR,
  DEFAULT_QUERY,
  type ConnectionMode,
  type TelemetryOptions,
  type TelemetryQuery,
} from './types';
import { serverUrlProblem } from './url';
import { parseVariableQuery, variableValues } from './variables';

const CLIENT_NAME = 'grafana-eracing-telemetry-datasource';

export class DataSource extends DataSourceWithBackend<TelemetryQuery, TelemetryOptions> {
  readonly mode: ConnectionMode;
  readonly serverUrl: string;
  readonly defaultSession: string;
  readonly link: TelemetryLink;
  readonly catalogs: CatalogCache;
  private readonly token?: string;
  /** Most live updates per second of any query: the datasource's rate. */
  readonly liveRateHz: number;
  private readonly samplesPerCar: number;
  private readonly backoff?: BackoffPolicy;

  /** `tuning` is for tests and embedders; Grafana passes only the settings. */
  constructor(settings: DataSourceInstanceSettings<TelemetryOptions>, tuning: Partial<LinkTuning> = {}) {
    super(settings);
    const options = settings.jsonData ?? {};
    this.mode = options.mode === 'server' ? 'server' : 'browser';
    this.serverUrl = options.url?.trim() ?? '';
    this.defaultSession = options.defaultSession?.trim() ?? '';
    this.token = options.token || undefined;
    this.liveRateHz = options.liveRateHz && options.liveRateHz > 0 ? options.liveRateHz : DEFAULT_LIVE_RATE_HZ;
    this.samplesPerCar =
      options.liveSamplesPerCar && options.liveSamplesPerCar > 0
        ? options.liveSamplesPerCar
        : DEFAULT_LIVE_SAMPLES_PER_CAR;
    this.backoff = tuning.backoff;
    this.link = new TelemetryLink({ url: this.serverUrl, token: this.token, client: CLIENT_NAME }, tuning);
    this.catalogs = new CatalogCache(this.link);
    this.annotations = {
      QueryEditor: AnnotationEditor,
      getDefaultQuery: () => ({ queryType: 'events', mode: 'history' }),
      prepareQuery: (annotation) => ({
        refId: 'Anno',
        ...annotation.target,
        queryType: 'events',
        mode: 'history',
      }),
    };
  }

  override getDefaultQuery(): Partial<TelemetryQuery> {
    return DEFAULT_QUERY;
  }

  override filterQuery(query: TelemetryQuery): boolean {
    return !query.hide;
  }

  /** The catalog of a session (default: the datasource's default session), for editors. */
  getCatalog(session?: string): Promise<Catalog> {
    if (this.mode === 'server')
      return this.getResource<Catalog>('catalog', { session: session || this.defaultSession });
    const problem = serverUrlProblem(this.serverUrl);
    if (problem) return Promise.reject(new Error(problem));
    return this.catalogs.get(session || this.defaultSession || 'live');
  }

  override query(request: DataQueryRequest<TelemetryQuery>): Observable<DataQueryResponse> {
    if (this.mode === 'server') return super.query(request);
    const targets = request.targets.filter((target) => !target.hide);
    if (targets.length === 0) return of({ data: [] });
    const problem = serverUrlProblem(this.serverUrl);
    if (problem) return of(...targets.map((target) => errorResponse(target.refId, new Error(problem))));
    const interpolate = interpolator(request.scopedVars);
    return merge(
      ...targets.map((target) =>
        defer(() => this.run(resolveQuery(target, this.defaultSession, interpolate), request)).pipe(
          catchError((error) => of(errorResponse(target.refId, error))),
        ),
      ),
    );
  }

  private run(query: ResolvedQuery, request: DataQueryRequest<TelemetryQuery>): Observable<DataQueryResponse> {
    const range = { from: request.range.from.valueOf(), to: request.range.to.valueOf() };
    // Only telemetry and events have a live mode; laps and track queries carry the default mode and no time range.
    const streams = query.queryType === 'telemetry' || query.queryType === 'events';
    if (streams && query.mode === 'live' && isPastRange({ to: range.to, rawTo: request.range.raw?.to })) {
      return this.run({ ...query, mode: 'history' }, request).pipe(
        map((response) => ({ ...response, data: withPastRangeNotice(response.data) })),
      );
    }
    const live = {
      windowMs: Math.max(1000, range.to - range.from),
      rateHz: this.liveRateHz,
      samplesPerCar: this.samplesPerCar,
      sessionStart: (session: string) => this.catalogs.get(session).then((catalog) => catalog.session.startTime),
    };
    const done = (frames: Promise<DataFrame[]>) =>
      from(frames).pipe(map((data): DataQueryResponse => ({ data, key: query.refId, state: LoadingState.Done })));
    const catalog = () => this.catalogs.get(query.session);
    const afterCatalog = (use: (detail: Catalog) => Observable<DataQueryResponse>) =>
      defer(catalog).pipe(switchMap(use));

    switch (query.queryType) {
      case 'telemetry':
        if (query.mode === 'live') {
          const start = (detail: Catalog) => liveTelemetry(this.link, query, detail, live);
          return whenReachable(query.refId, catalog, start, this.backoff);
        }
        return afterCatalog((detail) => done(historyTelemetry(this.link, query, detail, range, request.maxDataPoints)));
      case 'laps':
        return afterCatalog((detail) => done(lapTable(this.link, query, detail)));
      case 'track':
        return afterCatalog((detail) =>
          of({ data: trackMap(query, detail), key: query.refId, state: LoadingState.Done }),
        );
      case 'events':
        return query.mode === 'live'
          ? liveEvents(this.link, query, live)
          : done(historyEvents(this.link, query, range));
    }
  }

  /** Server mode: Grafana sends the query to the backend with its variables replaced here. */
  override applyTemplateVariables(query: TelemetryQuery, scopedVars: ScopedVars): TelemetryQuery {
    const interpolate = interpolator(scopedVars);
    const applied: TelemetryQuery = { ...query, session: interpolate.text(query.session) };
    if (query.cars) applied.cars = interpolate.list(query.cars);
    if (query.channels) applied.channels = interpolate.list(query.channels);
    if (query.laps) applied.laps = interpolate.list(query.laps).join(',');
    return applied;
  }

  override async metricFindQuery(query: unknown, options?: LegacyMetricFindQueryOptions): Promise<MetricFindValue[]> {
    const text = typeof query === 'string' ? query : String((query as { query?: unknown } | undefined)?.query ?? '');
    if (this.mode === 'server') {
      return this.getResource<MetricFindValue[]>('variable', {
        query: interpolator(options?.scopedVars).text(text, 'csv'),
      });
    }
    const parsed = parseVariableQuery(interpolator(options?.scopedVars).text(text, 'csv'));
    const session = ('session' in parsed && parsed.session) || this.defaultSession || 'live';
    return variableValues(parsed, await this.getCatalog(session));
  }

  override async testDatasource(): Promise<TestDataSourceResponse> {
    if (this.mode === 'server') return super.testDatasource();
    const { status, message } = await checkConnection({
      url: this.serverUrl,
      token: this.token,
      client: CLIENT_NAME,
      defaultSession: this.defaultSession,
    });
    return { status, message };
  }
}
