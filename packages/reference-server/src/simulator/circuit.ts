import { type TrackCorner, type TrackGeometry, type TrackSector } from '@eracing/telemetry-core/protocol';
import { localProjection, type GeoOrigin, type LocalProjection } from '@eracing/telemetry-core/track';

// Math's functions bound once: global lookups are slow inside vm contexts such as Jest's.
const { abs, atan2, ceil, cos, hypot, max, min, round, sign, sin, tan } = Math;

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

/** A stretch of centre line whose curvature changes linearly from k0 to k1. */
interface Piece {
  start: number;
  length: number;
  k0: number;
  k1: number;
  heading0: number;
}

function headingIn(piece: Piece, u: number): number {
  return piece.heading0 + piece.k0 * u + ((piece.k1 - piece.k0) * u * u) / (2 * piece.length);
}

// 5-point Gauss–Legendre nodes and weights on [-1, 1].
const GL_X = [0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664];
const GL_W = [0.5688888888888889, 0.47862867049936647, 0.47862867049936647, 0.23692688505618908, 0.23692688505618908];

/** Displacement along a piece between offsets u0 and u1, by Gauss–Legendre quadrature of (cos ψ, sin ψ). */
function displacement(piece: Piece, u0: number, u1: number): { dx: number; dy: number } {
  const half = (u1 - u0) / 2;
  const mid = (u0 + u1) / 2;
  let dx = 0;
  let dy = 0;
  for (let k = 0; k < 5; k++) {
    const h = headingIn(piece, mid + half * GL_X[k]);
    dx += GL_W[k] * cos(h);
    dy += GL_W[k] * sin(h);
  }
  return { dx: dx * half, dy: dy * half };
}

function cornerPieces(
  radius: number,
  transition: number,
  angle: number,
): Array<[length: number, k0: number, k1: number]> {
  const k = sign(angle) / radius;
  const arc = abs(angle) * radius - transition;
  if (arc < 0) throw new Error(`corner of radius ${radius} m and angle ${angle} rad is too short for its clothoids`);
  return [
    [transition, 0, k],
    [arc, k, k],
    [transition, k, 0],
  ];
}

/** Distance from a corner's start to the vertex it rounds (the same on the way out, the corner being symmetric). */
function tangentLength(radius: number, transition: number, angle: number): number {
  let heading0 = 0;
  let x = 0;
  let y = 0;
  for (const [length, k0, k1] of cornerPieces(radius, transition, angle)) {
    const piece = { start: 0, length, k0, k1, heading0 };
    const step = max(1, ceil(length / 2));
    for (let i = 0; i < step; i++) {
      const d = displacement(piece, (i * length) / step, ((i + 1) * length) / step);
      x += d.dx;
      y += d.dy;
    }
    heading0 = headingIn(piece, length);
  }
  return x - y / tan(angle);
}

function wrapAngle(a: number): number {
  return atan2(sin(a), cos(a));
}

interface Layout {
  pieces: Piece[];
  corners: Array<{ design: CornerDesign; angle: number; start: number; apex: number; end: number }>;
  startX: number;
  startY: number;
  length: number;
}

function layOut(design: CircuitDesign): Layout {
  const vs = design.corners;
  const m = vs.length;
  const dir = (i: number): number => {
    const a = vs[(i + m) % m];
    const b = vs[(i + 1) % m];
    return atan2(b.y - a.y, b.x - a.x);
  };
  const edgeLength = (i: number): number => hypot(vs[(i + 1) % m].x - vs[i].x, vs[(i + 1) % m].y - vs[i].y);
  const angles = vs.map((_, i) => wrapAngle(dir(i) - dir(i - 1)));
  const tangents = vs.map((v, i) => tangentLength(v.radius, v.transition, angles[i]));

  const lastEdge = edgeLength(m - 1) - tangents[m - 1] - tangents[0];
  if (design.lineToFirstCorner > lastEdge) throw new Error('the start/finish line is not on the main straight');

  const pieces: Piece[] = [];
  let s = 0;
  let heading = dir(-1);
  const push = (length: number, k0: number, k1: number): void => {
    if (length <= 0) return;
    const piece = { start: s, length, k0, k1, heading0: heading };
    pieces.push(piece);
    heading = headingIn(piece, length);
    s += length;
  };
  const corners: Layout['corners'] = [];
  push(design.lineToFirstCorner, 0, 0);
  for (let i = 0; i < m; i++) {
    const start = s;
    for (const [length, k0, k1] of cornerPieces(vs[i].radius, vs[i].transition, angles[i])) push(length, k0, k1);
    corners.push({ design: vs[i], angle: angles[i], start, apex: (start + s) / 2, end: s });
    const straight = i === m - 1 ? lastEdge - design.lineToFirstCorner : edgeLength(i) - tangents[i] - tangents[i + 1];
    if (straight < 0) throw new Error(`corners ${i + 1} and ${i + 2} overlap by ${-straight} m`);
    push(straight, 0, 0);
  }
  const back = dir(-1);
  const toLine = tangents[0] + design.lineToFirstCorner;
  return { pieces, corners, startX: vs[0].x - toLine * cos(back), startY: vs[0].y - toLine * sin(back), length: s };
}

