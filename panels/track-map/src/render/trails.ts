import { type ViewTransform } from '@eracing/panel-kit/view';

import { type Polyline, strokeEdged, tracePolyline } from './canvas';

export interface Trail extends Polyline {
  colour: string;
  from: number;
  to: number;
}

/**
 * The trails layer, above the racing line: one path per car, in its colour edged in the background's, so a trail
 * stands out from the line it runs along, whatever their colours.
 */
export function drawTrails(
  ctx: CanvasRenderingContext2D,
  trails: readonly Trail[],
  view: ViewTransform,
  casing: string,
  width = 2.5,
): void {
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  for (const trail of trails) {
    if (trail.to - trail.from < 2) continue;
    ctx.beginPath();
    tracePolyline(ctx, trail, view, trail.from, trail.to);
    strokeEdged(ctx, casing, trail.colour, width);
  }
}
