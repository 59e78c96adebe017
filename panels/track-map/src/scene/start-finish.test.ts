import { fitView, zoomedView } from '@eracing/panel-kit/view';
import { type Point } from '@eracing/telemetry-core/protocol';

import { startFinishEnds, startFinishMark } from './start-finish';

/** A 200 m-radius circuit driven anticlockwise from (200, 0), a point every 2 m. */
function circle(radius = 200): { x: Float64Array; y: Float64Array } {
  const n = Math.round((2 * Math.PI * radius) / 2);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = radius * Math.cos((2 * Math.PI * i) / n);
    y[i] = radius * Math.sin((2 * Math.PI * i) / n);
  }
  return { x, y };
}

const length = (p: Point, q: Point) => Math.hypot(q.x - p.x, q.y - p.y);

describe('startFinishMark', () => {
  it("lies across the track at the middle of the track frame's line, whatever way that line was drawn", () => {
    // A 12 m line at the start, skewed 30° off the true perpendicular.
    const skew = Math.PI / 6;
    const line: [Point, Point] = [
      { x: 200 - 6 * Math.cos(skew), y: -6 * Math.sin(skew) },
      { x: 200 + 6 * Math.cos(skew), y: 6 * Math.sin(skew) },
    ];
    const mark = startFinishMark(circle(), line)!;
    expect(mark.at.x).toBeCloseTo(200, 6);
    expect(mark.at.y).toBeCloseTo(0, 6);
    // Travel at (200, 0) is north; across is east-west.
    expect(Math.abs(mark.across.x)).toBeCloseTo(1, 3);
    expect(mark.across.y).toBeCloseTo(0, 3);
  });

  it("is at the centre line's first point, across its direction, when there is no start/finish frame", () => {
    const centre = circle();
    const mark = startFinishMark(centre)!;
    expect(mark.at).toEqual({ x: 200, y: 0 });
    expect(Math.abs(mark.across.x)).toBeCloseTo(1, 3);
  });

  it('is across the local direction on a bend too (the line put where the track turns)', () => {
    const centre = circle();
    const i = Math.round(centre.x.length / 8); // 45° round
    const at = { x: centre.x[i], y: centre.y[i] };
    const mark = startFinishMark(centre, [at, at])!;
    // Across a circle is radial.
    expect(Math.abs(mark.across.x * at.x + mark.across.y * at.y) / 200).toBeCloseTo(1, 3);
  });

  it('is nothing without a centre line', () => {
    expect(startFinishMark({ x: [], y: [] })).toBeUndefined();
  });
});

describe('startFinishEnds', () => {
  const mark = startFinishMark(circle())!;
  const fitted = fitView([circle()], { width: 400, height: 300, padding: 32, rotation: 30, flipHorizontal: true })!;

  it.each([1, 8, 200])('is the asked length on screen, at zoom %p', (scale) => {
    const view = zoomedView(fitted, { scale, x: 0, y: 0 });
    const [p, q] = startFinishEnds(mark, view, 20);
    expect(length(p, q)).toBeCloseTo(20, 6);
  });

  it('is centred on the line and perpendicular to the track on screen, rotated and flipped', () => {
    const [p, q] = startFinishEnds(mark, fitted, 20);
    const { a, b, c, d, e, f } = fitted;
    const centre = { x: a * 200 + e, y: b * 200 + f };
    expect((p.x + q.x) / 2).toBeCloseTo(centre.x, 6);
    expect((p.y + q.y) / 2).toBeCloseTo(centre.y, 6);
    // The direction of travel at (200, 0) is north: (0, 1) in metres.
    const travel = { x: c, y: d };
    expect(((q.x - p.x) * travel.x + (q.y - p.y) * travel.y) / Math.hypot(travel.x, travel.y)).toBeCloseTo(0, 6);
  });
});
