import { buildCircuit } from './circuit';

describe('buildCircuit', () => {
  const circuit = buildCircuit();
  const { geometry } = circuit;

  it('is a closed 2–5 km loop sampled every ~2 m', () => {
    expect(circuit.length).toBeGreaterThan(2000);
    expect(circuit.length).toBeLessThan(5000);
    expect(circuit.spacing).toBeGreaterThan(1.9);
    expect(circuit.spacing).toBeLessThan(2.1);
    const n = circuit.nodes;
    expect(circuit.x[n]).toBe(circuit.x[0]);
    expect(circuit.y[n]).toBe(circuit.y[0]);
    // Chords of the arc between nodes: a hair shorter than the spacing in the tightest corner.
    for (let i = 0; i < n; i++) {
      const chord = Math.hypot(circuit.x[i + 1] - circuit.x[i], circuit.y[i + 1] - circuit.y[i]);
      expect(chord).toBeLessThanOrEqual(circuit.spacing + 1e-9);
      expect(chord).toBeGreaterThan(circuit.spacing * (1 - 1e-3));
    }
  });

  it('turns once round in total', () => {
    let turned = 0;
    for (let i = 0; i < circuit.nodes; i++) turned += circuit.curvature[i] * circuit.spacing;
    expect(Math.abs(turned)).toBeCloseTo(2 * Math.PI, 2);
  });

  it('has at least ten corners from hairpins to fast sweepers, numbered and named in driving order', () => {
    const corners = geometry.corners;
    expect(corners.length).toBeGreaterThanOrEqual(10);
    expect(Math.min(...corners.map((c) => c.radius))).toBeLessThanOrEqual(25);
    expect(Math.max(...corners.map((c) => c.radius))).toBeGreaterThanOrEqual(150);
    corners.forEach((c, i) => {
      expect(c.number).toBe(i + 1);
      expect(c.name).toMatch(new RegExp(`^Turn ${i + 1} — \\S`));
      if (i > 0) expect(c.distance).toBeGreaterThan(corners[i - 1].distance);
      // The apex is on the centre line, where the curvature is 1/radius with the corner's sign.
      const node = Math.round(c.distance / circuit.spacing);
      expect(c.apex.x).toBe(circuit.x[node]);
      expect(Math.abs(circuit.curvature[node])).toBeCloseTo(1 / c.radius, 6);
      expect(Math.sign(circuit.curvature[node])).toBe(c.direction === 'left' ? 1 : -1);
    });
    expect(new Set(corners.map((c) => c.direction)).size).toBe(2);
  });

  it('splits the lap into three sectors and crosses the track with the start/finish line', () => {
    const [s1, s2, s3] = geometry.sectors;
    expect([s1.start, s1.end === s2.start, s2.end === s3.start, s3.end]).toEqual([0, true, true, circuit.length]);
    expect(s1.end).toBeGreaterThan(circuit.length * 0.2);
    expect(s2.end).toBeLessThan(circuit.length * 0.8);
    const { a, b } = geometry.startFinish;
    expect((a.x + b.x) / 2).toBeCloseTo(circuit.x[0], 9);
    expect((a.y + b.y) / 2).toBeCloseTo(circuit.y[0], 9);
    // Across the track: perpendicular to the direction of travel, as wide as the track.
    const h = circuit.heading[0];
    expect((b.x - a.x) * Math.cos(h) + (b.y - a.y) * Math.sin(h)).toBeCloseTo(0, 9);
    expect(Math.hypot(b.x - a.x, b.y - a.y)).toBeCloseTo(2 * circuit.halfWidth, 9);
  });

  it('describes the centre line in metres and degrees consistently', () => {
    const line = geometry.centreLine;
    expect(line.distance[0]).toBe(0);
    expect(line.x.length).toBe(line.lat.length);
    expect(line.distance[line.distance.length - 1]).toBeLessThan(circuit.length);
    for (let i = 0; i < line.x.length; i += 97) {
      const { x, y } = circuit.projection.toMetres(line.lat[i], line.lon[i]);
      expect(x).toBeCloseTo(line.x[i], 2);
      expect(y).toBeCloseTo(line.y[i], 2);
    }
  });

  it('keeps the pit lane along the main straight, around the start/finish line', () => {
    const pit = circuit.pitLane;
    expect(pit.entryNode).toBeGreaterThan(pit.limiterInNode - circuit.nodes);
    expect(pit.limiterInNode).toBeLessThan(circuit.nodes);
    expect(pit.limiterOutNode).toBeLessThan(pit.exitNode);
    for (let i = pit.entryNode; i <= circuit.nodes; i++) expect(circuit.curvature[i]).toBe(0);
    for (let i = 0; i <= pit.exitNode; i++) expect(circuit.curvature[i]).toBe(0);
  });
});
