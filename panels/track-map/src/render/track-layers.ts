/**
 * The cached layers of the track map: the track, the racing line with start/finish and sector marks, and the labels.
 */
import { type BucketRuns } from '@eracing/panel-kit/colour-buckets';
import { toScreen, type ViewTransform } from '@eracing/panel-kit/view';
import { type Point } from '@eracing/telemetry-core/protocol';
import { type ThinnedLine } from '@eracing/telemetry-core/track';

import { labelCentre } from '../scene/labels';
import { startFinishEnds, type StartFinishMark } from '../scene/start-finish';
import { type Palette, type Polyline, strokeEdged, tracePolyline } from './canvas';

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
  strokeEdged(ctx, palette.trackEdge, palette.track, trackWidth);
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
    strokeEdged(ctx, START_FINISH_OUTLINE, START_FINISH_COLOUR, START_FINISH_WIDTH_PX);
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
