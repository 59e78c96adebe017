/**
 * Canvas 2D drawing of the track map's layers. Plain canvas code: no React, no Grafana, so the bench loads the
 * very same module. Coordinates come in metres and go through a view transform; nothing here allocates per point.
 */
import { type BucketRuns } from '@eracing/panel-kit/colour-buckets';
import { toScreen, type ViewTransform } from '@eracing/panel-kit/view';
import { type Point } from '@eracing/telemetry-core/protocol';
import { type ThinnedLine } from '@eracing/telemetry-core/track';

import { labelCentre, MARKER_RADIUS } from '../scene/labels';
import { startFinishEnds, type StartFinishMark } from '../scene/start-finish';

/**
 * Points closer than this to the last drawn one are skipped. Stroking costs per segment and the line bends gently at
 * this scale: over 2 px a curve of 20 px radius leaves its chord by 0.025 px.
 */
export const MIN_STEP_PX = 2;

/** The racing line's segments stray at most this far from the samples: stroking costs per segment. */
const TOLERANCE_PX = 0.25;
/** A segment's direction is taken from a point at least this far from its start. */
const MIN_DIRECTION_PX = 1;

/**
 * Continuous colour schemes are sampled into this many buckets, one path each. Each colour change starts a new
 * subpath, and stroking is the cost of a first render: 32 steps halve the changes of 64 (measured 4.0 → 2.6 ms on the
 * bench lap), and neighbouring steps still differ by only 3% of the scale.
 */
export const CONTINUOUS_BUCKETS = 32;
const MIN_STEP2 = MIN_STEP_PX * MIN_STEP_PX;

export interface ColouredLineLayer {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  runs: BucketRuns;
  colours: readonly string[];
  /** The points thinned once per data change: walked instead of every point while their spacing is sub-pixel. */
  thinned?: ThinnedLine;
}

/** The thinned points serve while they are at most this far apart on screen: a drawn segment spans several. */
const MAX_THINNED_SPACING_PX = 0.5;

export interface Polyline {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** 1 where the line must not join this point to the previous one. */
  breakBefore?: ArrayLike<number>;
}

/** A sector's start or a corner's apex, named. */
export interface TrackLabel {
  at: Point;
  label: string;
  /** The side of the track the label goes, unit vector in metres. */
  side?: Point;
}

export interface RacingLineScene {
  line?: ColouredLineLayer;
  startFinish?: StartFinishMark;
  sectors: readonly TrackLabel[];
  corners: readonly TrackLabel[];
}

export interface Palette {
  track: string;
  trackEdge: string;
  text: string;
  textHalo: string;
  sector: string;
  font: string;
}

export interface RacingLineOptions {
  showSectors: boolean;
  showCorners: boolean;
  /** Width of the coloured line, CSS px. */
  lineWidth: number;
  /** Width of the track under it, CSS px (the start/finish line spans it, corner labels stand clear of it). */
  trackWidth: number;
}

/** The start/finish line reaches this far past each edge of the drawn track, CSS px. */
const START_FINISH_OVERHANG_PX = 4;
const START_FINISH_WIDTH_PX = 4;
const START_FINISH_COLOUR = '#ffffff';
const START_FINISH_OUTLINE = '#111217';

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

