import type { ViewTransform } from '@eracing/panel-kit/view';
import { type RefObject, useEffect, useLayoutEffect, useRef } from 'react';

import { prepareCanvas } from '../render/canvas';
import { drawTrails } from '../render/trails';
import type { LiveCar } from '../scene/live';

/** Trails move a pixel or two per update: ten redraws a second look the same as thirty, at a third of the cost. */
const TRAIL_INTERVAL_MS = 100;

/**
 * The trails layer: redrawn at most every TRAIL_INTERVAL_MS as data arrives (the latest data is always drawn, a
 * little later at worst), and at once when the view, the size or the option changes.
 */
export function useTrailsLayer(
  canvas: RefObject<HTMLCanvasElement | null>,
  live: readonly LiveCar[],
  view: ViewTransform | undefined,
  width: number,
  height: number,
  dpr: number,
  show: boolean,
  /** The colour each trail is edged in (the background's). */
  casing: string,
): void {
  const state = useRef<{ at: number; timer?: ReturnType<typeof setTimeout>; frame?: unknown[] }>({ at: 0 });
  useLayoutEffect(() => {
    const current = state.current;
    const draw = () => {
      current.timer = undefined;
      current.at = performance.now();
      const ctx = canvas.current && prepareCanvas(canvas.current, width, height, dpr);
      if (ctx && view && show)
        drawTrails(
          ctx,
          live.map((car) => car.trail),
          view,
          casing,
        );
    };
    clearTimeout(current.timer);
    const frame = [view, width, height, dpr, show, casing];
    const reframed = !current.frame || frame.some((value, i) => value !== current.frame![i]);
    current.frame = frame;
    const wait = TRAIL_INTERVAL_MS - (performance.now() - current.at);
    if (reframed || wait <= 0) draw();
    else current.timer = setTimeout(draw, wait);
  }, [canvas, live, view, width, height, dpr, show, casing]);
  useEffect(() => () => clearTimeout(state.current.timer), []);
}
