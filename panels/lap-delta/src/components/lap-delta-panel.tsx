import type { GrafanaTheme2, PanelData, PanelProps } from '@grafana/data';
import { LoadingState } from '@grafana/data';
import { EmptyState, useStyles2, useTheme2 } from '@grafana/ui';
import { css } from '@emotion/css';
import { useEffect, useMemo, useRef, useState } from 'react';

import { REFERENCE_CHOICES, type ReferenceChoice } from '@eracing/telemetry-core/delta';
import { formatTimeDelta } from '@eracing/telemetry-core/laps';

import { readPanelData } from '../data/frames';
import { buildView, type LapDeltaView, type ViewRequest } from '../data/lap-view';
import { DEFAULT_OPTIONS, DEFAULT_REFERENCE, type LapDeltaOptions } from '../types';
import { lapColour, referenceColour } from './chart-model';
import { LapChartView, type LapChartHandle } from './lap-chart-view';
import { LossZones } from './loss-zones';
import { useElementHeight } from './use-element-height';
import { SectorTable } from './sector-table';

/** The legend on one line and the readout below it. */
const HEADER_HEIGHT = 40;
const SIDEBAR_WIDTH = 340;
/** Narrower than this, the panel draws the charts only. */
const SIDEBAR_MIN_PANEL_WIDTH = 760;
/** A streaming panel recomputes the delta at most this often: the lap in progress moves, nothing else. */
const LIVE_INTERVAL_MS = 250;

let instances = 0;

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
  const paced = usePacedData(data);
  const request = useMemo(
    // Grafana always passes replaceVariables; a host that does not gets the texts as they are.
    () => viewRequest({ ...DEFAULT_OPTIONS, ...options }, replaceVariables ?? ((text: string) => text)),
    [options, replaceVariables],
  );
  const refIds = useMemo(() => paced.request?.targets.map((t) => t.refId) ?? [], [paced.request]);
  const state = useMemo(() => buildView(readPanelData(paced.series, refIds), request), [paced.series, refIds, request]);
  const [syncKey] = useState(() => `eracing-lapdelta-${id ?? 'panel'}-${++instances}`);
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
  const sidebar = width >= SIDEBAR_MIN_PANEL_WIDTH && (options.showSectors !== false || (options.zones ?? 5) > 0);
  const chartWidth = Math.max(100, sidebar ? width - SIDEBAR_WIDTH - 8 : width);
  const chartHeight = Math.max(80, height - headerHeight);
  const colours = view.laps.map((_, k) => lapColour(theme, k));
  return (
    <div className={styles.root} data-testid="lap-delta-panel">
      <div className={styles.main}>
        <div className={styles.header} ref={header}>
          <div className={styles.legend} data-testid="lap-delta-legend">
            {view.laps.map((lap, k) => (
              <span key={lap.key} className={styles.item}>
                <span className={styles.swatch} style={{ background: colours[k] }} />
                {lap.label} {lapEnd(view, k)}
              </span>
            ))}
            <span className={styles.item}>
              <span className={styles.swatch} style={{ background: referenceColour(theme) }} />
              vs {view.reference.label} (reference{view.reference.inProgress ? ', running' : ''})
            </span>
            {view.flagged && (
              <span className={styles.flag} data-testid="lap-delta-invalid-reference">
                Invalid reference: {view.reference.flags || 'invalid lap'}
              </span>
            )}
            <span className={styles.sign}>Δt: positive = slower</span>
          </div>
          <div className={styles.readout} ref={setReadout} data-testid="lap-delta-readout" />
        </div>
        <LapChartView
          ref={chart}
          view={view}
          width={chartWidth}
          height={chartHeight}
          eventBus={eventBus}
          syncKey={syncKey}
          readout={readout}
        />
      </div>
      {sidebar && (
        <div className={styles.sidebar} style={{ width: SIDEBAR_WIDTH, height }}>
          {options.showSectors !== false && (
            <SectorTable view={view} colours={colours} referenceColour={referenceColour(theme)} />
          )}
          {(options.zones ?? 5) > 0 && (
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

/** The options with template variables replaced (the reference choice too, e.g. `$reference`), as the view needs them. */
export function viewRequest(options: LapDeltaOptions, replace: (text: string) => string): ViewRequest {
  const number = (text: string) => {
    const value = parseFloat(replace(text ?? '').trim());
    return Number.isFinite(value) ? value : undefined;
  };
  const reference = replace(options.reference ?? '').trim() as ReferenceChoice;
  return {
    reference: REFERENCE_CHOICES.includes(reference) ? reference : DEFAULT_REFERENCE,
    referenceCar: replace(options.referenceCar ?? '').trim() || undefined,
    referenceLap: number(options.referenceLap),
    referenceSession: replace(options.referenceSession ?? '').trim() || undefined,
    compare: options.compare,
    channels: replace(options.channels ?? '')
      .split(/[\s,]+/)
      .filter(Boolean),
    zones: Math.max(0, Math.round(options.zones ?? 5)),
  };
}

/** The lap's time against the reference's (as the sector table has it), or where the lap in progress has got to. */
export function lapEnd(view: LapDeltaView, k: number): string {
  const timed = view.lapDeltas.get(view.laps[k].key);
  if (timed !== undefined) return `${formatTimeDelta(timed)} s`;
  const delta = view.comparison.laps[k].slip.delta;
  for (let i = delta.length - 1; i >= 0; i--) if (Number.isFinite(delta[i])) return `${formatTimeDelta(delta[i])} s`;
  return '';
}

/**
 * The panel's data, at most every {@link LIVE_INTERVAL_MS} while it streams (a live window arrives up to 30 times a
 * second); at once otherwise.
 */
function usePacedData(data: PanelData): PanelData {
  const [paced, setPaced] = useState(data);
  const last = useRef(0);
  useEffect(() => {
    if (data.state !== LoadingState.Streaming) {
      last.current = Date.now();
      setPaced(data);
      return;
    }
    const wait = last.current + LIVE_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      last.current = Date.now();
      setPaced(data);
      return;
    }
    const timer = setTimeout(() => {
      last.current = Date.now();
      setPaced(data);
    }, wait);
    return () => clearTimeout(timer);
  }, [data]);
  return data.state === LoadingState.Streaming ? paced : data;
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ display: 'flex', gap: 8, width: '100%', height: '100%', overflow: 'hidden' }),
  main: css({ display: 'flex', flexDirection: 'column', minWidth: 0 }),
  header: css({ minHeight: HEADER_HEIGHT, flexShrink: 0, fontSize: theme.typography.bodySmall.fontSize }),
  legend: css({
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: theme.spacing(1.5),
    rowGap: theme.spacing(0.25),
    whiteSpace: 'nowrap',
  }),
  item: css({ display: 'inline-flex', alignItems: 'center', fontVariantNumeric: 'tabular-nums' }),
  swatch: css({ display: 'inline-block', width: 14, height: 3, marginRight: 6 }),
  sign: css({ color: theme.colors.text.secondary }),
  flag: css({ color: theme.colors.warning.text, fontWeight: theme.typography.fontWeightMedium }),
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
