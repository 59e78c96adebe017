import type { AnnotationEvent, AnnotationQuery, TimeRange } from '@grafana/data';
import { useTheme2 } from '@grafana/ui';
import { useEffect, useMemo, useState } from 'react';

import { dataSourceSrv } from '../datasources/datasource-srv';
import { runAnnotations, runnableAnnotations, type AnnotationResult } from './annotation-queries';

export interface AnnotationsContext {
  dashboardUID: string;
  range: TimeRange;
  timezone: string;
  /** Changes on a change of variables: the queries run again. */
  runKey: string;
  /** False until the variables are resolved. */
  ready: boolean;
}

/**
 * The dashboard's annotation queries, run again when the range, refresh, variables or switches change: each
 * runnable annotation's result by its index in `annotations.list`, and all their events.
 */
export function useDashboardAnnotations(
  list: AnnotationQuery[] | undefined,
  switched: ReadonlyMap<number, boolean>,
  context: AnnotationsContext,
): { results: ReadonlyMap<number, AnnotationResult>; events: AnnotationEvent[] } {
  const theme = useTheme2();
  const [results, setResults] = useState<ReadonlyMap<number, AnnotationResult>>(new Map());
  const runnable = useMemo(() => runnableAnnotations(list, switched), [list, switched]);

  useEffect(() => {
    if (!context.ready) return;
    const subscription = runAnnotations(
      runnable.map((r) => r.annotation),
      (annotation) => dataSourceSrv.get(annotation.datasource),
      {
        dashboardUID: context.dashboardUID,
        range: context.range,
        timezone: context.timezone,
        maxDataPoints: window.innerWidth,
        colorByName: theme.visualization.getColorByName,
      },
    ).subscribe((answers) => setResults(new Map(answers.map((answer, i) => [runnable[i].index, answer]))));
    return () => subscription.unsubscribe();
  }, [runnable, context.ready, context.dashboardUID, context.range, context.timezone, context.runKey, theme]);

  const events = useMemo(() => [...results.values()].flatMap((r) => r.events), [results]);
  return { results, events };
}
