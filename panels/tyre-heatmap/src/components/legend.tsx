/** The temperature legend under the car view and the heatmap: the colour bar, its ticks and the operating window. */
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { css } from '@emotion/css';
import { memo } from 'react';

import { fittingTicks, type TemperatureLegend } from '../model/legend';

export const LEGEND_HEIGHT = 30;
const BAR_TOP = 4;
const BAR_HEIGHT = 8;
/** Room a tick label needs, e.g. "105 °C" at the small font size. */
const TICK_GAP = 44;

const getStyles = (theme: GrafanaTheme2) => ({
  legend: css({ position: 'relative', height: LEGEND_HEIGHT, flex: 'none' }),
  bar: css({
    position: 'absolute',
    top: BAR_TOP,
    height: BAR_HEIGHT,
    borderRadius: theme.shape.radius.default,
  }),
  window: css({
    position: 'absolute',
    top: -3,
    bottom: -3,
    border: `2px solid ${theme.colors.text.primary}`,
    borderRadius: theme.shape.radius.default,
  }),
  tick: css({
    position: 'absolute',
    top: BAR_TOP + BAR_HEIGHT + 3,
    fontSize: theme.typography.bodySmall.fontSize,
    lineHeight: 1.2,
    color: theme.colors.text.secondary,
    whiteSpace: 'nowrap',
  }),
  major: css({ color: theme.colors.text.primary }),
});

export interface LegendProps {
  legend: TemperatureLegend;
  width: number;
  /** Where the bar starts, px from the left: under the first column of the heatmap. */
  inset?: number;
}

export const Legend = memo(function Legend({ legend, width, inset = 0 }: LegendProps) {
  const styles = useStyles2(getStyles);
  const barWidth = Math.max(0, width - inset);
  return (
    <div
      className={styles.legend}
      style={{ width }}
      data-testid="tyre-legend"
      data-min={legend.min}
      data-max={legend.max}
      role="img"
      aria-label={legend.description}
      title={legend.description}
    >
      <div className={styles.bar} style={{ left: inset, width: barWidth, background: legend.gradient }}>
        {legend.window && (
          <div
            className={styles.window}
            data-testid="tyre-legend-window"
            style={{ left: `${legend.window.from * 100}%`, width: `${(legend.window.to - legend.window.from) * 100}%` }}
          />
        )}
      </div>
      {fittingTicks(legend.ticks, barWidth, TICK_GAP).map((tick) => (
        <span
          key={tick.value}
          className={tick.major ? `${styles.tick} ${styles.major}` : styles.tick}
          data-testid="tyre-legend-tick"
          style={{
            left: inset + tick.at * barWidth,
            // The end labels stay inside the bar's ends.
            transform: `translateX(${tick.at === 0 ? 0 : tick.at === 1 ? -100 : -50}%)`,
          }}
        >
          {tick.text}
        </span>
      ))}
    </div>
  );
}, sameLegend);

/** Live data gives a new legend model with every emission; it is the same legend while what it shows is. */
function sameLegend(a: LegendProps, b: LegendProps): boolean {
  return (
    a.width === b.width &&
    a.inset === b.inset &&
    a.legend.gradient === b.legend.gradient &&
    a.legend.description === b.legend.description &&
    a.legend.ticks.length === b.legend.ticks.length &&
    a.legend.ticks.every((tick, i) => tick.at === b.legend.ticks[i].at && tick.text === b.legend.ticks[i].text)
  );
}
