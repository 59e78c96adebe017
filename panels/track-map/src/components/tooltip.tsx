import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import type { TooltipRow } from '../scene/hover';

interface Props {
  x: number;
  y: number;
  rows: TooltipRow[];
  /** The panel's size, to keep the tooltip inside it. */
  width: number;
  height: number;
}

/** The nearest sample's values, beside the pointer. */
export function Tooltip({ x, y, rows, width, height }: Props) {
  const styles = useStyles2(getStyles);
  const left = x > width / 2 ? undefined : x + 14;
  const right = x > width / 2 ? width - x + 14 : undefined;
  const top = y > height / 2 ? undefined : y + 14;
  const bottom = y > height / 2 ? height - y + 14 : undefined;
  return (
    <div className={styles.tooltip} style={{ left, right, top, bottom }} data-testid="trackmap-tooltip">
      <table>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th>{row.label}</th>
              <td>{row.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  tooltip: css({
    position: 'absolute',
    zIndex: 1,
    pointerEvents: 'none',
    padding: theme.spacing(0.5, 1),
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z2,
    fontSize: theme.typography.bodySmall.fontSize,
    maxHeight: '90%',
    overflow: 'hidden',
    th: { color: theme.colors.text.secondary, fontWeight: 'normal', paddingRight: theme.spacing(1), textAlign: 'left' },
    td: { textAlign: 'right', whiteSpace: 'nowrap' },
  }),
});
