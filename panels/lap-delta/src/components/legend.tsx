import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { css } from '@emotion/css';
import { useMemo } from 'react';

import { legend } from '../model/legend';
import type { LapDeltaView } from '../model/types';

interface Props {
  view: LapDeltaView;
  colours: string[];
  referenceColour: string;
}

/** Each compared lap in its colour with where it stands, the reference, and the sign of Δt. */
export function Legend({ view, colours, referenceColour }: Props) {
  const styles = useStyles2(getStyles);
  const entries = useMemo(() => legend(view), [view]);
  return (
    <div className={styles.root} data-testid="lap-delta-legend">
      {entries.laps.map((lap, k) => (
        <span key={lap.key} className={styles.item}>
          <span className={styles.swatch} style={{ background: colours[k] }} />
          {lap.label} {lap.end}
        </span>
      ))}
      <span className={styles.item}>
        <span className={styles.swatch} style={{ background: referenceColour }} />
        {entries.reference}
      </span>
      {entries.invalidReference !== undefined && (
        <span className={styles.flag} data-testid="lap-delta-invalid-reference">
          Invalid reference: {entries.invalidReference}
        </span>
      )}
      <span className={styles.sign}>Δt: positive = slower</span>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({
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
});
