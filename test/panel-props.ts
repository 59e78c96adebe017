import { type DataFrame, getDefaultTimeRange, LoadingState, type PanelProps } from '@grafana/data';

/** The props Grafana passes a panel, with just the data a panel test sets. */
export function panelProps<Options>(series: DataFrame[], options: Partial<Options> = {}): PanelProps<Options> {
  return {
    data: { series, state: LoadingState.Done, timeRange: getDefaultTimeRange() },
    options,
  } as unknown as PanelProps<Options>;
}
