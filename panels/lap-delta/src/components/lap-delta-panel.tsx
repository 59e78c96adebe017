import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { LoadingState } from '@grafana/data';
import { EmptyState, useStyles2, useTheme2 } from '@grafana/ui';
import { css } from '@emotion/css';
import { useId, useMemo, useRef, useState } from 'react';

import { usePaced } from '@eracing/panel-kit/throttle';

import { readPanelData } from '../data/frames';
import { HEADER_HEIGHT, panelLayout, SIDEBAR_GAP, SIDEBAR_WIDTH } from '../model/layout';
import { buildView } from '../model/lap-view';
import type { LapDeltaView } from '../model/types';
import { viewRequest } from '../model/view-request';
import { DEFAULT_OPTIONS, type LapDeltaOptions } from '../types';
import { lapColour, referenceColour } from './chart-model';
import { LapChartView, type LapChartHandle } from './lap-chart-view';
import { Legend } from './legend';
import { LossZones } from './loss-zones';
import { SectorTable } from './sector-table';
import { useElementHeight } from './use-element-height';

/** A streaming panel recomputes the delta at most this often: the lap in progress moves, nothing else. */
const LIVE_INTERVAL_MS = 250;

export function LapDeltaPanel({
  data,
  options,
  width,
  height,
  eventBus,
  replaceVariables,
  id,
}: PanelProps<LapDeltaOptions>) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  // A live window arrives up to 30 times a second; anything else at once.
  const paced = usePaced(data, LIVE_INTERVAL_MS, data.state === LoadingState.Streaming);
  const request = useMemo(
    // Grafana always passes replaceVariables; a host that does not gets the texts as they are.
    () => viewRequest({ ...DEFAULT_OPTIONS, ...options }, replaceVariables ?? ((text: string) => text)),
    [options, replaceVariables],
  );
  const refIds = useMemo(() => paced.request?.targets.map((t) => t.refId) ?? [], [paced.request]);
  const state = useMemo(() => buildView(readPanelData(paced.series, refIds), request), [paced.series, refIds, request]);
  const instance = useId();
  const syncKey = `eracing-lapdelta-${id ?? 'panel'}-${instance}`;
  const [readout, setReadout] = useState<HTMLDivElement | null>(null);
  const chart = useRef<LapChartHandle>(null);
  // Several laps (or long labels from other sessions) wrap the legend onto more lines: the charts give way.
  const [header, headerHeight] = useElementHeight(HEADER_HEIGHT);

  if (state.kind === 'message') {
    return (
      <EmptyState variant="not-found" hideImage message={state.title}>
        {state.text}
      </EmptyState>
    );
  }
  const view: LapDeltaView = state;
  const layout = panelLayout(width, height, headerHeight, options);
  const colours = view.laps.map((_, k) => lapColour(theme, k));
  return (
    <div className={styles.root} data-testid="lap-delta-panel">
      <div className={styles.main}>
        <div className={styles.header} ref={header}>
          <Legend view={view} colours={colours} referenceColour={referenceColour(theme)} />
          <div className={styles.readout} ref={setReadout} data-testid="lap-delta-readout" />
        </div>
        <LapChartView
          ref={chart}
          view={view}
          width={layout.chartWidth}
          height={layout.chartHeight}
          eventBus={eventBus}
          syncKey={syncKey}
          readout={readout}
        />
      </div>
      {layout.sidebar && (
        <div className={styles.sidebar} style={{ width: SIDEBAR_WIDTH, height }}>
          {layout.sidebar.sectors && (
            <SectorTable view={view} colours={colours} referenceColour={referenceColour(theme)} />
          )}
          {layout.sidebar.zones && (
            <LossZones
              view={view}
              onZoom={(from, to) => chart.current?.zoom(from, to)}
              onReset={() => chart.current?.resetZoom()}
            />
          )}
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ display: 'flex', gap: SIDEBAR_GAP, width: '100%', height: '100%', overflow: 'hidden' }),
  main: css({ display: 'flex', flexDirection: 'column', minWidth: 0 }),
  header: css({ minHeight: HEADER_HEIGHT, flexShrink: 0, fontSize: theme.typography.bodySmall.fontSize }),
  readout: css({
    color: theme.colors.text.secondary,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    minHeight: '1.4em',
    fontVariantNumeric: 'tabular-nums',
  }),
  sidebar: css({ overflow: 'auto', flexShrink: 0 }),
});
