/**
 * The heatmap over the run on a canvas: a row per wheel × zone (and spread), a column per lap or time bucket. Hover
 * shows the cell's value and lap. Cells outside the operating window carry a ▲ (hot) or ▼ (cold) corner mark.
 */
import { windowState } from '@eracing/telemetry-core/tyres';
import { formattedValueToString, type GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { css } from '@emotion/css';
import { useEffect, useMemo, useRef, useState } from 'react';

import { displayOf, fieldWindow } from '../model/display';
import { cellTooltip } from '../model/heatmap-labels';
import type { HeatmapModel } from '../model/heatmap-model';

/** Room for the row labels, left of the first column. */
export const LABEL_WIDTH = 96;
const HEADER_HEIGHT = 20;
const ROW_GAP = 2;
/** Space kept between wheels. */
const WHEEL_GAP = 6;

interface Layout {
  cellWidth: number;
  /** y and height of each row. */
  rows: { y: number; height: number }[];
}

function layout(model: HeatmapModel, width: number, height: number): Layout {
  const cellWidth = model.columns.length ? Math.max(1, (width - LABEL_WIDTH) / model.columns.length) : 0;
  const wheelBreaks = model.rows.filter((row, i) => i > 0 && row.wheel !== model.rows[i - 1].wheel).length;
  const free = height - HEADER_HEIGHT - wheelBreaks * WHEEL_GAP - model.rows.length * ROW_GAP;
  const rowHeight = Math.max(4, free / Math.max(1, model.rows.length));
  let y = HEADER_HEIGHT;
  const rows = model.rows.map((row, i) => {
    if (i > 0 && row.wheel !== model.rows[i - 1].wheel) y += WHEEL_GAP;
    const placed = { y, height: rowHeight };
    y += rowHeight + ROW_GAP;
    return placed;
  });
  return { cellWidth, rows };
}

function draw(
  ctx: CanvasRenderingContext2D,
  model: HeatmapModel,
  box: Layout,
  width: number,
  height: number,
  theme: GrafanaTheme2,
  cursorColumn: number,
) {
  ctx.clearRect(0, 0, width, height);
  ctx.font = `${theme.typography.bodySmall.fontSize} ${theme.typography.fontFamily}`;
  ctx.textBaseline = 'middle';
  // The axis title over the row labels, then the column labels, thinned to fit.
  ctx.fillStyle = theme.colors.text.secondary;
  ctx.textAlign = 'right';
  ctx.fillText(model.labels.axis, LABEL_WIDTH - 6, HEADER_HEIGHT / 2);
  ctx.textAlign = 'center';
  const every = Math.max(1, Math.ceil(28 / Math.max(1, box.cellWidth)));
  model.columns.forEach((column, c) => {
    if (c % every) return;
    ctx.fillStyle = column.partial ? theme.colors.text.disabled : theme.colors.text.secondary;
    ctx.fillText(column.label, LABEL_WIDTH + (c + 0.5) * box.cellWidth, HEADER_HEIGHT / 2);
  });
  const gap = box.cellWidth > 6 ? 1 : 0;
  model.rows.forEach((row, r) => {
    const { y, height: h } = box.rows[r];
    ctx.textAlign = 'right';
    ctx.fillStyle = row.zone ? theme.colors.text.primary : theme.colors.text.secondary;
    ctx.fillText(row.label, LABEL_WIDTH - 6, y + h / 2);
    const window = row.zone ? fieldWindow(row.field, theme) : undefined;
    for (let c = 0; c < row.values.length; c++) {
      const x = LABEL_WIDTH + c * box.cellWidth;
      ctx.fillStyle = row.colours[c];
      ctx.fillRect(x, y, box.cellWidth - gap, h);
      const state = windowState(row.values[c], window);
      if ((state === 'hot' || state === 'cold') && box.cellWidth >= 8 && h >= 8) {
        // A corner triangle: top right pointing up when hot, bottom right pointing down when cold.
        const s = Math.min(8, box.cellWidth / 2, h / 2);
        const right = x + box.cellWidth - gap;
        ctx.fillStyle = theme.colors.getContrastText(row.colours[c]);
        ctx.beginPath();
        if (state === 'hot') {
          ctx.moveTo(right - s, y);
          ctx.lineTo(right, y);
          ctx.lineTo(right, y + s);
        } else {
          ctx.moveTo(right - s, y + h);
          ctx.lineTo(right, y + h);
          ctx.lineTo(right, y + h - s);
        }
        ctx.fill();
      }
    }
  });
  if (cursorColumn >= 0 && box.rows.length) {
    // The column of the shared cursor's moment.
    const top = box.rows[0].y - 2;
    const bottom = box.rows[box.rows.length - 1].y + box.rows[box.rows.length - 1].height + 2;
    ctx.strokeStyle = theme.colors.text.primary;
    ctx.lineWidth = 2;
    ctx.strokeRect(LABEL_WIDTH + cursorColumn * box.cellWidth - 1, top, box.cellWidth, bottom - top);
  }
}

/** The column whose time span holds `time`, or -1. */
export function columnAt(model: HeatmapModel, time: number | undefined): number {
  if (time === undefined) return -1;
  return model.columns.findIndex((column) => time >= column.startTime && !(time >= column.endTime));
}

interface Hover {
  row: number;
  column: number;
  x: number;
  y: number;
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({ position: 'relative' }),
  tooltip: css({
    position: 'absolute',
    pointerEvents: 'none',
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(0.5, 1),
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
    boxShadow: theme.shadows.z2,
    zIndex: 1,
  }),
});

