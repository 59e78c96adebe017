/**
 * Fitting the track into a panel. World coordinates are metres, x east and y north; screen coordinates are CSS
 * pixels, y down. A view is an affine map: sx = a·x + c·y + e, sy = b·x + d·y + f.
 */
export interface ViewTransform {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

export interface FitOptions {
  width: number;
  height: number;
  /** Empty space kept around the track on every side, CSS pixels. */
  padding?: number;
  /** Clockwise rotation on screen, degrees. */
  rotation?: number;
  flipHorizontal?: boolean;
  flipVertical?: boolean;
}

/** The user's zoom and pan on top of the fitted view: screen' = scale·screen + (x, y). */
export interface ZoomState {
  scale: number;
  x: number;
  y: number;
}

export const NO_ZOOM: ZoomState = { scale: 1, x: 0, y: 0 };
export const MIN_ZOOM = 1;
export const MAX_ZOOM = 200;

/** The linear part of the view before scaling: north up, then rotation, then flips. */
function orientation(rotation: number, flipHorizontal: boolean, flipVertical: boolean) {
  const t = (rotation * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  // (x, y) → (x, −y) puts north up on a y-down screen; a positive angle then turns clockwise.
  let a = cos,
    b = sin,
    c = sin,
    d = -cos;
  if (flipHorizontal) {
    a = -a;
    c = -c;
  }
  if (flipVertical) {
    b = -b;
    d = -d;
  }
  return { a, b, c, d };
}

/**
 * The view that fits every finite point of the given traces into the panel, centred, with equal scale on both
 * axes. Undefined when there is no finite point.
 */
export function fitView(
  traces: ReadonlyArray<{ x: ArrayLike<number>; y: ArrayLike<number> }>,
  options: FitOptions,
): ViewTransform | undefined {
  const { width, height, padding = 16, rotation = 0, flipHorizontal = false, flipVertical = false } = options;
  const { a, b, c, d } = orientation(rotation, flipHorizontal, flipVertical);
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const { x, y } of traces) {
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) {
      const px = x[i],
        py = y[i];
      if (px !== px || py !== py) continue;
      const sx = a * px + c * py;
      const sy = b * px + d * py;
      if (sx < minX) minX = sx;
      if (sx > maxX) maxX = sx;
      if (sy < minY) minY = sy;
      if (sy > maxY) maxY = sy;
    }
  }
  if (!(minX <= maxX)) return undefined;
  const innerW = Math.max(1, width - 2 * padding);
  const innerH = Math.max(1, height - 2 * padding);
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  // A single point (or a straight line along one axis) gets a sensible scale rather than an infinite one.
  const scale =
    spanX === 0 && spanY === 0 ? 1 : Math.min(spanX ? innerW / spanX : Infinity, spanY ? innerH / spanY : Infinity);
  return {
    a: a * scale,
    b: b * scale,
    c: c * scale,
    d: d * scale,
    e: width / 2 - ((minX + maxX) / 2) * scale,
    f: height / 2 - ((minY + maxY) / 2) * scale,
  };
}

/** The fitted view with the user's zoom and pan applied. */
export function zoomedView(view: ViewTransform, zoom: ZoomState): ViewTransform {
  const k = zoom.scale;
  return {
    a: view.a * k,
    b: view.b * k,
    c: view.c * k,
    d: view.d * k,
    e: view.e * k + zoom.x,
    f: view.f * k + zoom.y,
  };
}

/** Zooms by `factor` keeping the screen point (px, py) still; the scale stays within MIN_ZOOM…MAX_ZOOM. */
export function zoomAt(zoom: ZoomState, factor: number, px: number, py: number): ZoomState {
  const scale = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom.scale * factor));
  const k = scale / zoom.scale;
  return { scale, x: px - (px - zoom.x) * k, y: py - (py - zoom.y) * k };
}

export function panBy(zoom: ZoomState, dx: number, dy: number): ZoomState {
  return { scale: zoom.scale, x: zoom.x + dx, y: zoom.y + dy };
}

export function toScreen(view: ViewTransform, x: number, y: number): { x: number; y: number } {
  return { x: view.a * x + view.c * y + view.e, y: view.b * x + view.d * y + view.f };
}

/** World metres under a screen point. */
export function toWorld(view: ViewTransform, sx: number, sy: number): { x: number; y: number } {
  const det = view.a * view.d - view.b * view.c;
  const dx = sx - view.e;
  const dy = sy - view.f;
  return { x: (view.d * dx - view.c * dy) / det, y: (view.a * dy - view.b * dx) / det };
}

/** Screen pixels per metre of the view. */
export function pixelsPerMetre(view: ViewTransform): number {
  return Math.sqrt(Math.abs(view.a * view.d - view.b * view.c));
}
