import { dateTimeFormat, type GrafanaTheme2, type PanelProps } from '@grafana/data';
import { EmptyState, useStyles2, useTheme2 } from '@grafana/ui';
import { css } from '@emotion/css';
import { memo, useMemo, type ReactNode } from 'react';

import { carStateAt, firstZoneField, missingCoreNotice } from '../model/car-state';
import { readTyreData, type TyreData } from '../model/frames';
import { buildHeatmap } from '../model/heatmap-model';
import { temperatureLegend } from '../model/legend';
import {
  carLabel,
  carStatus,
  emptyMessage,
  heatmapStatus,
  missingChannels,
  NO_COLUMNS,
  NO_TELEMETRY,
  type PanelMessage,
} from '../model/notices';
import { DEFAULT_OPTIONS, type TyreHeatmapOptions } from '../types';
import { CarView } from './car-view';
import { columnAt, Heatmap, LABEL_WIDTH } from './heatmap';
import { LEGEND_HEIGHT, Legend } from './legend';
import { useCursorTime } from './use-cursor-time';

const FOOTER_HEIGHT = 20;
/** Two lines: the notice names the channels it looked for. */
const NOTICE_HEIGHT = 34;
/** The car view's legend is no wider than this, so that it reads as a scale and not as a second picture. */
const CAR_LEGEND_WIDTH = 440;

const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({ display: 'flex', flexDirection: 'column', alignItems: 'center', overflow: 'hidden' }),
  footer: css({
    height: FOOTER_HEIGHT,
    width: '100%',
    display: 'flex',
    gap: theme.spacing(2),
    justifyContent: 'space-between',
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
  }),
  missing: css({ overflow: 'hidden', textOverflow: 'ellipsis', color: theme.colors.warning.text }),
  notice: css({
    height: NOTICE_HEIGHT,
    flex: 'none',
    maxWidth: '100%',
    padding: theme.spacing(0, 1),
    overflow: 'hidden',
    display: '-webkit-box',
    WebkitBoxOrient: 'vertical',
    WebkitLineClamp: 2,
    textAlign: 'center',
    lineHeight: '16px',
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
  }),
});

const Clock = memo(function Clock(props: { label: string; time: number; format: string; timeZone?: string }) {
  return <>{`${props.label} ${dateTimeFormat(props.time, { format: props.format, timeZone: props.timeZone })}`}</>;
});

function Message({ message }: { message: PanelMessage }) {
  return (
    <EmptyState variant="not-found" hideImage message={message.title}>
      {message.text}
    </EmptyState>
  );
}

function Footer({ tyres, children }: { tyres: TyreData; children: ReactNode }) {
  const styles = useStyles2(getStyles);
  const missing = missingChannels(tyres);
  return (
    <div className={styles.footer} data-testid="tyre-footer">
      <span>{children}</span>
      {missing.length > 0 && (
        <span className={styles.missing} title={`Not found: ${missing.join(', ')}`}>
          Not found: {missing.join(', ')}
        </span>
      )}
    </div>
  );
}

interface ViewProps {
  tyres: TyreData;
  options: TyreHeatmapOptions;
  cursorTime: number | undefined;
  width: number;
  height: number;
  timeZone?: string;
}

function CarPanel({ tyres, options, cursorTime: following, width, height, timeZone }: ViewProps) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const { showPressure, showBrake, showCore } = options;
  const carState = useMemo(
    () =>
      tyres.telemetry &&
      carStateAt(tyres.telemetry, tyres.mapping.channels, theme, { at: following, showPressure, showBrake, showCore }),
    [tyres, following, theme, showPressure, showBrake, showCore],
  );
  const notice = useMemo(
    () => (showCore && tyres.telemetry ? missingCoreNotice(tyres.telemetry, tyres.mapping) : undefined),
    [showCore, tyres],
  );
  const legendField = tyres.telemetry && firstZoneField(tyres.telemetry, tyres.mapping.channels);
  const legend = useMemo(() => legendField && temperatureLegend(legendField, theme), [legendField, theme]);
  if (!carState) return <Message message={NO_TELEMETRY} />;
  const status = carStatus(carState.time, following);
  const label = carLabel(tyres);
  const viewHeight = height - FOOTER_HEIGHT - (legend ? LEGEND_HEIGHT : 0) - (notice ? NOTICE_HEIGHT : 0);
  return (
    <div className={styles.panel} style={{ width, height }} data-testid="tyre-panel" data-following={following ?? ''}>
      <CarView state={carState} width={width} height={Math.max(0, viewHeight)} />
      {notice && (
        <div className={styles.notice} data-testid="tyre-notice" title={notice}>
          {notice}
        </div>
      )}
      {legend && <Legend legend={legend} width={Math.min(width - 16, CAR_LEGEND_WIDTH)} />}
      <Footer tyres={tyres}>
        {label && `${label} · `}
        {'text' in status ? status.text : <Clock {...status} timeZone={timeZone} />}
      </Footer>
    </div>
  );
}

function HeatmapPanel({ tyres, options, cursorTime, width, height }: ViewProps) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const { columns, bucketSeconds, aggregate, showSpread } = options;
  const heatmap = useMemo(
    () =>
      buildHeatmap(tyres, tyres.mapping.channels, theme, {
        columns,
        bucketMs: Math.max(1, bucketSeconds) * 1000,
        aggregate,
        showSpread,
      }),
    [tyres, theme, columns, bucketSeconds, aggregate, showSpread],
  );
  const legendField = heatmap.rows.find((row) => row.zone)?.field;
  const legend = useMemo(() => legendField && temperatureLegend(legendField, theme), [legendField, theme]);
  if (heatmap.columns.length === 0) return <Message message={NO_COLUMNS} />;
  return (
    <div className={styles.panel} style={{ width, height }} data-testid="tyre-panel">
      <Heatmap
        model={heatmap}
        cursorColumn={columnAt(heatmap, cursorTime)}
        width={width}
        height={Math.max(0, height - FOOTER_HEIGHT - (legend ? LEGEND_HEIGHT : 0))}
      />
      {legend && <Legend legend={legend} width={width} inset={LABEL_WIDTH} />}
      <Footer tyres={tyres}>{heatmapStatus(tyres, heatmap)}</Footer>
    </div>
  );
}

export function TyreHeatmapPanel(props: PanelProps<TyreHeatmapOptions>) {
  const { data, options: partialOptions, replaceVariables, eventBus } = props;
  const options = useMemo(() => ({ ...DEFAULT_OPTIONS, ...partialOptions }), [partialOptions]);
  const car = replaceVariables ? replaceVariables(options.car ?? '') : (options.car ?? '');
  const tyres = useMemo(() => readTyreData(data.series, options, car), [data.series, options, car]);
  const cursorTime = useCursorTime(eventBus);
  const message = emptyMessage(tyres, car);
  if (message) return <Message message={message} />;
  const View = options.mode === 'heatmap' ? HeatmapPanel : CarPanel;
  const { width, height, timeZone } = props;
  return (
    <View tyres={tyres} options={options} cursorTime={cursorTime} width={width} height={height} timeZone={timeZone} />
  );
}
