/** The circuit as the wire describes it (protocol `TrackGeometry`): centre line, start/finish, sectors, corners. */
import type { TrackGeometry, TrackSector } from '@eracing/telemetry-core/protocol';
import type { Circuit, CircuitDesign } from './circuit';

// Math's functions bound once: global lookups are slow inside vm contexts such as Jest's.
const { cos, max, round, sin } = Math;

/** What the description is made from: the built circuit but for its normals, curvature and pit lane. */
type Described = Pick<
  Circuit,
  'length' | 'spacing' | 'nodes' | 'x' | 'y' | 'heading' | 'corners' | 'sectorNodes' | 'projection'
>;

/** Spacing of the shared centre line: about 2 m is plenty for maps and keeps the geometry small on the wire. */
const GEOMETRY_SPACING = 2;

export function describe(design: CircuitDesign, c: Described): TrackGeometry {
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
