import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { css, cx } from '@emotion/css';

import { formatLapTime, formatTimeDelta, lapTimeDelta } from '@eracing/telemetry-core/laps';

import type { LapDeltaView, ViewLap } from '../data/lap-view';

interface Props {
  view: LapDeltaView;
  colours: string[];
  referenceColour: string;
}

/** Sector times and deltas to the reference per lap; purple: session best, green: the car's best; theoretical best. */
export function SectorTable({ view, colours, referenceColour }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const laps: ViewLap[] = [view.reference, ...view.laps];
  const sectors = Math.max(0, ...laps.map((lap) => lap.sectorTimes.length));
  if (sectors === 0) return null;
  const purple = theme.visualization.getColorByName('purple');
  const green = theme.visualization.getColorByName('green');
  const lapDelta = (lap: ViewLap) => view.lapDeltas.get(lap.key);
  return (
    <div className={styles.wrap}>
      <table className={styles.table} data-testid="lap-delta-sectors">
        <thead>
          <tr>
            <th>Lap</th>
            {Array.from({ length: sectors }, (_, k) => (
              <th key={k}>S{k + 1}</th>
            ))}
            <th>Lap time</th>
          </tr>
        </thead>
        <tbody>
          {laps.map((lap, row) => {
            const cells = view.sectorCells.get(lap.key) ?? [];
            const isReference = row === 0;
            return (
              <tr key={lap.key}>
                <td>
                  {/* The label's parts wrap between each other, never inside: the column narrows to fit the panel. */}
                  <span className={styles.unbroken}>
                    <span
                      className={styles.swatch}
                      style={{ background: isReference ? referenceColour : colours[row - 1] }}
                    />
                    {lap.label}
                  </span>
                  {isReference && ' '}
                  {isReference && <span className={styles.unbroken}>(ref)</span>}
                  {!lap.valid && ' '}
                  {!lap.valid && <span className={cx(styles.unbroken, styles.flag)}>{lap.flags || 'invalid'}</span>}
                </td>
                {Array.from({ length: sectors }, (_, k) => {
                  const cell = cells[k];
                  if (!cell) return <td key={k}>–</td>;
                  const colour = cell.sessionBest ? purple : cell.personalBest ? green : undefined;
                  return (
                    <td key={k} style={colour ? { color: colour, fontWeight: 600 } : undefined}>
                      {formatLapTime(cell.time)}
                      {!isReference && (
                        <div className={cx(styles.delta, cell.delta > 0 ? styles.slower : styles.faster)}>
                          {formatTimeDelta(cell.delta)}
                        </div>
                      )}
                    </td>
                  );
                })}
                <td>
                  {lap.inProgress ? 'running' : formatLapTime(lap.lapTime)}
                  {lapDelta(lap) !== undefined && (
                    <div className={cx(styles.delta, lapDelta(lap)! > 0 ? styles.slower : styles.faster)}>
                      {formatTimeDelta(lapDelta(lap))}
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {view.theoreticalBest && (
        <div className={styles.theoretical} data-testid="lap-delta-theoretical">
          Theoretical best, car {view.theoreticalBest.car}: <strong>{formatLapTime(view.theoreticalBest.time)}</strong>
          {view.theoreticalBest.bestLap !== undefined &&
            ` (best lap ${formatLapTime(view.theoreticalBest.bestLap)}, ${formatTimeDelta(
              lapTimeDelta(view.theoreticalBest.time, view.theoreticalBest.bestLap),
            )})`}
        </div>
      )}
    </div>
  );
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
