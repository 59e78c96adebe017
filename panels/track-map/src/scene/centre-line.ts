/** Walking the track's centre line around a point of it: what the start/finish line and corner labels are placed by. */
import type { ViewTransform } from '@eracing/panel-kit/view';
import type { Point } from '@eracing/telemetry-core/protocol';

export interface CentreLine {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** Index of the centre line's point nearest `at`; -1 when the line has no finite point. */
export function nearestIndex(line: CentreLine, at: Point): number {
  let best = -1;
  let bestDistance = Infinity;
  for (let i = 0; i < line.x.length; i++) {
    const distance = (line.x[i] - at.x) ** 2 + (line.y[i] - at.y) ** 2;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = i;
    }
  }
  return best;
}

/**
 * The centre line's points about `reach` metres before and after its point `i`, going on round the lap when the
 * line closes (its ends closer than `reach`); at an open end, the end itself.
 */
export function pointsAround(line: CentreLine, i: number, reach: number): { before: Point; after: Point } {
  const n = line.x.length;
  const closed = n > 2 && Math.hypot(line.x[n - 1] - line.x[0], line.y[n - 1] - line.y[0]) < reach;
  const walk = (step: 1 | -1): Point => {
    let j = i;
    let travelled = 0;
    for (let taken = 0; taken < n - 1 && travelled < reach; taken++) {
      let k = j + step;
      if (k < 0 || k >= n) {
        if (!closed) break;
        k = (k + n) % n;
      }
      const length = Math.hypot(line.x[k] - line.x[j], line.y[k] - line.y[j]);
      if (Number.isFinite(length)) travelled += length;
      j = k;
    }
    return { x: line.x[j], y: line.y[j] };
  };
  return { before: walk(-1), after: walk(1) };
}

/** Unit vector of `v`; undefined when it has no length (or no finite one). */
export function unit(v: Point): Point | undefined {
  const length = Math.hypot(v.x, v.y);
  return length > 1e-9 && Number.isFinite(length) ? { x: v.x / length, y: v.y / length } : undefined;
}

/** A direction in metres as it points on screen (a view only rotates, flips and scales), as a unit vector. */
export function directionOnScreen(view: ViewTransform, v: Point): Point | undefined {
  return unit({ x: view.a * v.x + view.c * v.y, y: view.b * v.x + view.d * v.y });
}
