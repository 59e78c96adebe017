import { type Glide, glidePosition, nextGlide, type ViewTransform } from '@eracing/telemetry-core';

import { drawMarkers, type Marker, type Palette, prepareCanvas } from '../render/draw';

/**
 * Frames of the glide at most this often. Every animation frame also costs the page a paint and a composite; at 30
 * a second the glide still looks smooth, at half the cost of the display's 60.
 */
const FRAME_INTERVAL_MS = 1000 / 30;

interface CarState {
  glide: Glide;
  marker: Marker;
}

/**
 * The markers layer. Each car glides from where it was drawn to its latest position over the time between data
 * updates, redrawn with requestAnimationFrame only while some car is still gliding; the loop stops when all have
 * settled, and nothing runs between updates. Each frame clears only the boxes the last one drew. Plain canvas,
 * no React: the bench drives the same class.
 */
export class MarkerAnimator {
  private readonly cars = new Map<string, CarState>();
  private frame = 0;
  private waiting?: ReturnType<typeof setTimeout>;
  private lastFrame = -Infinity;
  private view?: ViewTransform;
  private cursor?: { x: number; y: number };
  private size = { width: 0, height: 0, dpr: 1 };
  private palette?: Palette;
  private showLabels = true;
  /** Reused every frame. */
  private readonly drawn: Marker[] = [];
  /** Boxes drawn by the last frame (x, y, width, height, CSS px): the next frame clears only these. */
  private readonly dirty: number[] = [];
  /** The whole canvas must be sized and cleared on the next frame. */
  private stale = true;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  configure(
    view: ViewTransform | undefined,
    width: number,
    height: number,
    dpr: number,
    palette: Palette,
    showLabels: boolean,
  ) {
    this.view = view;
    this.size = { width, height, dpr };
    this.palette = palette;
    this.showLabels = showLabels;
    this.stale = true;
    this.request();
  }

  /** New latest positions (metres); cars no longer present disappear. */
  update(cars: ReadonlyArray<{ car: string; colour: string; x: number; y: number }>, now = performance.now()) {
    const seen = new Set<string>();
    for (const { car, colour, x, y } of cars) {
      if (x !== x || y !== y) continue;
      seen.add(car);
      const state = this.cars.get(car);
      if (state && state.glide.toX === x && state.glide.toY === y) continue;
      const glide = nextGlide(state?.glide, x, y, now);
      this.cars.set(car, { glide, marker: state?.marker ?? { x: NaN, y: NaN, colour, label: car } });
    }
    for (const car of this.cars.keys()) if (!seen.has(car)) this.cars.delete(car);
    this.request();
  }

  /** The shared cursor's dot, in metres; undefined hides it. */
  setCursor(cursor: { x: number; y: number } | undefined) {
    this.cursor = cursor;
    this.request();
  }

  dispose() {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.waiting);
    this.frame = 0;
    this.waiting = undefined;
  }

  /** Draws the layer for the time `now` (the animation clock); true while some car is still gliding. */
  render(now: number): boolean {
    const { view, palette } = this;
    if (!palette) return false;
    const ctx = this.clear();
    if (!ctx || !view) return false;
    let moving = false;
    const markers = this.drawn;
    markers.length = 0;
    for (const state of this.cars.values()) {
      const p = glidePosition(state.glide, now);
      if (!p.settled) moving = true;
      state.marker.x = view.a * p.x + view.c * p.y + view.e;
      state.marker.y = view.b * p.x + view.d * p.y + view.f;
      markers.push(state.marker);
    }
    const cursor = this.cursor && {
      x: view.a * this.cursor.x + view.c * this.cursor.y + view.e,
      y: view.b * this.cursor.x + view.d * this.cursor.y + view.f,
    };
    drawMarkers(ctx, markers, palette, this.showLabels, this.size.dpr, cursor, this.dirty);
    return moving;
  }

  /** Clears what the last frame drew, rather than the whole canvas: most of it is empty. */
  private clear(): CanvasRenderingContext2D | null {
    const { width, height, dpr } = this.size;
    if (this.stale) {
      this.stale = false;
      this.dirty.length = 0;
      return prepareCanvas(this.canvas, width, height, dpr);
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return null;
    const boxes = this.dirty;
    for (let i = 0; i < boxes.length; i += 4) {
      ctx.clearRect(boxes[i] - 1, boxes[i + 1] - 1, boxes[i + 2] + 2, boxes[i + 3] + 2);
    }
    boxes.length = 0;
    return ctx;
  }

  /** The next animation frame, no sooner than FRAME_INTERVAL_MS after the last one drawn. */
  private request() {
    if (this.frame || this.waiting !== undefined) return;
    const wait = this.lastFrame + FRAME_INTERVAL_MS - performance.now();
    if (wait <= 1) {
      this.frame = requestAnimationFrame(this.tick);
      return;
    }
    this.waiting = setTimeout(() => {
      this.waiting = undefined;
      this.request();
    }, wait);
  }

  private readonly tick = (now: number) => {
    this.frame = 0;
    this.lastFrame = now;
    if (this.render(now)) this.request();
  };
}
