import { css } from '@emotion/css';
import { formattedValueToString, type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { type ColourScale, legendGradient } from '../scene/colour-scale';

interface Props {
  title: string;
  scale?: ColourScale;
  problem?: string;
}

/** The colour bar of the racing line: the channel, its colours from min to max, in its unit. */
export function Legend({ title, scale, problem }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.legend} data-testid="trackmap-legend">
      <div className={styles.title}>{title}</div>
      {scale && (
        <>
          <div className={styles.bar} style={{ background: legendGradient(scale) }} />
          <div className={styles.labels}>
            <span>{formattedValueToString(scale.display(scale.min))}</span>
            <span>{formattedValueToString(scale.display(scale.max))}</span>
          </div>
        </>
      )}
      {problem && <div className={styles.problem}>{problem}</div>}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  legend: css({
    position: 'absolute',
    left: theme.spacing(1),
    bottom: theme.spacing(1),
    width: 180,
    padding: theme.spacing(0.5, 1),
    background: theme.colors.background.primary,
    opacity: 0.9,
    borderRadius: theme.shape.radius.default,
    fontSize: theme.typography.bodySmall.fontSize,
    pointerEvents: 'none',
  }),
  title: css({ color: theme.colors.text.secondary, marginBottom: 2 }),
  bar: css({ height: 8, borderRadius: 2 }),
  labels: css({ display: 'flex', justifyContent: 'space-between', color: theme.colors.text.primary }),
  problem: css({ color: theme.colors.warning.text }),
});
