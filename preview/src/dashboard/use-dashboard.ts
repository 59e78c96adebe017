import {
  EventBusSrv,
  type AbsoluteTimeRange,
  type AnnotationEvent,
  type InterpolateFunction,
  type TimeRange,
} from '@grafana/data';
import { useCallback, useEffect, useMemo, useState } from 'react';

import { setSearch } from '../pages/location';
import { LiveClock } from './live-now';
import type { DashboardModel } from './model';
import type { DashboardRuntime } from './runtime';
import { templateSrv } from './template-srv';
import { resolveVariables, type ResolvedVariable } from './variables';

/** Resolves the dashboard's variables into `setVariables`, again when the URL's var- parameters change. */
export function useVariableResolution(
  model: DashboardModel,
  search: URLSearchParams,
  range: TimeRange,
  setVariables: (variables: ResolvedVariable[]) => void,
) {
  const variablesSearch = [...search].filter(([key]) => key.startsWith('var-')).join('&');
  useEffect(() => {
    let current = true;
    resolveVariables(model.templating?.list ?? [], search, range).then((resolved) => current && setVariables(resolved));
    return () => {
      current = false;
    };
    // Variables resolve again when the URL's var- parameters change, not on every refresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, variablesSearch]);
}

/** Which annotation queries the toolbar's toggles switched, by index in the list. */
export function useAnnotationSwitches() {
  const [switched, setSwitched] = useState<ReadonlyMap<number, boolean>>(new Map());
  const switchAnnotation = useCallback(
    (index: number, on: boolean) => setSwitched((all) => new Map(all).set(index, on)),
    [],
  );
  return { switched, switchAnnotation };
}

interface RuntimeInput {
  model: DashboardModel;
  range: TimeRange;
  timezone: string;
  /** The variables' values: a change interpolates and queries again. */
  variablesKey: string;
  annotations: AnnotationEvent[];
}

/** What the dashboard's panels share, memoised: one bus and live clock, the range and the variables' interpolation. */
export function useRuntimeValue({ model, range, timezone, variablesKey, annotations }: RuntimeInput): DashboardRuntime {
  const eventBus = useMemo(() => new EventBusSrv(), []);
  const liveClock = useMemo(() => new LiveClock(), []);
  // A new function when the variables change, so that panels interpolate again.
  const replaceVariables = useCallback<InterpolateFunction>(
    (value, scopedVars, format) => templateSrv.replace(value, scopedVars, format),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [variablesKey],
  );
  const onChangeTimeRange = useCallback(
    ({ from, to }: AbsoluteTimeRange) => setSearch({ from: String(Math.round(from)), to: String(Math.round(to)) }),
    [],
  );
  return useMemo<DashboardRuntime>(
    () => ({
      uid: model.uid,
      eventBus,
      graphTooltip: model.graphTooltip ?? 0,
      timezone,
      liveNow: Boolean(model.liveNow),
      liveClock,
      query: { dashboardUID: model.uid, range, timezone, liveNow: Boolean(model.liveNow), runKey: variablesKey },
      replaceVariables,
      onChangeTimeRange,
      annotations,
    }),
    [model, eventBus, liveClock, timezone, range, variablesKey, replaceVariables, onChangeTimeRange, annotations],
  );
}
