import { readCursor } from '@eracing/panel-kit/cursor';
import {
  DataHoverClearEvent,
  DataHoverEvent,
  dateTimeFormat,
  type GrafanaTheme2,
  type PanelProps,
} from '@grafana/data';
import { EmptyState, useStyles2, useTheme2 } from '@grafana/ui';
import { css } from '@emotion/css';
import { memo, useEffect, useMemo, useState, type ReactNode } from 'react';

import { carStateAt, firstZoneField, missingCoreNotice } from '../model/car-state';
import { readTyreData, type TyreData } from '../model/frames';
import { buildHeatmap } from '../model/heatmap-model';
import { temperatureLegend } from '../model/legend';
import { DEFAULT_OPTIONS, type TyreHeatmapOptions } from '../types';
import { CarView } from './car-view';
import { columnAt, Heatmap, LABEL_WIDTH } from './heatmap';
import { LEGEND_HEIGHT, Legend } from './legend';

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

/** The time of the shared cursor while another panel is hovered; undefined otherwise (live). */
function useCursorTime(eventBus: PanelProps['eventBus'] | undefined): number | undefined {
  const [time, setTime] = useState<number>();
  useEffect(() => {
    if (!eventBus) return;
    const hover = eventBus.getStream(DataHoverEvent).subscribe((event) => {
      if (event.origin === eventBus) return;
      const cursor = readCursor(event.payload);
      if (cursor) setTime(cursor.time);
    });
    const clear = eventBus.getStream(DataHoverClearEvent).subscribe(() => setTime(undefined));
    return () => {
      hover.unsubscribe();
      clear.unsubscribe();
    };
  }, [eventBus]);
  return time;
}

function lookedForMessage(data: TyreData): string {
  const { mapping } = data;
  const naming = mapping.preset ? '' : ' (or the MoTeC LFtempL and tyre_fl_left namings)';
  return (
    `This panel looked for tyre surface temperatures ${mapping.missingTemperatures.join(', ')}${naming} and found none` +
    `${data.car ? ` for car ${data.car}` : ''}. Choose a naming preset or map the fields in the panel options.`
  );
}

