/**
 * Where the track's labels go: off the track — a corner's on the outside of the bend — clear of any car marker on
 * the track, so a label stays readable while cars go past it.
 */
import { toScreen, type ViewTransform } from '@eracing/panel-kit/view';
import { type Point } from '@eracing/telemetry-core/protocol';

import { type CentreLine, directionOnScreen, nearestIndex, pointsAround, unit } from './centre-line';

/** A car marker's dot radius, CSS px (the markers layer draws it this size). */
export const MARKER_RADIUS = 6;
/** Space between the farthest a marker reaches and the label, CSS px. */
const LABEL_GAP_PX = 3;
/** The bend is judged over this many metres of centre line either side of the apex. */
const BEND_REACH_M = 25;

/** Over BEND_REACH_M either side, a bend of more than ~6 km radius leaves its chord by less than this: a straight. */
const STRAIGHT_SAGITTA_M = 0.05;

/**
 * The side of the track a label goes (unit vector, metres): the outside of the bend, from the bend's centre through
 * the point — the inside is where the chord between the centre line's points either side passes. On a line too
 * straight to tell, a corner's direction (`left`/`right`) says which side is outside, and otherwise the label goes
 * left of the direction of travel. Undefined without a centre line.
 */
export function labelSide(centre: CentreLine, at: Point, direction?: string): Point | undefined {
  const i = nearestIndex(centre, at);
  if (i < 0) return undefined;
  const { before, after } = pointsAround(centre, i, BEND_REACH_M);
  const away = { x: centre.x[i] - (before.x + after.x) / 2, y: centre.y[i] - (before.y + after.y) / 2 };
  if (Math.hypot(away.x, away.y) > STRAIGHT_SAGITTA_M) return unit(away);
  const travel = unit({ x: after.x - before.x, y: after.y - before.y });
  if (!travel) return undefined;
  // Left of travel is (−ty, tx): a left-hander's outside is on the right.
  return direction === 'left' ? { x: travel.y, y: -travel.x } : { x: -travel.y, y: travel.x };
}

/**
 * The centre of a label of `size` (CSS px) on screen: from its point on the track towards `side`, far enough that the
 * whole label is beyond half the track's width plus a marker's radius (a car at the track's edge does not reach it).
 * Without a side, above the point.
 */
export function labelCentre(
  at: Point,
  side: Point | undefined,
  view: ViewTransform,
  trackWidthPx: number,
  size: { width: number; height: number },
): Point {
  const p = toScreen(view, at.x, at.y);
  const u = (side && directionOnScreen(view, side)) ?? { x: 0, y: -1 };
  // How far the label's box reaches from its centre along u.
  const extent = (Math.abs(u.x) * size.width + Math.abs(u.y) * size.height) / 2;
  const distance = trackWidthPx / 2 + MARKER_RADIUS + LABEL_GAP_PX + extent;
  return { x: p.x + u.x * distance, y: p.y + u.y * distance };
}
