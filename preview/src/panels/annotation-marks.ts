/**
 * What the time series panel draws of `PanelData.annotations`, as Grafana's AnnotationsPlugin2 reads it: each row's
 * `time`, `timeEnd` and `isRegion`, `color` and `text` (or `title`), read by field name. A region is shaded from time
 * to timeEnd; any other annotation is a dashed vertical line.
 */
import { colorManipulator, DataFrameView, type DataFrame } from '@grafana/data';

export interface AnnotationMark {
  time: number;
  timeEnd?: number;
  region: boolean;
  color: string;
  text: string;
}

/** A mark within the plot, in CSS pixels from the plot area's left. */
export interface PlacedMark extends AnnotationMark {
  left: number;
  width: number;
}

interface AnnotationRow {
  time?: number;
  timeEnd?: number | null;
  isRegion?: boolean;
  color?: string;
  text?: string;
  title?: string;
}

const LINE_DASH = [5, 5];
const REGION_ALPHA = 0.1;

export function annotationMarks(frames: DataFrame[] | undefined): AnnotationMark[] {
  return (frames ?? []).flatMap((frame) =>
    new DataFrameView<AnnotationRow>(frame).toArray().flatMap((row): AnnotationMark[] => {
      if (typeof row.time !== 'number') return [];
      const timeEnd = typeof row.timeEnd === 'number' ? row.timeEnd : undefined;
      return [
        {
          time: row.time,
          timeEnd,
          region: Boolean(row.isRegion && timeEnd !== undefined),
          color: row.color ?? 'red',
          text: [row.title, row.text].filter(Boolean).join(': '),
        },
      ];
    }),
  );
}

/** The marks that touch the range `min`..`max`, placed by `toLeft` (time to CSS pixels), regions clipped to it. */
export function placeMarks(
  marks: AnnotationMark[],
  range: { min: number; max: number },
  toLeft: (time: number) => number,
): PlacedMark[] {
  return marks.flatMap((mark) => {
    const end = mark.region ? mark.timeEnd! : mark.time;
    if (end < range.min || mark.time > range.max) return [];
    const left = toLeft(Math.max(mark.time, range.min));
    const width = mark.region ? toLeft(Math.min(end, range.max)) - left : 0;
    return [{ ...mark, left: Math.round(left), width: Math.round(width) }];
  });
}

/** Same marks at the same pixels: the DOM markers need no new render. */
export function samePlacement(a: PlacedMark[], b: PlacedMark[]): boolean {
  return (
    a.length === b.length &&
    a.every((m, i) => m.left === b[i].left && m.width === b[i].width && m.text === b[i].text && m.color === b[i].color)
  );
}

/** Draws the marks on the plot's canvas, clipped to the plot area; `toX` gives canvas pixels. */
export function drawMarks(
  ctx: CanvasRenderingContext2D,
  marks: AnnotationMark[],
  bbox: { left: number; top: number; width: number; height: number },
  toX: (time: number) => number,
  pixelRatio: number,
): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
  ctx.clip();
  for (const mark of marks) {
    const x = toX(mark.time);
    if (mark.region) {
      ctx.fillStyle = colorManipulator.alpha(mark.color, REGION_ALPHA);
      ctx.fillRect(x, bbox.top, toX(mark.timeEnd!) - x, bbox.height);
    }
    ctx.beginPath();
    ctx.strokeStyle = mark.color;
    ctx.lineWidth = pixelRatio;
    ctx.setLineDash(LINE_DASH.map((d) => d * pixelRatio));
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
  }
  ctx.restore();
}