export function TyreHeatmapPanel({
  data,
  options: partialOptions,
  width,
  height,
  eventBus,
  replaceVariables,
  timeZone,
}: PanelProps<TyreHeatmapOptions>) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const options = useMemo(() => ({ ...DEFAULT_OPTIONS, ...partialOptions }), [partialOptions]);
  const car = replaceVariables ? replaceVariables(options.car ?? '') : (options.car ?? '');
  const tyres = useMemo(() => readTyreData(data.series, options, car), [data.series, options, car]);
  const cursorTime = useCursorTime(eventBus);
  const carMode = options.mode !== 'heatmap';
  const following = carMode ? cursorTime : undefined;

  const carState = useMemo(
    () =>
      carMode && tyres.telemetry
        ? carStateAt(tyres.telemetry, tyres.mapping.channels, theme, {
            at: following,
            showPressure: options.showPressure,
            showBrake: options.showBrake,
            showCore: options.showCore,
          })
        : undefined,
    [carMode, tyres, following, theme, options.showPressure, options.showBrake, options.showCore],
  );
  const heatmap = useMemo(
    () =>
      carMode
        ? undefined
        : buildHeatmap(tyres, tyres.mapping.channels, theme, {
            columns: options.columns,
            bucketMs: Math.max(1, options.bucketSeconds) * 1000,
            aggregate: options.aggregate,
            showSpread: options.showSpread,
          }),
    [carMode, tyres, theme, options.columns, options.bucketSeconds, options.aggregate, options.showSpread],
  );
  const coreNotice = useMemo(
    () =>
      carMode && options.showCore && tyres.telemetry ? missingCoreNotice(tyres.telemetry, tyres.mapping) : undefined,
    [carMode, options.showCore, tyres],
  );
  const legendField = carMode
    ? tyres.telemetry && firstZoneField(tyres.telemetry, tyres.mapping.channels)
    : heatmap?.rows.find((row) => row.zone)?.field;
  const legend = useMemo(() => legendField && temperatureLegend(legendField, theme), [legendField, theme]);

  if (car && !tyres.telemetry && !tyres.laps?.rows.length) {
    return (
      <EmptyState variant="not-found" hideImage message={`No data for car ${car}`}>
        {tyres.cars.length
          ? `The data has cars ${tyres.cars.join(', ')}. Check the panel's Car option and the query.`
          : 'The query returned no telemetry frames and no laps table.'}
      </EmptyState>
    );
  }
  if (tyres.mapping.zoneCount === 0) {
    return (
      <EmptyState variant="not-found" hideImage message="No tyre channels">
        {lookedForMessage(tyres)}
      </EmptyState>
    );
  }

  const missing = [...tyres.mapping.missingTemperatures, ...tyres.mapping.missingManual];
  const footer = (status: ReactNode) => (
    <div className={styles.footer} data-testid="tyre-footer">
      <span>{status}</span>
      {missing.length > 0 && (
        <span className={styles.missing} title={`Not found: ${missing.join(', ')}`}>
          Not found: {missing.join(', ')}
        </span>
      )}
    </div>
  );
  const bodyHeight = Math.max(0, height - FOOTER_HEIGHT);
  const carLabel = tyres.car ? `car ${tyres.car}` : '';

  if (carMode) {
    if (!carState) {
      return (
        <EmptyState variant="not-found" hideImage message="No telemetry frame">
          The car view needs a telemetry frame with a time field and the tyre channels; the query returned only a laps
          table. Use a live or history telemetry query, or switch the panel to the heatmap.
        </EmptyState>
      );
    }
    const status =
      carState.time === undefined ? (
        following === undefined ? (
          'no sample yet'
        ) : (
          'no sample at or before the cursor'
        )
      ) : following === undefined ? (
        // Live, the clock to the second: the footer then changes once a second, not with every emission.
        <Clock label="live" time={Math.floor(carState.time / 1000) * 1000} format="HH:mm:ss" timeZone={timeZone} />
      ) : (
        <Clock label="cursor" time={carState.time} format="HH:mm:ss.SSS" timeZone={timeZone} />
      );
    const viewHeight = bodyHeight - (legend ? LEGEND_HEIGHT : 0) - (coreNotice ? NOTICE_HEIGHT : 0);
    return (
      <div className={styles.panel} style={{ width, height }} data-testid="tyre-panel" data-following={following ?? ''}>
        <CarView state={carState} width={width} height={Math.max(0, viewHeight)} />
        {coreNotice && (
          <div className={styles.notice} data-testid="tyre-notice" title={coreNotice}>
            {coreNotice}
          </div>
        )}
        {legend && <Legend legend={legend} width={Math.min(width - 16, CAR_LEGEND_WIDTH)} />}
        {footer(
          <>
            {carLabel && `${carLabel} · `}
            {status}
          </>,
        )}
      </div>
    );
  }

  if (!heatmap || heatmap.columns.length === 0) {
    return (
      <EmptyState variant="not-found" hideImage message="No laps yet">
        The heatmap needs a laps table with tyre aggregates (a Laps query with the tyre channels as aggregates), or a
        telemetry frame with a lap field; with time-bucket columns, a telemetry frame.
      </EmptyState>
    );
  }
  const { labels } = heatmap;
  return (
    <div className={styles.panel} style={{ width, height }} data-testid="tyre-panel">
      <Heatmap
        model={heatmap}
        cursorColumn={columnAt(heatmap, cursorTime)}
        width={width}
        height={Math.max(0, bodyHeight - (legend ? LEGEND_HEIGHT : 0))}
      />
      {legend && <Legend legend={legend} width={width} inset={LABEL_WIDTH} />}
      {footer(
        [carLabel, labels.value, labels.count(heatmap.columns.length), `from ${heatmap.source}`]
          .filter(Boolean)
          .join(' · '),
      )}
    </div>
  );
}
