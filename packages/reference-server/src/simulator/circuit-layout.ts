/**
 * The centre line of a circuit design laid out as pieces of linearly changing curvature (straights, clothoid
 * transitions, arcs), and traced node by node.
 */
import type { CircuitDesign, CornerDesign } from './circuit';

// Math's functions bound once: global lookups are slow inside vm contexts such as Jest's.
const { abs, atan2, ceil, cos, hypot, max, min, sign, sin, tan } = Math;

/** A stretch of centre line whose curvature changes linearly from k0 to k1. */
export interface Piece {
  start: number;
  length: number;
  k0: number;
  k1: number;
  heading0: number;
}

export function headingIn(piece: Piece, u: number): number {
  return piece.heading0 + piece.k0 * u + ((piece.k1 - piece.k0) * u * u) / (2 * piece.length);
}

// 5-point Gauss–Legendre nodes and weights on [-1, 1].
const GL_X = [0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664];
const GL_W = [0.5688888888888889, 0.47862867049936647, 0.47862867049936647, 0.23692688505618908, 0.23692688505618908];

/** Displacement along a piece between offsets u0 and u1, by Gauss–Legendre quadrature of (cos ψ, sin ψ). */
export function displacement(piece: Piece, u0: number, u1: number): { dx: number; dy: number } {
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

export interface Layout {
  pieces: Piece[];
  corners: Array<{ design: CornerDesign; angle: number; start: number; apex: number; end: number }>;
  startX: number;
  startY: number;
  length: number;
}

export function layOut(design: CircuitDesign): Layout {
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

export function pieceAt(pieces: Piece[], s: number, hint: number): number {
  let i = hint;
  while (i < pieces.length - 1 && s >= pieces[i].start + pieces[i].length) i++;
  return i;
}

/** The centre line traced at `nodes + 1` nodes `spacing` apart, the last equal to the first. */
export function traceCentreLine(layout: Layout, nodes: number, spacing: number) {
  const length = layout.length;
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
  return { x, y, heading, curvature };
}
