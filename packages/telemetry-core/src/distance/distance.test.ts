import {
  centreLineProjector,
  distanceFromCentreLine,
  distanceFromSpeed,
  lapDistanceFromLine,
  unwrapLapDistance,
} from './distance';

function maxAbsDiff(a: ArrayLike<number>, b: (i: number) => number): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b(i)));
  return max;
}

describe('distanceFromSpeed', () => {
  const time = Array.from({ length: 501 }, (_, i) => 1_000_000 + i * 10); // 100 Hz

  it('is exact at constant speed, from a start between samples', () => {
    const d = distanceFromSpeed(
      time,
      time.map(() => 180),
      1_000_123.4,
    ); // 50 m/s
    expect(maxAbsDiff(d, (i) => (50 * (time[i] - 1_000_123.4)) / 1000)).toBeLessThan(1e-9);
  });

  it('is exact at constant acceleration, including the partial first interval', () => {
    // v = 10 + 4t m/s from t = 0 at the first sample; start at t = 0.0437 s.
    const t = (i: number) => (time[i] - time[0]) / 1000;
    const speed = time.map((_, i) => (10 + 4 * t(i)) * 3.6);
    const start = 0.0437;
    const at = (s: number) => 10 * s + 2 * s * s;
    const d = distanceFromSpeed(time, speed, time[0] + start * 1000);
    expect(maxAbsDiff(d, (i) => at(t(i)) - at(start))).toBeLessThan(1e-9);
    expect(distanceFromSpeed(time, speed)[500]).toBeCloseTo(at(5), 9);
  });

  it('bridges speed dropouts linearly and leaves the ends without speed NaN', () => {
    const speed = time.map(() => 72);
    speed[0] = speed[1] = NaN;
    for (let i = 200; i < 260; i++) speed[i] = NaN;
    const d = distanceFromSpeed(time, speed);
    expect(d[0]).toBeNaN();
    expect(d[2]).toBe(0);
    expect(d[230]).toBeCloseTo(20 * 2.28, 9);
    expect(d[500]).toBeCloseTo(20 * 4.98, 9);
  });
});

describe('unwrapLapDistance and lapDistanceFromLine', () => {
  it('adds a lap at each wrap and removes one when reversing over the line', () => {
    const d = [4990, 4995, 2, 7, NaN, 15, 4998, 3];
    expect(Array.from(unwrapLapDistance(d, 5000))).toEqual([4990, 4995, 5002, 5007, NaN, 5015, 4998, 5003]);
  });

  it('reads samples just before the line at the start of a lap as negative distance', () => {
    expect(Array.from(lapDistanceFromLine([4999.5, 0.3, 2500, 4999, 1.5], 5000))).toEqual([
      -0.5, 0.3, 2500, 4999, 5001.5,
    ]);
    expect(Array.from(lapDistanceFromLine([NaN, 3, 10], 5000))).toEqual([NaN, 3, 10]);
  });
});

/** A polyline with its cumulative distance. */
function polyline(points: [number, number][]) {
  const x = points.map((p) => p[0]);
  const y = points.map((p) => p[1]);
  const distance = [0];
  for (let k = 1; k < points.length; k++) distance.push(distance[k - 1] + Math.hypot(x[k] - x[k - 1], y[k] - y[k - 1]));
  return { x, y, distance };
}

