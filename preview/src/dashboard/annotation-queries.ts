/**
 * The dashboard's annotation queries, run as Grafana's executeAnnotationQuery runs them: the datasource's
 * `annotations` support over Grafana's standard one, one DataQueryRequest per annotation with `targets: [query]`
 * (refId `Anno`) over the dashboard's range, its frames read into events by `processEvents`.
 */
import {
  DataTopic,
  LoadingState,
  type AnnotationEvent,
  type AnnotationQuery,
  type AnnotationSupport,
  type DataFrame,
  type DataQueryRequest,
  type DataSourceApi,
  type TimeRange,
} from '@grafana/data';
import { combineLatest, map, Observable, of, switchMap } from 'rxjs';

import { annotationsFromFrames, translateQueryResult } from './annotation-events';
import { dashboardRequest, runRequest } from './query-runner';

export interface AnnotationOptions {
  dashboardUID: string;
  range: TimeRange;
  timezone: string;
  /** Grafana's: the panel's width, or the window's for dashboard annotations. */
  maxDataPoints: number;
  colorByName: (color: string) => string;
}

/** What one annotation query answered: its events, or why there are none. */
export interface AnnotationResult {
  events: AnnotationEvent[];
  state: LoadingState;
  error?: string;
}

/** Grafana's standardAnnotationSupport: a legacy string `query` becomes a target; frames read by field name. */
const standardSupport: Required<Pick<AnnotationSupport, 'prepareAnnotation' | 'prepareQuery' | 'processEvents'>> = {
  prepareAnnotation: (json: AnnotationQuery) => {
    if (typeof json?.query !== 'string') return json;
    const { query, ...rest } = json;
    return { ...rest, target: { refId: 'annotation_query', query }, mappings: {} };
  },
  prepareQuery: (annotation: AnnotationQuery) => annotation.target,
  processEvents: (annotation: AnnotationQuery, frames: DataFrame[]) =>
    of(annotationsFromFrames(frames, annotation.mappings)),
};

/** Grafana's built-in "Annotations & Alerts" reads Grafana's own annotation store, which the preview has not. */
function isBuiltIn(annotation: AnnotationQuery): boolean {
  const ds = annotation.datasource;
  return annotation.builtIn === 1 || ds?.uid === '-- Grafana --' || ds?.type === 'grafana' || ds?.type === 'dashboard';
}

/** The annotations the preview can query, each with its index in `annotations.list`: a datasource, not built in. */
export function queryableAnnotations(
  list: AnnotationQuery[] | undefined,
): Array<{ index: number; annotation: AnnotationQuery }> {
  return (list ?? []).flatMap((annotation, index) =>
    annotation.datasource && !isBuiltIn(annotation) ? [{ index, annotation }] : [],
  );
}

/** Whether the annotation is on: as saved (`enable`), unless switched in the page, as Grafana's toggles do. */
export function isAnnotationOn(annotation: AnnotationQuery, index: number, switched: ReadonlyMap<number, boolean>) {
  return switched.get(index) ?? Boolean(annotation.enable);
}

/** The annotations Grafana would query: queryable and on. */
export function runnableAnnotations(
  list: AnnotationQuery[] | undefined,
  switched: ReadonlyMap<number, boolean>,
): Array<{ index: number; annotation: AnnotationQuery }> {
  return queryableAnnotations(list).filter(({ annotation, index }) => isAnnotationOn(annotation, index, switched));
}

function processorOf(datasource: DataSourceApi) {
  return { ...standardSupport, ...datasource.annotations } as typeof standardSupport & AnnotationSupport;
}

/** The request Grafana sends for `saved`, and the annotation as prepared; none when the datasource skips it. */
export function annotationRequest(
  saved: AnnotationQuery,
  datasource: DataSourceApi,
  options: AnnotationOptions,
): { annotation: AnnotationQuery; request: DataQueryRequest } | undefined {
  const processor = processorOf(datasource);
  const annotation = processor.prepareAnnotation({ ...processor.getDefaultQuery?.(), ...saved });
  const query = annotation && processor.prepareQuery(annotation);
  if (!query) return undefined;
  const request = dashboardRequest({
    idPrefix: 'AQ',
    dashboardUID: options.dashboardUID,
    range: options.range,
    timezone: options.timezone,
    maxDataPoints: options.maxDataPoints,
    minInterval: datasource.interval,
    scopedVars: { __annotation: { text: annotation.name, value: annotation } },
    targets: [{ ...query, refId: 'Anno' }],
  });
  return { annotation, request };
}

/** One annotation's events as its query answers, re-read on each packet. */
export function runAnnotation(
  saved: AnnotationQuery,
  datasource: DataSourceApi,
  options: AnnotationOptions,
): Observable<AnnotationResult> {
  const prepared = annotationRequest(saved, datasource, options);
  if (!prepared) return of({ events: [], state: LoadingState.Done });
  const { annotation, request } = prepared;
  const processor = processorOf(datasource);
  return runRequest(datasource, request).pipe(
    switchMap((data) => {
      // Some datasources answer in the annotations topic already.
      const frames = (data.series.length ? data.series : (data.annotations ?? [])).map((frame) => ({
        ...frame,
        meta: { ...frame.meta, dataTopic: DataTopic.Annotations },
      }));
      const done = (events: AnnotationEvent[] = []) => ({ events, state: data.state, error: data.error?.message });
      if (frames.length === 0) return of(done());
      return processor
        .processEvents(annotation, frames)
        .pipe(map((events) => done(translateQueryResult(annotation, events ?? [], options.colorByName))));
    }),
  );
}

/** Every annotation's result, in the order of `annotations`, each starting empty until its query answers. */
export function runAnnotations(
  annotations: AnnotationQuery[],
  getDatasource: (annotation: AnnotationQuery) => Promise<DataSourceApi>,
  options: AnnotationOptions,
): Observable<AnnotationResult[]> {
  if (annotations.length === 0) return of([]);
  const loading: AnnotationResult = { events: [], state: LoadingState.Loading };
  return combineLatest(
    annotations.map(
      (annotation) =>
        new Observable<AnnotationResult>((subscriber) => {
          subscriber.next(loading);
          let closed = false;
          let unsubscribe = () => {};
          getDatasource(annotation).then(
            (datasource) => {
              if (closed) return;
              const subscription = runAnnotation(annotation, datasource, options).subscribe(subscriber);
              unsubscribe = () => subscription.unsubscribe();
            },
            (error: Error) => subscriber.next({ events: [], state: LoadingState.Error, error: error.message }),
          );
          return () => {
            closed = true;
            unsubscribe();
          };
        }),
    ),
  );
}
