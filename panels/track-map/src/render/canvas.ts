/**
 * Canvas 2D basics of the track map's layers. Plain canvas code: no React, no Grafana, so the bench loads the very
 * same modules. Coordinates come in metres and go through a view transform; nothing here allocates per point.
 */
import { type ViewTransform } from '@eracing/panel-kit/view';

/**
 * Points closer than this to the last drawn one are skipped. Stroking costs per segment and the line bends gently at
 * this scale: over 2 px a curve of 20 px radius leaves its chord by 0.025 px.
 */
export const MIN_STEP_PX = 2;
const MIN_STEP2 = MIN_STEP_PX * MIN_STEP_PX;

export interface Polyline {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** 1 where the line must not join this point to the previous one. */
  breakBefore?: ArrayLike<number>;
}

export interface Palette {
  track: string;
  trackEdge: string;
  text: string;
  textHalo: string;
  sector: string;
  font: string;
}

/** Sizes a canvas for CSS size × device pixel ratio and returns its context, cleared, in CSS pixels. */
export function prepareCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  dpr: number,
): CanvasRenderingContext2D | null {
  const w = Math.max(1, Math.round(width * dpr));
  const h = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, w, h);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/** Adds a polyline to the current path: breaks at NaN and at breaks, skips sub-pixel steps. */
export function tracePolyline(
  ctx: CanvasRenderingContext2D,
  line: Polyline,
  view: ViewTransform,
  from = 0,
  to = line.x.length,
): void {
  const { a, b, c, d, e, f } = view;
  const { x, y, breakBefore } = line;
  let penDown = false;
  let lx = 0,
    ly = 0,
    px = 0,
    py = 0,
    pending = false;
  for (let i = from; i < to; i++) {
    const wx = x[i],
      wy = y[i];
    if (wx !== wx || wy !== wy || (breakBefore && breakBefore[i])) {
      if (pending) ctx.lineTo(px, py);
      pending = false;
      penDown = false;
      if (wx !== wx || wy !== wy) continue;
    }
    px = a * wx + c * wy + e;
    py = b * wx + d * wy + f;
    if (!penDown) {
      ctx.moveTo(px, py);
      lx = px;
      ly = py;
      penDown = true;
      continue;
    }
    const dx = px - lx,
      dy = py - ly;
    if (dx * dx + dy * dy < MIN_STEP2) {
      pending = true;
      continue;
    }
    ctx.lineTo(px, py);
    lx = px;
    ly = py;
    pending = false;
  }
  if (pending) ctx.lineTo(px, py);
}

/** Strokes the current path in `colour`, edged in `edge` one pixel either side, so it stands out on any colour. */
export function strokeEdged(ctx: CanvasRenderingContext2D, edge: string, colour: string, width: number): void {
  ctx.strokeStyle = edge;
  ctx.lineWidth = width + 2;
  ctx.stroke();
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.stroke();
}
