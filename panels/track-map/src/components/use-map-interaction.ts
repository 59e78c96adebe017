import {
  NO_ZOOM,
  panBy,
  pixelsPerMetre,
  toWorld,
  type ViewTransform,
  zoomAt,
  type ZoomState,
} from '@eracing/panel-kit/view';
import { type Dispatch, type SetStateAction, useEffect, useRef } from 'react';

import { type HoverSample, lineSample, liveSample } from '../scene/hover';
import type { LiveCar } from '../scene/live';
import type { TrackScene } from './use-track-scene';

/** How near the pointer a sample must be to be hovered, CSS px. */
const HOVER_RADIUS_PX = 12;
/** A press that moves less than this is a click, not a drag. */
const DRAG_THRESHOLD_PX = 3;

export interface HoverAt {
  x: number;
  y: number;
  sample: HoverSample;
}

interface Inputs {
  view?: ViewTransform;
  scene: TrackScene;
  live: readonly LiveCar[];
  setZoom: Dispatch<SetStateAction<ZoomState>>;
  onHover: (hover: HoverAt | undefined) => void;
}

/** The nearest sample to a screen point: a live car's marker first, else the racing line. */
export function nearestSample(px: number, py: number, inputs: Inputs): HoverSample | undefined {
  const { view, scene, live } = inputs;
  if (!view) return undefined;
  let best: LiveCar | undefined;
  let bestD = HOVER_RADIUS_PX;
  for (const car of live) {
    const d = Math.hypot(view.a * car.x + view.c * car.y + view.e - px, view.b * car.x + view.d * car.y + view.f - py);
    if (d <= bestD) {
      bestD = d;
      best = car;
    }
  }
  const trace = best && scene.cars.find((c) => c.car === best!.car);
  if (best && trace) return liveSample(best, trace);
  if (!scene.line) return undefined;
  const world = toWorld(view, px, py);
  const j = scene.line.grid().nearest(world.x, world.y, HOVER_RADIUS_PX / pixelsPerMetre(view));
  return j >= 0 ? lineSample(scene.line, j, scene.cars) : undefined;
}

/**
 * Hover, zoom and pan. The wheel zooms only with Ctrl/⌘ held or after the panel was clicked (it has focus until
 * a click elsewhere); otherwise the wheel event is left alone and the page scrolls. Drag pans; double-click resets.
 */
export function useMapInteraction(element: HTMLDivElement | null, inputs: Inputs): void {
  const latest = useRef(inputs);
  latest.current = inputs;

  useEffect(() => {
    if (!element) return;
    let focused = false;
    let press: { x: number; y: number; dragging: boolean } | undefined;
    const local = (event: MouseEvent) => {
      const rect = element.getBoundingClientRect();
      return { x: event.clientX - rect.left, y: event.clientY - rect.top };
    };

    const onWheel = (event: WheelEvent) => {
      if (!(event.ctrlKey || event.metaKey || focused)) return;
      event.preventDefault();
      const { x, y } = local(event);
      const factor = Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.002));
      latest.current.setZoom((zoom) => zoomAt(zoom, factor, x, y));
    };
    const onPointerDown = (event: PointerEvent) => {
      if (event.button !== 0) return;
      focused = true;
      element.dataset.focused = 'true';
      press = { ...local(event), dragging: false };
      element.setPointerCapture?.(event.pointerId);
    };
    const onPointerMove = (event: PointerEvent) => {
      const at = local(event);
      if (press && event.buttons & 1) {
        const dx = at.x - press.x;
        const dy = at.y - press.y;
        if (!press.dragging && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return;
        press = { ...at, dragging: true };
        latest.current.setZoom((zoom) => panBy(zoom, dx, dy));
        return;
      }
      const sample = nearestSample(at.x, at.y, latest.current);
      latest.current.onHover(sample && { ...at, sample });
    };
    const onPointerUp = (event: PointerEvent) => {
      press = undefined;
      element.releasePointerCapture?.(event.pointerId);
    };
    const onLeave = () => {
      if (!press) latest.current.onHover(undefined);
    };
    const onDoubleClick = () => latest.current.setZoom(NO_ZOOM);
    const onDocumentDown = (event: PointerEvent) => {
      if (!element.contains(event.target as Node)) {
        focused = false;
        delete element.dataset.focused;
      }
    };

    element.addEventListener('wheel', onWheel, { passive: false });
    element.addEventListener('pointerdown', onPointerDown);
    element.addEventListener('pointermove', onPointerMove);
    element.addEventListener('pointerup', onPointerUp);
    element.addEventListener('pointerleave', onLeave);
    element.addEventListener('dblclick', onDoubleClick);
    document.addEventListener('pointerdown', onDocumentDown, true);
    return () => {
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('pointerdown', onPointerDown);
      element.removeEventListener('pointermove', onPointerMove);
      element.removeEventListener('pointerup', onPointerUp);
      element.removeEventListener('pointerleave', onLeave);
      element.removeEventListener('dblclick', onDoubleClick);
      document.removeEventListener('pointerdown', onDocumentDown, true);
    };
  }, [element]);
}