/** The racing line: one path per colour bucket, each run a moveTo and the lineTos that keep it within tolerance. */
export function strokeColouredLine(
  ctx: CanvasRenderingContext2D,
  line: ColouredLineLayer,
  view: ViewTransform,
  width: number,
): void {
  const { a, b, c, d, e, f } = view;
  const { x, y, runs, colours, thinned } = line;
  const { offsets, start, end } = runs;
  const pixelsPerMetre = Math.sqrt(Math.abs(a * d - b * c));
  const next = thinned && thinned.spacing * pixelsPerMetre <= MAX_THINNED_SPACING_PX ? thinned.next : undefined;
  ctx.lineWidth = width;
  ctx.lineCap = 'butt';
  ctx.lineJoin = 'miter';
  for (let k = 0; k < runs.bucketCount; k++) {
    const first = offsets[k],
      last = offsets[k + 1];
    if (first === last) continue;
    ctx.strokeStyle = colours[k];
    ctx.beginPath();
    for (let r = first; r < last; r++) {
      const s = start[r] - 1,
        t = end[r] - 1;
      let ax = a * x[s] + c * y[s] + e;
      let ay = b * x[s] + d * y[s] + f;
      ctx.moveTo(ax, ay);
      // Reumann-Witkam: from the last point drawn (a), points that stay within TOLERANCE_PX of the line through it
      // (direction u) are passed over; the last of them (q) is drawn when one leaves it. The run's last point always.
      let ux = 0,
        uy = 0,
        reach = 0,
        qx = ax,
        qy = ay;
      for (let i = next ? Math.min(next[s], t) : s + 1; ; i = next ? Math.min(next[i], t) : i + 1) {
        const px = a * x[i] + c * y[i] + e;
        const py = b * x[i] + d * y[i] + f;
        const dx = px - ax,
          dy = py - ay;
        if (ux === 0 && uy === 0) {
          // No direction yet: it is set by the first point far enough from a to give one.
          const length = Math.sqrt(dx * dx + dy * dy);
          if (length >= MIN_DIRECTION_PX) {
            ux = dx / length;
            uy = dy / length;
            reach = length;
          }
        } else {
          const off = dx * uy - dy * ux;
          const along = dx * ux + dy * uy;
          if (off > TOLERANCE_PX || off < -TOLERANCE_PX || along < reach) {
            // The line turns away (or back): draw to the last point on it and go on from there.
            ctx.lineTo(qx, qy);
            ax = qx;
            ay = qy;
            const ex = px - ax,
              ey = py - ay;
            const length = Math.sqrt(ex * ex + ey * ey);
            ux = length >= MIN_DIRECTION_PX ? ex / length : 0;
            uy = length >= MIN_DIRECTION_PX ? ey / length : 0;
            reach = length;
          } else {
            reach = along;
          }
        }
        qx = px;
        qy = py;
        if (i === t) {
          ctx.lineTo(px, py);
          break;
        }
      }
    }
    ctx.stroke();
  }
}

/** Text with a halo (the context's stroke style), readable over the line. */
function label(ctx: CanvasRenderingContext2D, text: string, x: number, y: number): void {
  ctx.strokeText(text, x, y);
  ctx.fillText(text, x, y);
}

/** The bottom layer, cached: the track as a wide grey band. */
export function drawTrack(
  ctx: CanvasRenderingContext2D,
  outline: Polyline,
  view: ViewTransform,
  palette: Palette,
  trackWidth: number,
): void {
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.beginPath();
  tracePolyline(ctx, outline, view);
  ctx.strokeStyle = palette.trackEdge;
  ctx.lineWidth = trackWidth + 2;
  ctx.stroke();
  ctx.strokeStyle = palette.track;
  ctx.lineWidth = trackWidth;
  ctx.stroke();
}

/**
 * The racing line's layer, cached under the trails: the coloured line, the start/finish line across the track and
 * the sector marks. Redrawn only when the data, the size, the zoom or an option changes.
 */
export function drawRacingLine(
  ctx: CanvasRenderingContext2D,
  scene: RacingLineScene,
  view: ViewTransform,
  palette: Palette,
  options: RacingLineOptions,
): void {
  if (scene.line) strokeColouredLine(ctx, scene.line, view, options.lineWidth);
  if (!options.showSectors) return;
  if (scene.startFinish) {
    const [p, q] = startFinishEnds(scene.startFinish, view, options.trackWidth + 2 * START_FINISH_OVERHANG_PX);
    ctx.lineCap = 'butt';
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
    ctx.lineTo(q.x, q.y);
    ctx.strokeStyle = START_FINISH_OUTLINE;
    ctx.lineWidth = START_FINISH_WIDTH_PX + 2;
    ctx.stroke();
    ctx.strokeStyle = START_FINISH_COLOUR;
    ctx.lineWidth = START_FINISH_WIDTH_PX;
    ctx.stroke();
  }
  ctx.fillStyle = palette.sector;
  for (const sector of scene.sectors) {
    const p = toScreen(view, sector.at.x, sector.at.y);
    ctx.beginPath();
    ctx.arc(p.x, p.y, 3.5, 0, 2 * Math.PI);
    ctx.fill();
  }
}

/**
 * The labels' layer, cached above the markers: sector and corner labels, off the track (a corner's on the outside of
 * the bend) where no car marker reaches them. Redrawn with the racing line.
 */
