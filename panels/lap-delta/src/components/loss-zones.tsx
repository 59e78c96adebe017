import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { css } from '@emotion/css';
import { useMemo } from 'react';

import { zoneList } from '../model/loss-zones';
import type { LapDeltaView } from '../model/types';

interface Props {
  view: LapDeltaView;
  onZoom: (from: number, to: number) => void;
  onReset: () => void;
}

/** The biggest loss zones of the first compared lap, by corner; a click zooms the charts to the zone. */
export function LossZones({ view, onZoom, onReset }: Props) {
  const styles = useStyles2(getStyles);
  const list = useMemo(() => zoneList(view), [view]);
  if (!list) return null;
  return (
    <div className={styles.wrap} data-testid="lap-delta-zones">
      <div className={styles.title}>
        {list.title}
        <button type="button" className={styles.reset} onClick={onReset}>
          whole lap
        </button>
      </div>
      <ol className={styles.list}>
        {list.items.map((zone) => (
          <li key={zone.key}>
            <button
              type="button"
              className={styles.zone}
              onClick={() => onZoom(zone.zoom.from, zone.zoom.to)}
              title={zone.title}
            >
              <span data-testid="lap-delta-zone-place">
                {zone.place}
                {zone.range !== undefined && (
                  <span className={styles.range} data-testid="lap-delta-zone-range">
                    {' '}
                    {zone.range}
                  </span>
                )}
              </span>
              <span className={styles.lost}>{zone.lost}</span>
            </button>
          </li>
        ))}
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
