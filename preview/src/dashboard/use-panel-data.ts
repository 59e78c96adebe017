import {
  applyFieldOverrides,
  LoadingState,
  transformDataFrame,
  type DataFrame,
  type DataSourceApi,
  type DataTransformerConfig,
  type FieldConfigSource,
  type InterpolateFunction,
  type PanelData,
  type PanelPlugin,
  type TimeRange,
} from '@grafana/data';
import { useTheme2 } from '@grafana/ui';
import { useEffect, useMemo, useRef, useState } from 'react';

import { dataSourceSrv } from '../datasources/datasource-srv';
import type { PanelModel } from './model';
import { runPanelQuery } from './query-runner';
import { StructureRevision } from './structure';

export interface PanelQueryContext {
  dashboardUID: string;
  range: TimeRange;
  timezone: string;
  liveNow: boolean;
  /** Changes on refresh and on a change of variables: the queries run again. */
  runKey: string;
}

function errorData(message: string, range: TimeRange): PanelData {
  return { state: LoadingState.Error, series: [], error: { message }, errors: [{ message }], timeRange: range };
}

/** The panel's raw data: its queries run against its datasource, re-run when the range, refresh or variables change. */
export function usePanelQueries(
  panel: PanelModel,
  plugin: PanelPlugin | undefined,
  width: number,
  context: PanelQueryContext,
) {
  const [data, setData] = useState<PanelData | undefined>();
  const widthAtQuery = useRef(0);
  if (width > 0 && widthAtQuery.current === 0) widthAtQuery.current = Math.round(width);
  const measured = widthAtQuery.current > 0;
  const targets = JSON.stringify(panel.targets ?? []);
  const dsRef = JSON.stringify(panel.datasource ?? panel.targets?.[0]?.datasource ?? null);
  const skip = !plugin || plugin.meta?.skipDataQuery;

  useEffect(() => {
    if (skip || !measured) return;
    let closed = false;
    let unsubscribe = () => {};
    dataSourceSrv
      .get(JSON.parse(dsRef))
      .then((datasource: DataSourceApi) => {
        if (closed) return;
        const subscription = runPanelQuery({
          panelId: panel.id,
          panelPluginId: panel.type,
          dashboardUID: context.dashboardUID,
          datasource,
          targets: JSON.parse(targets),
          range: context.range,
          timezone: context.timezone,
          maxDataPoints: panel.maxDataPoints ?? widthAtQuery.current,
          minInterval: panel.interval,
          liveStreaming: context.liveNow,
        }).subscribe(setData);
        unsubscribe = () => subscription.unsubscribe();
      })
      .catch((error: Error) => !closed && setData(errorData(error.message, context.range)));
    return () => {
      closed = true;
      unsubscribe();
    };
    // The range object changes on every live tick only through `context.range` set by the dashboard on a real change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    skip,
    measured,
    dsRef,
    targets,
    context.range,
    context.runKey,
    context.dashboardUID,
    panel.id,
    panel.maxDataPoints,
  ]);

  return data;
}

/** `data` through the panel's transformations: `undefined` while they have not answered. */
function transform(data: PanelData, transformations: DataTransformerConfig[], next: (result: PanelData) => void) {
  return transformDataFrame(transformations, data.series).subscribe({
    next: (series: DataFrame[]) => next({ ...data, series }),
    error: (error: Error) => next(errorData(`Transformation failed: ${error.message}`, data.timeRange)),
  });
}

/**
 * Grafana's standard transformations answer synchronously, so new data is transformed in the same render: no render
 * with the old frames first. A transformation that answers later still arrives, through state.
 */
function useTransformed(data: PanelData | undefined, panel: PanelModel): PanelData | undefined {
  const [late, setLate] = useState<PanelData | undefined>();
  const transformations = panel.transformations?.filter((t) => !t.disabled) ?? [];
  const key = JSON.stringify(transformations);
  const now = useMemo(() => {
    if (!data || transformations.length === 0) return undefined;
    let result: PanelData | undefined;
    transform(data, transformations, (answer) => (result = answer)).unsubscribe();
    return result;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, key]);
  useEffect(() => {
    if (!data || transformations.length === 0 || now) return;
    const subscription = transform(data, transformations, setLate);
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, key, now]);
  return transformations.length === 0 ? data : (now ?? late);
}

/** The panel's data as its plugin receives it: transformed, with field config applied by applyFieldOverrides. */
export function useProcessedData(
  raw: PanelData | undefined,
  panel: PanelModel,
  plugin: PanelPlugin | undefined,
  fieldConfig: FieldConfigSource | undefined,
  replaceVariables: InterpolateFunction,
  timeZone: string,
): PanelData | undefined {
  const theme = useTheme2();
  const structure = useRef(new StructureRevision());
  const transformed = useTransformed(raw, panel);
  return useMemo(() => {
    if (!transformed || !plugin || !fieldConfig) return transformed;
    const series = applyFieldOverrides({
      data: transformed.series,
      fieldConfig,
      fieldConfigRegistry: plugin.fieldConfigRegistry,
      replaceVariables,
      theme,
      timeZone,
    });
    return { ...transformed, series, structureRev: structure.current.of(series) };
  }, [transformed, plugin, fieldConfig, replaceVariables, theme, timeZone]);
}
