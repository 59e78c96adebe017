import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { css } from '@emotion/css';

import { formatTimeDelta } from '@eracing/telemetry-core/laps';

import type { LapDeltaView } from '../data/lap-view';
import { formatRange, zoneTitle } from './format';

interface Props {
  view: LapDeltaView;
  onZoom: (from: number, to: number) => void;
  onReset: () => void;
}

/** The biggest loss zones of the first compared lap, by corner; a click zooms the charts to the zone. */
export function LossZones({ view, onZoom, onReset }: Props) {
  const styles = useStyles2(getStyles);
  const { zones } = view;
  if (zones.length === 0) return null;
  return (
    <div className={styles.wrap} data-testid="lap-delta-zones">
      <div className={styles.title}>
        Biggest losses, {view.laps[0].label}
        <button type="button" className={styles.reset} onClick={onReset}>
          whole lap
        </button>
      </div>
      <ol className={styles.list}>
        {zones.map((zone) => {
          const margin = Math.max(20, (zone.end - zone.start) * 0.25);
          const range = formatRange(zone.start, zone.end);
          return (
            <li key={zone.start}>
              <button
                type="button"
                className={styles.zone}
                onClick={() => onZoom(Math.max(0, zone.start - margin), zone.end + margin)}
                title={`Zoom to ${zoneTitle(zone)}`}
              >
                <span data-testid="lap-delta-zone-place">
                  {zone.place?.label ?? range}
                  {zone.place && (
                    <span className={styles.range} data-testid="lap-delta-zone-range">
                      {' '}
                      {range}
                    </span>
                  )}
                </span>
                <span className={styles.lost}>{formatTimeDelta(zone.timeLost)} s</span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ fontSize: theme.typography.bodySmall.fontSize, marginTop: theme.spacing(1) }),
  title: css({ color: theme.colors.text.secondary, display: 'flex', justifyContent: 'space-between' }),
  reset: css({
    background: 'none',
    border: 'none',
    color: theme.colors.text.link,
    cursor: 'pointer',
    padding: 0,
    fontSize: 'inherit',
  }),
  list: css({ listStyle: 'decimal inside', margin: 0, padding: 0 }),
  zone: css({
    display: 'inline-flex',
    justifyContent: 'space-between',
    width: 'calc(100% - 1.5em)',
    background: 'none',
    border: 'none',
    color: theme.colors.text.primary,
    cursor: 'pointer',
    padding: theme.spacing(0.25, 0),
    fontSize: 'inherit',
    fontVariantNumeric: 'tabular-nums',
    '&:hover': { background: theme.colors.action.hover },
  }),
  range: css({ color: theme.colors.text.secondary }),
  lost: css({ color: theme.colors.error.text }),
});
