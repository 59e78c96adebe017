/**
 * The start/finish line as the map draws it: across the track at the line's place, perpendicular to the local
 * direction of the centre line, as long on screen as the drawn track is wide at every zoom (the real line, a track's
 * width in metres, is a dot when a whole circuit is fitted to a panel).
 */
import { toScreen, type ViewTransform } from '@eracing/panel-kit/view';
import { type Point } from '@eracing/telemetry-core/protocol';

import { type CentreLine, directionOnScreen, nearestIndex, pointsAround, unit } from './centre-line';

/** The track's direction at the line is taken over this many metres either side of it. */
const DIRECTION_REACH_M = 10;

export interface StartFinishMark {
  /** Where the line crosses the centre line, metres. */
  at: Point;
  /** Unit vector across the track (perpendicular to the direction of travel), metres. */
  across: Point;
}

/**
 * The line's place and direction: the middle of the track frame's start/finish line, or the centre line's first
 * point (the centre line runs from the line) when there is none. Undefined without a centre line.
 */
export function startFinishMark(centre: CentreLine, line?: readonly [Point, Point]): StartFinishMark | undefined {
  const at = line
    ? { x: (line[0].x + line[1].x) / 2, y: (line[0].y + line[1].y) / 2 }
    : { x: centre.x[0], y: centre.y[0] };
  const i = nearestIndex(centre, at);
  if (i < 0 || !Number.isFinite(at.x) || !Number.isFinite(at.y)) return undefined;
  const { before, after } = pointsAround(centre, i, DIRECTION_REACH_M);
  const travel = unit({ x: after.x - before.x, y: after.y - before.y });
  if (travel) return { at, across: { x: -travel.y, y: travel.x } };
  const across = line && unit({ x: line[1].x - line[0].x, y: line[1].y - line[0].y });
  return across && { at, across };
}

/** The drawn line's two ends on screen, CSS px: `lengthPx` long, centred on the mark, across the track. */
export function startFinishEnds(mark: StartFinishMark, view: ViewTransform, lengthPx: number): [Point, Point] {
  const centre = toScreen(view, mark.at.x, mark.at.y);
  const across = directionOnScreen(view, mark.across) ?? { x: 0, y: 1 };
  const half = lengthPx / 2;
  return [
    { x: centre.x - across.x * half, y: centre.y - across.y * half },
    { x: centre.x + across.x * half, y: centre.y + across.y * half },
  ];
}
