import { LoadingState, type PanelPlugin } from '@grafana/data';
import { useMemo } from 'react';

import { annotationsForPanel, withDashboardAnnotations } from './annotation-events';
import { useLiveRange } from './live-now';
import type { PanelModel } from './model';
import { fieldConfigWithDefaults, optionsWithDefaults } from './panel-options';
import type { DashboardRuntime } from './runtime';
import { usePanelQueries, useProcessedData } from './use-panel-data';

/**
 * What the panel's plugin is given: its options and field config with the plugin's defaults, its processed data
 * with the dashboard's annotations, and the time range (moving with the clock while a live panel streams).
 */
export function usePanelFrames(
  dashboard: DashboardRuntime,
  panel: PanelModel,
  plugin: PanelPlugin | undefined,
  width: number,
) {
  const options = useMemo(() => plugin && optionsWithDefaults(plugin, panel.options), [plugin, panel.options]);
  const fieldConfig = useMemo(
    () => plugin && fieldConfigWithDefaults(plugin, panel.fieldConfig),
    [plugin, panel.fieldConfig],
  );
  const raw = usePanelQueries(panel, plugin, width, dashboard.query);
  const processed = useProcessedData(raw, panel, plugin, fieldConfig, dashboard.replaceVariables, dashboard.timezone);
  const data = useMemo(
    () => processed && withDashboardAnnotations(processed, annotationsForPanel(dashboard.annotations, panel.id)),
    [processed, dashboard.annotations, panel.id],
  );
  const streaming = dashboard.liveNow && data?.state === LoadingState.Streaming;
  const timeRange = useLiveRange(
    dashboard.liveClock,
    streaming,
    data?.timeRange ?? dashboard.query.range,
    dashboard.timezone,
    width,
    data?.series,
  );
  return { options, fieldConfig, data, timeRange };
}
