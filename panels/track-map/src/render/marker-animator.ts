import { type Glide, glidePosition, nextGlide } from '@eracing/panel-kit/glide';
import { type ViewTransform } from '@eracing/panel-kit/view';

import { type Palette, prepareCanvas } from './canvas';
import { drawMarkers, type Marker } from './markers';

/**
 * Frames of the glide at most this often. Every animation frame also costs the page a paint and a composite; at 30
 * a second the glide still looks smooth, at half the cost of the display's 60.
 */
const FRAME_INTERVAL_MS = 1000 / 30;

/**
 * A frame is drawn only when some marker has moved at least a whole pixel (CSS px) since it was last drawn. At the
 * zoom that fits a circuit a car crosses a pixel in about four frames, and every frame drawn costs the page a canvas
 * upload and a composite: the markers then step a pixel at a time, about ten frames a second, and glide at the full
 * frame rate only when zoomed in far enough to move faster.
 */
const MIN_MOVE_PX = 1;

interface CarState {
  glide: Glide;
  /** Where the marker was last drawn, CSS px (NaN before it first is). */
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
  /** Something besides the glide changed (cars, cursor, view): the next frame is drawn even if no marker moved. */
  private changed = true;
  /** Each car's position this frame, CSS px, before the frame decides whether to draw. */
  private next = new Float64Array(0);

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
      if (!state) this.changed = true;
      this.cars.set(car, { glide, marker: state?.marker ?? { x: NaN, y: NaN, colour, label: car } });
    }
    for (const car of this.cars.keys()) {
      if (!seen.has(car)) {
        this.cars.delete(car);
        this.changed = true;
      }
    }
    this.request();
  }

  /** The shared cursor's dot, in metres; undefined hides it. */
  setCursor(cursor: { x: number; y: number } | undefined) {
    this.cursor = cursor;
    this.changed = true;
    this.request();
  }

  dispose() {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.waiting);
    this.frame = 0;
    this.waiting = undefined;
  }

  /**
   * Draws the layer for the time `now` (the animation clock), unless no marker would move by MIN_MOVE_PX and nothing
   * else changed; true while some car is still gliding.
   */
  render(now: number): boolean {
    const { view, palette } = this;
    if (!palette || !view) return false;
    let moving = false;
    let moved = this.stale || this.changed;
    if (this.next.length < 2 * this.cars.size) this.next = new Float64Array(2 * this.cars.size);
    const next = this.next;
    let k = 0;
    for (const state of this.cars.values()) {
      const p = glidePosition(state.glide, now);
      if (!p.settled) moving = true;
      const x = view.a * p.x + view.c * p.y + view.e;
      const y = view.b * p.x + view.d * p.y + view.f;
      const dx = x - state.marker.x;
      const dy = y - state.marker.y;
      // NaN (never drawn) compares false, so it counts as moved.
      if (!(Math.abs(dx) < MIN_MOVE_PX && Math.abs(dy) < MIN_MOVE_PX)) moved = true;
      next[k++] = x;
      next[k++] = y;
    }
    // When the last glide settles, its exact end is drawn even if it is under MIN_MOVE_PX away.
    if (!moving && !moved) moved = this.unsettledSinceDrawn(next);
    if (!moved) return moving;
    const ctx = this.clear();
    if (!ctx) return false;
    this.changed = false;
    const markers = this.drawn;
    markers.length = 0;
    k = 0;
    for (const state of this.cars.values()) {
      state.marker.x = next[k++];
      state.marker.y = next[k++];
      markers.push(state.marker);
    }
    const cursor = this.cursor && {
      x: view.a * this.cursor.x + view.c * this.cursor.y + view.e,
      y: view.b * this.cursor.x + view.d * this.cursor.y + view.f,
    };
    drawMarkers(ctx, markers, palette, this.showLabels, this.size.dpr, cursor, this.dirty);
    return moving;
  }

  /** Whether some marker's drawn position differs at all from where it has come to rest. */
  private unsettledSinceDrawn(next: Float64Array): boolean {
    let k = 0;
    for (const state of this.cars.values()) {
      if (state.marker.x !== next[k] || state.marker.y !== next[k + 1]) return true;
      k += 2;
    }
    return false;
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