export interface HeatmapProps {
  model: HeatmapModel;
  /** Column to outline: the shared cursor's; -1 for none. */
  cursorColumn: number;
  width: number;
  height: number;
}

export function Heatmap({ model, cursorColumn, width, height }: HeatmapProps) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<Hover>();
  const box = useMemo(() => layout(model, width, height), [model, width, height]);

  useEffect(() => {
    const element = canvas.current;
    const ctx = element?.getContext('2d');
    if (!element || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(width * ratio);
    element.height = Math.round(height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    draw(ctx, model, box, width, height, theme, cursorColumn);
  }, [model, box, width, height, theme, cursorColumn]);

  const onMove = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    const column = Math.floor((x - LABEL_WIDTH) / box.cellWidth);
    const row = box.rows.findIndex((r) => y >= r.y && y < r.y + r.height);
    if (column < 0 || column >= model.columns.length || row < 0) setHover(undefined);
    else setHover({ row, column, x, y });
  };

  let tooltip: string | undefined;
  if (hover && model.rows[hover.row] && model.columns[hover.column]) {
    const row = model.rows[hover.row];
    const value = row.values[hover.column];
    const text = Number.isFinite(value) ? formattedValueToString(displayOf(row.field, theme)(value)) : 'no data';
    const state = row.zone ? windowState(value, fieldWindow(row.field, theme)) : 'unknown';
    tooltip = cellTooltip(model.columns[hover.column], row, model.labels, text, state);
  }

  return (
    <div className={styles.wrapper} style={{ width, height }}>
      <canvas
        ref={canvas}
        style={{ width, height, display: 'block' }}
        data-testid="tyre-heatmap"
        data-columns={model.columns.length}
        data-rows={model.rows.length}
        data-first-lap={model.columns[0]?.lap ?? ''}
        data-last-lap={model.columns[model.columns.length - 1]?.lap ?? ''}
        data-cursor-column={cursorColumn}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(undefined)}
        data-value-label={model.labels.value}
        aria-label={`Tyre temperatures, ${model.labels.value}, over ${model.labels.count(model.columns.length)}`}
        role="img"
      />
      {tooltip && hover && (
        <div
          className={styles.tooltip}
          data-testid="tyre-heatmap-tooltip"
          style={{ left: Math.min(hover.x + 12, Math.max(0, width - 260)), top: hover.y + 12 }}
        >
          {tooltip}
        </div>
      )}
    </div>
  );
}
