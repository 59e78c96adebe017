import { type TrackCorner, type TrackGeometry } from '@eracing/telemetry-core/protocol';
import { localProjection, type GeoOrigin, type LocalProjection } from '@eracing/telemetry-core/track';

import { describe } from './circuit-geometry';
import { layOut, traceCentreLine, type Layout, type Piece } from './circuit-layout';

// Math's functions bound once: global lookups are slow inside vm contexts such as Jest's.
const { abs, cos, round, sin } = Math;

/**
 * The simulator's circuit, designed the way circuits are drawn: a closed polygon whose vertices are rounded
 * into corners of a chosen radius, each entered and left on a clothoid (curvature ramps linearly, as on real
 * roads). Curvature is therefore known exactly along the centre line, and the loop closes by construction.
 */

export interface CornerDesign {
  /** Polygon vertex the corner rounds, metres. */
  x: number;
  y: number;
  /** Radius of the constant-radius part, metres. */
  radius: number;
  /** Length of each clothoid that leads into and out of the arc, metres. */
  transition: number;
  name: string;
}

export interface PitLaneDesign {
  /** +1 when the pit lane runs left of the main straight (in driving direction), −1 when right. */
  side: 1 | -1;
  /** Lateral distance of the pit lane's centre from the track's centre line, metres. */
  offset: number;
  /** Where the pit road leaves the track, metres before the start/finish line. */
  entryBeforeLine: number;
  /** Start of the speed-limited lane, metres before the line. */
  limiterBeforeLine: number;
  /** End of the speed-limited lane, metres after the line. */
  limiterAfterLine: number;
  /** Where the pit road rejoins the track, metres after the line. */
  exitAfterLine: number;
  /** Pit lane speed limit, km/h. */
  speedLimitKmh: number;
}

export interface CircuitDesign {
  name: string;
  origin: GeoOrigin;
  /** Corners in driving order; the start/finish line lies on the straight that leads into the first. */
  corners: CornerDesign[];
  /** Distance from the start/finish line to the start of the first corner, metres. */
  lineToFirstCorner: number;
  /** Half the track width, metres. */
  halfWidth: number;
  pitLane: PitLaneDesign;
}

/** A corner of the built circuit, in centre-line distance from the line. */
export interface CircuitCorner extends TrackCorner {
  /** Signed turn angle, radians (+ left). */
  angle: number;
  /** Where the curvature starts to build and where it has gone again. */
  start: number;
  end: number;
}

export interface PitLane extends PitLaneDesign {
  /** Node indices of entry, limiter start, limiter end and exit. Entry and limiter start are counted from the line
   *  of the lap that ends in the pit lane, so they are close to `nodes`. */
  entryNode: number;
  limiterInNode: number;
  limiterOutNode: number;
  exitNode: number;
}

export interface Circuit {
  geometry: TrackGeometry;
  length: number;
  /** Node spacing along the centre line, metres (`length / nodes`, close to the requested spacing). */
  spacing: number;
  /** Number of centre-line segments; the node arrays hold `nodes + 1` entries, the last equal to the first. */
  nodes: number;
  x: Float64Array;
  y: Float64Array;
  /** Direction of travel, radians anticlockwise from east. */
  heading: Float64Array;
  /** Unit normal pointing left of the direction of travel. */
  normalX: Float64Array;
  normalY: Float64Array;
  /** Signed curvature, 1/m, + turning left. */
  curvature: Float64Array;
  halfWidth: number;
  corners: CircuitCorner[];
  /** Node index of the end of sectors 1 and 2. */
  sectorNodes: [number, number];
  pitLane: PitLane;
  projection: LocalProjection;
}

export interface BuildCircuitOptions {
  /** Target node spacing along the centre line, metres. */
  spacing?: number;
}