describe('centre-line projection', () => {
  it('projects exactly onto a closed square, with signed offsets', () => {
    const square = polyline([
      [0, 0],
      [100, 0],
      [100, 100],
      [0, 100],
    ]);
    const projector = centreLineProjector(square);
    expect(projector.length).toBe(400);
    const { distance, offset } = projector.project([30, 104, 100, 50, -3, NaN, 0.5], [2, 40, 100, 95, 50, 1, -0.1]);
    expect(Array.from(distance)).toEqual([30, 140, 200, 250, 350, NaN, 0.5]);
    expect(offset[0]).toBeCloseTo(2, 12); // left of the driving direction
    expect(offset[1]).toBeCloseTo(-4, 12);
    expect(offset[3]).toBeCloseTo(5, 12); // inside an anticlockwise lap is to the left
    expect(offset[6]).toBeCloseTo(-0.1, 12);
  });

  it('gives the arc length on a finely sampled circle', () => {
    const R = 150;
    const m = 1440;
    const circle = {
      distance: Array.from({ length: m }, (_, k) => (2 * Math.PI * R * k) / m),
      x: Array.from({ length: m }, (_, k) => R * Math.cos((2 * Math.PI * k) / m)),
      y: Array.from({ length: m }, (_, k) => R * Math.sin((2 * Math.PI * k) / m)),
    };
    const n = 2000;
    const angle = (i: number) => (2 * Math.PI * (i + 0.5)) / n;
    const radius = (i: number) => R + 6 * Math.sin(i / 37);
    const x = Array.from({ length: n }, (_, i) => radius(i) * Math.cos(angle(i)));
    const y = Array.from({ length: n }, (_, i) => radius(i) * Math.sin(angle(i)));
    const d = distanceFromCentreLine(x, y, circle);
    // Chords instead of the arc: a point off the line by o lands up to o·Δθ/2 (here 5 mm) away from its arc length.
    expect(maxAbsDiff(d, (i) => R * angle(i))).toBeLessThan((6 * Math.PI) / m + 1e-6);
    // A point straight out from a vertex projects onto the vertex exactly.
    expect(distanceFromCentreLine([(R + 5) * Math.cos(Math.PI / 2)], [R + 5], circle)[0]).toBeCloseTo(
      circle.distance[360],
      9,
    );
  });

  it('follows the car through a figure-of-eight crossing and agrees with a brute-force search elsewhere', () => {
    // A lemniscate: the line crosses itself at the origin.
    const m = 2000;
    const figure8: [number, number][] = Array.from({ length: m }, (_, k) => {
      const t = (2 * Math.PI * k) / m;
      const s = 1 + Math.sin(t) ** 2;
      return [(400 * Math.cos(t)) / s, (400 * Math.sin(t) * Math.cos(t)) / s];
    });
    const line = polyline(figure8);
    const n = 3000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = (2 * Math.PI * (i + 0.3)) / n;
      const s = 1 + Math.sin(t) ** 2;
      const wobble = 2 * Math.sin(i / 55);
      x[i] = (400 * Math.cos(t)) / s + wobble;
      y[i] = (400 * Math.sin(t) * Math.cos(t)) / s - wobble;
    }
    const projector = centreLineProjector(line);
    const { distance } = projector.project(x, y);
    let jumps = 0; // steps that are not a small move forward, nor the wrap at the line
    for (let i = 1; i < n; i++) {
      const step = distance[i] - distance[i - 1];
      if (!(step > -0.5 && step < 2) && !(step < 2 - projector.length)) jumps++;
    }
    expect(jumps).toBe(0);
    // Away from the crossing the nearest point is unambiguous: compare with a brute-force search.
    const brute = (px: number, py: number) => {
      let best = Infinity;
      let bestS = NaN;
      for (let k = 0; k < m; k++) {
        const j = (k + 1) % m;
        const dx = line.x[j] - line.x[k];
        const dy = line.y[j] - line.y[k];
        const u = Math.min(1, Math.max(0, ((px - line.x[k]) * dx + (py - line.y[k]) * dy) / (dx * dx + dy * dy)));
        const d2 = (px - line.x[k] - u * dx) ** 2 + (py - line.y[k] - u * dy) ** 2;
        if (d2 < best) {
          best = d2;
          bestS = line.distance[k] + u * Math.hypot(dx, dy);
        }
      }
      return bestS;
    };
    for (let i = 0; i < n; i += 41) {
      if (Math.hypot(x[i], y[i]) > 40) expect(distance[i]).toBeCloseTo(brute(x[i], y[i]), 6);
    }
  });

  it('finds the line again from far away (the pit lane) and after dropouts', () => {
    const square = polyline([
      [0, 0],
      [100, 0],
      [100, 100],
      [0, 100],
    ]);
    const d = distanceFromCentreLine([10, 20, 50, 50, NaN, 90, 100], [0, 0, -80, -80, NaN, 99, 60], square);
    expect(Array.from(d)).toEqual([10, 20, 50, 50, NaN, 210, 160]);
  });
});