function pieceAt(pieces: Piece[], s: number, hint: number): number {
  let i = hint;
  while (i < pieces.length - 1 && s >= pieces[i].start + pieces[i].length) i++;
  return i;
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
  const x = new Float64Array(nodes + 1);
  const y = new Float64Array(nodes + 1);
  const heading = new Float64Array(nodes + 1);
  const curvature = new Float64Array(nodes + 1);
  const { pieces } = layout;

  let px = layout.startX;
  let py = layout.startY;
  let p = 0;
  for (let i = 0; i <= nodes; i++) {
    const s = min(i * spacing, length);
    if (i > 0) {
      // Integrate from the previous node, splitting at piece boundaries where curvature has a kink.
      let from = (i - 1) * spacing;
      let q = pieceAt(pieces, from, p);
      while (from < s) {
        const end = min(s, pieces[q].start + pieces[q].length);
        const d = displacement(pieces[q], from - pieces[q].start, end - pieces[q].start);
        px += d.dx;
        py += d.dy;
        from = end;
        if (from < s) q++;
      }
    }
    p = pieceAt(pieces, s, p);
    const piece = pieces[p];
    const u = s - piece.start;
    x[i] = px;
    y[i] = py;
    heading[i] = headingIn(piece, u);
    curvature[i] = piece.k0 + ((piece.k1 - piece.k0) * u) / piece.length;
  }
  const gap = hypot(x[nodes] - x[0], y[nodes] - y[0]);
  if (gap > 1e-6) throw new Error(`circuit does not close: ${gap} m`);
  x[nodes] = x[0];
  y[nodes] = y[0];
  curvature[nodes] = curvature[0];
  heading[nodes] = heading[0];

  const normalX = heading.map((h) => -sin(h));
  const normalY = heading.map((h) => cos(h));

  const corners = layout.corners.map((c, i): CircuitCorner => {
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
  const sectorNodes = chooseSectorNodes(pieces, length, spacing);
  const pitLane = placePitLane(design.pitLane, pieces, nodes, spacing);
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

interface Described {
  length: number;
  spacing: number;
  nodes: number;
  x: Float64Array;
  y: Float64Array;
  heading: Float64Array;
  corners: CircuitCorner[];
  sectorNodes: [number, number];
  projection: LocalProjection;
}

/** Spacing of the shared centre line: about 2 m is plenty for maps and keeps the geometry small on the wire. */
const GEOMETRY_SPACING = 2;

function describe(design: CircuitDesign, c: Described): TrackGeometry {
  const centreLine: TrackGeometry['centreLine'] = { distance: [], x: [], y: [], lat: [], lon: [] };
  const stride = max(1, round(GEOMETRY_SPACING / c.spacing));
  for (let i = 0; i < c.nodes; i += stride) {
    const { lat, lon } = c.projection.toLatLon(c.x[i], c.y[i]);
    centreLine.distance.push(roundTo(i * c.spacing, 3));
    centreLine.x.push(roundTo(c.x[i], 3));
    centreLine.y.push(roundTo(c.y[i], 3));
    centreLine.lat.push(roundTo(lat, 8));
    centreLine.lon.push(roundTo(lon, 8));
  }
  const nx = -sin(c.heading[0]);
  const ny = cos(c.heading[0]);
  const w = design.halfWidth;
  const [s1, s2] = c.sectorNodes.map((n) => n * c.spacing);
  const sectors: TrackSector[] = [
    { number: 1, name: 'Sector 1', start: 0, end: s1 },
    { number: 2, name: 'Sector 2', start: s1, end: s2 },
    { number: 3, name: 'Sector 3', start: s2, end: c.length },
  ];
  return {
    name: design.name,
    length: c.length,
    origin: { ...design.origin },
    centreLine,
    startFinish: { a: { x: c.x[0] + w * nx, y: c.y[0] + w * ny }, b: { x: c.x[0] - w * nx, y: c.y[0] - w * ny } },
    sectors,
    corners: c.corners.map(({ number, name, distance, apex, radius, direction }) => ({
      number,
      name,
      distance,
      apex: { ...apex },
      radius,
      direction,
    })),
  };
}

function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return round(value * f) / f;
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