export function drawTrackLabels(
  ctx: CanvasRenderingContext2D,
  scene: RacingLineScene,
  view: ViewTransform,
  palette: Palette,
  options: RacingLineOptions,
): void {
  ctx.font = palette.font;
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 3;
  ctx.lineJoin = 'round';
  ctx.strokeStyle = palette.textHalo;
  ctx.fillStyle = palette.text;
  ctx.textAlign = 'center';
  const labels = [...(options.showSectors ? scene.sectors : []), ...(options.showCorners ? scene.corners : [])];
  for (const { at, label: text, side } of labels) {
    const metrics = ctx.measureText(text);
    // The halo widens the box by half its line width on every side.
    const size = {
      width: metrics.width + ctx.lineWidth,
      height: (metrics.actualBoundingBoxAscent + metrics.actualBoundingBoxDescent || 12) + ctx.lineWidth,
    };
    const centre = labelCentre(at, side, view, options.trackWidth, size);
    label(ctx, text, centre.x, centre.y);
  }
}

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
    ctx.strokeStyle = casing;
    ctx.lineWidth = width + 2;
    ctx.stroke();
    ctx.strokeStyle = trail.colour;
    ctx.lineWidth = width;
    ctx.stroke();
  }
}

export interface Marker {
  /** Screen position, CSS px. */
  x: number;
  y: number;
  colour: string;
  label: string;
}

const DOT_RADIUS = MARKER_RADIUS;
/** Where the dot's centre sits in a marker sprite, CSS px. */
const SPRITE_ORIGIN = 8;

const sprites = new Map<string, HTMLCanvasElement>();

/**
 * A car's dot and label, drawn once into a small canvas and then stamped with drawImage every frame: text is the
 * dearest thing a canvas draws, and a marker's never changes.
 */
function markerSprite(marker: Marker, palette: Palette, showLabels: boolean, dpr: number): HTMLCanvasElement {
  const key = `${marker.label}|${marker.colour}|${showLabels}|${dpr}|${palette.font}|${palette.text}|${palette.textHalo}`;
  let sprite = sprites.get(key);
  if (sprite) return sprite;
  if (sprites.size > 500) sprites.clear();
  sprite = document.createElement('canvas');
  const measure = sprite.getContext('2d')!;
  measure.font = palette.font;
  const textWidth = showLabels ? measure.measureText(marker.label).width : 0;
  const width = SPRITE_ORIGIN + DOT_RADIUS + (showLabels ? textWidth + 12 : 4);
  const height = 2 * SPRITE_ORIGIN + 2;
  sprite.width = Math.ceil(width * dpr);
  sprite.height = Math.ceil(height * dpr);
  const ctx = sprite.getContext('2d')!;
  ctx.scale(dpr, dpr);
  ctx.fillStyle = marker.colour;
  ctx.strokeStyle = palette.textHalo;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.arc(SPRITE_ORIGIN, SPRITE_ORIGIN + 1, DOT_RADIUS, 0, 2 * Math.PI);
  ctx.fill();
  ctx.stroke();
  if (showLabels) {
    ctx.globalAlpha = 0.75;
    ctx.fillStyle = palette.textHalo;
    ctx.fillRect(SPRITE_ORIGIN + 8, 1, textWidth + 6, 16);
    ctx.globalAlpha = 1;
    ctx.fillStyle = palette.text;
    ctx.font = palette.font;
    ctx.textBaseline = 'middle';
    ctx.fillText(marker.label, SPRITE_ORIGIN + 11, SPRITE_ORIGIN + 1);
  }
  sprites.set(key, sprite);
  return sprite;
}

/** The markers layer: each car's sprite, and the shared cursor's dot. */
export function drawMarkers(
  ctx: CanvasRenderingContext2D,
  markers: readonly Marker[],
  palette: Palette,
  showLabels: boolean,
  dpr: number,
  cursor?: { x: number; y: number },
  /** Receives x, y, width, height of every box drawn, so the next frame can clear just those. */
  dirty?: number[],
): void {
  for (const m of markers) {
    if (m.x !== m.x || m.y !== m.y) continue;
    const sprite = markerSprite(m, palette, showLabels, dpr);
    const x = m.x - SPRITE_ORIGIN;
    const y = m.y - SPRITE_ORIGIN - 1;
    const w = sprite.width / dpr;
    const h = sprite.height / dpr;
    ctx.drawImage(sprite, x, y, w, h);
    dirty?.push(x, y, w, h);
  }
  if (cursor && cursor.x === cursor.x) {
    dirty?.push(cursor.x - 10, cursor.y - 10, 20, 20);
    ctx.lineWidth = 2;
    ctx.strokeStyle = palette.text;
    ctx.fillStyle = palette.textHalo;
    ctx.beginPath();
    ctx.arc(cursor.x, cursor.y, 7, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(cursor.x, cursor.y, 2.5, 0, 2 * Math.PI);
    ctx.fillStyle = palette.text;
    ctx.fill();
  }
}