/** Builds a circuit from its design: centre line, curvature, corners, sectors, pit lane and the shared geometry. */
export function buildCircuit(design: CircuitDesign = LOWMERE, options: BuildCircuitOptions = {}): Circuit {
  const layout = layOut(design);
  const length = layout.length;
  const nodes = round(length / (options.spacing ?? 2));
  const spacing = length / nodes;
  const { x, y, heading, curvature } = traceCentreLine(layout, nodes, spacing);
  const normalX = heading.map((h) => -sin(h));
  const normalY = heading.map((h) => cos(h));
  const corners = builtCorners(layout, spacing, x, y);
  const sectorNodes = chooseSectorNodes(layout.pieces, length, spacing);
  const pitLane = placePitLane(design.pitLane, layout.pieces, nodes, spacing);
  const projection = localProjection(design.origin);
  const geometry = describe(design, { length, spacing, nodes, x, y, heading, corners, sectorNodes, projection });
  return {
    geometry,
    length,
    spacing,
    nodes,
    x,
    y,
    heading,
    normalX,
    normalY,
    curvature,
    halfWidth: design.halfWidth,
    corners,
    sectorNodes,
    pitLane,
    projection,
  };
}

/** The corners of the layout, numbered from the line, with their apex on the traced centre line. */
function builtCorners(layout: Layout, spacing: number, x: Float64Array, y: Float64Array): CircuitCorner[] {
  return layout.corners.map((c, i): CircuitCorner => {
    const apexNode = round(c.apex / spacing);
    return {
      number: i + 1,
      name: `Turn ${i + 1} — ${c.design.name}`,
      distance: c.apex,
      apex: { x: x[apexNode], y: y[apexNode] },
      radius: c.design.radius,
      direction: c.angle > 0 ? 'left' : 'right',
      angle: c.angle,
      start: c.start,
      end: c.end,
    };
  });
}

/** Sector lines go at the middle of the straights nearest a third and two thirds of the lap. */
function chooseSectorNodes(pieces: Piece[], length: number, spacing: number): [number, number] {
  const straights = pieces.filter((p) => p.k0 === 0 && p.k1 === 0 && p.length > 60).map((p) => p.start + p.length / 2);
  const nearest = (target: number): number =>
    round(straights.reduce((best, s) => (abs(s - target) < abs(best - target) ? s : best)) / spacing);
  return [nearest(length / 3), nearest((2 * length) / 3)];
}

function placePitLane(pit: PitLaneDesign, pieces: Piece[], nodes: number, spacing: number): PitLane {
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  const straightAfter = first.k0 === 0 && first.k1 === 0 ? first.length : 0;
  const straightBefore = last.k0 === 0 && last.k1 === 0 ? last.length : 0;
  if (pit.exitAfterLine > straightAfter || pit.entryBeforeLine > straightBefore) {
    throw new Error('the pit lane must lie along the main straight');
  }
  return {
    ...pit,
    entryNode: nodes - round(pit.entryBeforeLine / spacing),
    limiterInNode: nodes - round(pit.limiterBeforeLine / spacing),
    limiterOutNode: round(pit.limiterAfterLine / spacing),
    exitNode: round(pit.exitAfterLine / spacing),
  };
}

/**
 * Lowmere Circuit, a fictional 3.4 km track on flat polder land: a long pit straight into a hairpin, a fast
 * back section with two sweepers, a chicane and a tight final sequence — corners from 18 m to 260 m radius.
 */
export const LOWMERE: CircuitDesign = {
  name: 'Lowmere Circuit',
  origin: { lat: 52.5186, lon: 5.5112 },
  lineToFirstCorner: 450,
  halfWidth: 6,
  pitLane: {
    side: 1,
    offset: 22,
    entryBeforeLine: 330,
    limiterBeforeLine: 170,
    limiterAfterLine: 240,
    exitAfterLine: 360,
    speedLimitKmh: 60,
  },
  corners: [
    { x: 650, y: 0, radius: 20, transition: 15, name: 'Paddock Hairpin' },
    { x: 500, y: -260, radius: 90, transition: 30, name: 'Mill Kink' },
    { x: 650, y: -520, radius: 30, transition: 20, name: 'Dyke Corner' },
    { x: 300, y: -520, radius: 30, transition: 15, name: 'Sluice' },
    { x: 230, y: -600, radius: 30, transition: 15, name: 'Sluice Exit' },
    { x: -200, y: -600, radius: 250, transition: 60, name: 'Polder Sweep' },
    { x: -400, y: -400, radius: 150, transition: 40, name: 'Long Reach' },
    { x: -400, y: -150, radius: 60, transition: 25, name: 'Windmill' },
    { x: -650, y: -150, radius: 22, transition: 15, name: 'Ferry Hairpin' },
    { x: -563.4, y: 0, radius: 70, transition: 25, name: 'Harbour' },
  ],
};
