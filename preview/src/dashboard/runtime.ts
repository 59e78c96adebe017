import type { AbsoluteTimeRange, AnnotationEvent, EventBusSrv, InterpolateFunction } from '@grafana/data';
import { createContext, useContext } from 'react';

import type { LiveClock } from './live-now';
import type { PanelQueryContext } from './use-panel-data';

/** What every panel of one dashboard shares. */
export interface DashboardRuntime {
  uid: string;
  /** One bus per dashboard; each panel gets a scoped bus on it. */
  eventBus: EventBusSrv;
  graphTooltip: 0 | 1 | 2;
  timezone: string;
  liveNow: boolean;
  /** Drives every panel's live-mode ticks. */
  liveClock: LiveClock;
  query: PanelQueryContext;
  replaceVariables: InterpolateFunction;
  onChangeTimeRange: (range: AbsoluteTimeRange) => void;
  /** The events of the dashboard's annotation queries; each panel keeps those its filters allow. */
  annotations: AnnotationEvent[];
}

export const DashboardRuntimeContext = createContext<DashboardRuntime | undefined>(undefined);

export function useDashboardRuntime(): DashboardRuntime {
  const runtime = useContext(DashboardRuntimeContext);
  if (!runtime) throw new Error('A panel was rendered outside a dashboard');
  return runtime;
}
