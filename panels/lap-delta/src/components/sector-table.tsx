import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { css, cx } from '@emotion/css';
import { useMemo } from 'react';

import { sectorTable, type DeltaText, type SectorTableCell, type SectorTableRow } from '../model/sector-table';
import type { LapDeltaView } from '../model/types';

interface Props {
  view: LapDeltaView;
  colours: string[];
  referenceColour: string;
}

type Styles = ReturnType<typeof getStyles>;

/** Sector times and deltas to the reference per lap; purple: session best, green: the car's best; theoretical best. */
export function SectorTable({ view, colours, referenceColour }: Props) {
  const styles = useStyles2(getStyles);
  const table = useMemo(() => sectorTable(view), [view]);
  if (!table) return null;
  return (
    <div className={styles.wrap}>
      <table className={styles.table} data-testid="lap-delta-sectors">
        <thead>
          <tr>
            <th>Lap</th>
            {Array.from({ length: table.sectors }, (_, k) => (
              <th key={k}>S{k + 1}</th>
            ))}
            <th>Lap time</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <LapTableRow
              key={row.key}
              row={row}
              colour={row.reference ? referenceColour : colours[row.lapIndex]}
              styles={styles}
            />
          ))}
        </tbody>
      </table>
      {table.theoretical && (
        <div className={styles.theoretical} data-testid="lap-delta-theoretical">
          Theoretical best, car {table.theoretical.car}: <strong>{table.theoretical.time}</strong>
          {table.theoretical.bestLap !== undefined && ` (${table.theoretical.bestLap})`}
        </div>
      )}
    </div>
  );
}

function LapTableRow({ row, colour, styles }: { row: SectorTableRow; colour: string; styles: Styles }) {
  return (
    <tr>
      <td>
        {/* The label's parts wrap between each other, never inside: the column narrows to fit the panel. */}
        <span className={styles.unbroken}>
          <span className={styles.swatch} style={{ background: colour }} />
          {row.label}
        </span>
        {row.reference && ' '}
        {row.reference && <span className={styles.unbroken}>(ref)</span>}
        {row.flag !== undefined && ' '}
        {row.flag !== undefined && <span className={cx(styles.unbroken, styles.flag)}>{row.flag}</span>}
      </td>
      {row.cells.map((cell, k) => (
        <SectorCell key={k} cell={cell} styles={styles} />
      ))}
      <td>
        {row.lapTime}
        {row.lapDelta && <Delta delta={row.lapDelta} styles={styles} />}
      </td>
    </tr>
  );
}

function SectorCell({ cell, styles }: { cell: SectorTableCell | undefined; styles: Styles }) {
  const theme = useTheme2();
  if (!cell) return <td>–</td>;
  const colour = cell.best && theme.visualization.getColorByName(cell.best === 'session' ? 'purple' : 'green');
  return (
    <td style={colour ? { color: colour, fontWeight: 600 } : undefined}>
      {cell.time}
      {cell.delta && <Delta delta={cell.delta} styles={styles} />}
    </td>
  );
}

function Delta({ delta, styles }: { delta: DeltaText; styles: Styles }) {
  return <div className={cx(styles.delta, delta.slower ? styles.slower : styles.faster)}>{delta.text}</div>;
}

const getStyles = (theme: GrafanaTheme2) => ({
  // More sectors than the panel is wide for scroll within the table instead of being cut off.
  wrap: css({ fontSize: theme.typography.bodySmall.fontSize, overflowX: 'auto' }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    fontVariantNumeric: 'tabular-nums',
    'th, td': {
      padding: theme.spacing(0.25, 0.5),
      textAlign: 'right',
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      verticalAlign: 'top',
      whiteSpace: 'nowrap',
    },
    'th:first-child, td:first-child': { textAlign: 'left', whiteSpace: 'normal' },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
  unbroken: css({ whiteSpace: 'nowrap' }),
  swatch: css({ display: 'inline-block', width: 10, height: 3, marginRight: 6, verticalAlign: 'middle' }),
  flag: css({ color: theme.colors.warning.text }),
  delta: css({ fontSize: '0.9em' }),
  slower: css({ color: theme.colors.error.text }),
  faster: css({ color: theme.colors.success.text }),
  theoretical: css({ marginTop: theme.spacing(0.75), color: theme.colors.text.secondary }),
});
