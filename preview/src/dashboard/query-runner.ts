/**
 * Runs one panel's queries (and each annotation query) the way Grafana's runRequest does: one DataQueryRequest to
 * the datasource, the Observable subscribed, and of the packets it emits the latest per key kept (packet.key, else the refId of
 * its first frame), each replacing the one before. Unsubscribing closes the datasource's stream.
 */
import {
  CoreApp,
  LoadingState,
  rangeUtil,
  type DataQuery,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
  type PanelData,
  type ScopedVars,
  type TimeRange,
} from '@grafana/data';
import { from, isObservable, Observable } from 'rxjs';

export interface PanelQuery {
  panelId: number;
  panelPluginId: string;
  dashboardUID: string;
  datasource: DataSourceApi;
  targets: DataQuery[];
  range: TimeRange;
  timezone: string;
  /** The panel's width in pixels unless the panel sets maxDataPoints, as in Grafana. */
  maxDataPoints: number;
  minInterval?: string;
  liveStreaming: boolean;
  scopedVars?: ScopedVars;
}

let requestCounter = 0;

/** What a dashboard's request is made of, for a panel's queries or an annotation's. */
export interface DashboardRequestParts {
  /** The request id's prefix; a counter follows it. */
  idPrefix: string;
  dashboardUID: string;
  range: TimeRange;
  timezone: string;
  maxDataPoints: number;
  minInterval?: string;
  scopedVars?: ScopedVars;
  targets: DataQuery[];
}

/** The DataQueryRequest Grafana sends from a dashboard: the interval for the range and width, and its variables. */
export function dashboardRequest(parts: DashboardRequestParts): DataQueryRequest {
  const { interval, intervalMs } = rangeUtil.calculateInterval(parts.range, parts.maxDataPoints, parts.minInterval);
  return {
    app: CoreApp.Dashboard,
    requestId: `${parts.idPrefix}${++requestCounter}`,
    dashboardUID: parts.dashboardUID,
    range: parts.range,
    rangeRaw: parts.range.raw,
    timezone: parts.timezone,
    interval,
    intervalMs,
    maxDataPoints: parts.maxDataPoints,
    scopedVars: {
      ...parts.scopedVars,
      __interval: { text: interval, value: interval },
      __interval_ms: { text: String(intervalMs), value: intervalMs },
    },
    targets: parts.targets,
    startTime: Date.now(),
  };
}

export function buildRequest(query: PanelQuery): DataQueryRequest {
  const ref = query.datasource.getRef();
  return {
    ...dashboardRequest({
      idPrefix: `P${query.panelId}-`,
      dashboardUID: query.dashboardUID,
      range: query.range,
      timezone: query.timezone,
      maxDataPoints: query.maxDataPoints,
      minInterval: query.minInterval,
      scopedVars: query.scopedVars,
      targets: query.targets.filter((t) => !t.hide).map((t) => ({ ...t, datasource: t.datasource ?? ref })),
    }),
    panelId: query.panelId,
    panelPluginId: query.panelPluginId,
    liveStreaming: query.liveStreaming,
  };
}

function toError(error: unknown): DataQueryError {
  if (error && typeof error === 'object' && 'message' in error) return error as DataQueryError;
  return { message: String(error) };
}

/** Merges the latest packet per key into one PanelData, in the order the keys first appeared. */
function combine(packets: Map<string, DataQueryResponse>, request: DataQueryRequest): PanelData {
  const series = [];
  const errors: DataQueryError[] = [];
  let state: LoadingState = LoadingState.Done;
  for (const packet of packets.values()) {
    series.push(...packet.data);
    if (packet.errors) errors.push(...packet.errors);
    else if (packet.error) errors.push(packet.error);
    if (packet.state === LoadingState.Streaming) state = LoadingState.Streaming;
    if (packet.state === LoadingState.Loading && state === LoadingState.Done) state = LoadingState.Loading;
  }
  if (errors.length) state = LoadingState.Error;
  return {
    state,
    series,
    errors: errors.length ? errors : undefined,
    error: errors[0],
    request,
    timeRange: request.range,
  };
}

export function runPanelQuery(query: PanelQuery): Observable<PanelData> {
  return runRequest(query.datasource, buildRequest(query));
}

/** Grafana's runRequest: `request` sent to `datasource`, its packets combined into PanelData as they arrive. */
export function runRequest(datasource: DataSourceApi, request: DataQueryRequest): Observable<PanelData> {
  return new Observable<PanelData>((subscriber) => {
    const loading: PanelData = { state: LoadingState.Loading, series: [], request, timeRange: request.range };
    subscriber.next(loading);
    if (request.targets.length === 0) {
      subscriber.next({ ...loading, state: LoadingState.Done });
      return;
    }
    const packets = new Map<string, DataQueryResponse>();
    let result: ReturnType<DataSourceApi['query']>;
    try {
      result = datasource.query(request);
    } catch (error) {
      subscriber.next({ ...loading, state: LoadingState.Error, error: toError(error), errors: [toError(error)] });
      return;
    }
    const responses = isObservable(result) ? result : from(result as Promise<DataQueryResponse>);
    const subscription = responses.subscribe({
      next: (packet) => {
        packets.set(packet.key ?? packet.data?.[0]?.refId ?? 'A', packet);
        subscriber.next(combine(packets, request));
      },
      error: (error) => {
        const last = combine(packets, request);
        subscriber.next({ ...last, state: LoadingState.Error, error: toError(error), errors: [toError(error)] });
      },
      complete: () => {
        const last = combine(packets, request);
        if (last.state === LoadingState.Loading || last.state === LoadingState.Streaming) {
          subscriber.next({ ...last, state: LoadingState.Done });
        }
      },
    });
    return () => subscription.unsubscribe();
  });
}
