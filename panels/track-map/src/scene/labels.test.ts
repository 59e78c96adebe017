import { fitView, type ViewTransform } from '@eracing/panel-kit/view';
import { type Point } from '@eracing/telemetry-core/protocol';

import { labelCentre, labelSide, MARKER_RADIUS } from './labels';

/**
 * A stadium circuit driven anticlockwise: two 400 m straights joined by 40 m-radius hairpins centred on (±200, 0),
 * a point every metre.
 */
function stadium(): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  const at = (px: number, py: number) => {
    x.push(px);
    y.push(py);
  };
  for (let s = -200; s < 200; s++) at(s, -40); // eastwards along the bottom
  for (let t = 0; t < Math.PI; t += 1 / 40) at(200 + 40 * Math.sin(t), -40 * Math.cos(t));
  for (let s = 200; s > -200; s--) at(s, 40); // westwards along the top
  for (let t = 0; t < Math.PI; t += 1 / 40) at(-200 - 40 * Math.sin(t), 40 * Math.cos(t));
  return { x, y };
}

const EAST_APEX = { x: 240, y: 0 };
const WEST_APEX = { x: -240, y: 0 };
const size = { width: 20, height: 14 };
const views: Array<[string, ViewTransform]> = [
  ['north up', fitView([stadium()], { width: 600, height: 300, padding: 32 })!],
  ['rotated 90° and flipped', fitView([stadium()], { width: 600, height: 300, rotation: 90, flipVertical: true })!],
];
const toScreen = (v: ViewTransform, p: Point) => ({ x: v.a * p.x + v.c * p.y + v.e, y: v.b * p.x + v.d * p.y + v.f });

describe('labelSide', () => {
  it('points from the hairpin’s centre through its apex', () => {
    const east = labelSide(stadium(), EAST_APEX)!;
    expect(east.x).toBeCloseTo(1, 2);
    expect(Math.abs(east.y)).toBeLessThan(0.05);
    const west = labelSide(stadium(), WEST_APEX)!;
    expect(west.x).toBeCloseTo(-1, 2);
  });

  it('uses the apex nearest on the centre line when the given apex is off it', () => {
    expect(labelSide(stadium(), { x: 236, y: 1 })!.x).toBeCloseTo(1, 2);
  });

  it('on a straight, takes the side from the corner’s direction: the outside of a left-hander is on the right', () => {
    const straight = { x: [0, 10, 20, 30, 40, 50, 60], y: [0, 0, 0, 0, 0, 0.001, 0] }; // eastwards, mm of noise
    expect(labelSide(straight, { x: 30, y: 0 }, 'left')).toEqual({ x: 0, y: -1 });
    expect(labelSide(straight, { x: 30, y: 0 }, 'right')).toEqual({ x: -0, y: 1 });
  });

  it('on a straight with no direction to go by (a sector start), puts the label left of travel', () => {
    const northwards = { x: [0, 0, 0, 0, 0, 0, 0], y: [0, 10, 20, 30, 40, 50, 60] };
    expect(labelSide(northwards, { x: 0, y: 30 })).toEqual({ x: -1, y: 0 });
    // On the stadium's bottom straight, driven eastwards: left is north, into the infield.
    expect(labelSide(stadium(), { x: 0, y: -40 })).toEqual({ x: -0, y: 1 });
  });

  it('is nothing without a centre line', () => {
    expect(labelSide({ x: [], y: [] }, { x: 0, y: 0 })).toBeUndefined();
  });
});

describe('labelCentre', () => {
  it.each(views)('puts a corner label off the track on the outside of the bend (%s)', (_, view) => {
    for (const apex of [EAST_APEX, WEST_APEX]) {
      const trackWidth = 14;
      const at = labelCentre(apex, labelSide(stadium(), apex), view, trackWidth, size);
      const apexOnScreen = toScreen(view, apex);
      const bendCentre = toScreen(view, { x: Math.sign(apex.x) * 200, y: 0 });
      // Farther from the bend's centre than the apex is.
      expect(Math.hypot(at.x - bendCentre.x, at.y - bendCentre.y)).toBeGreaterThan(
        Math.hypot(apexOnScreen.x - bendCentre.x, apexOnScreen.y - bendCentre.y),
      );
      // The label's box, at its nearest to the apex, is clear of a marker on the track's edge.
      const nearest = {
        x: Math.min(Math.max(apexOnScreen.x, at.x - size.width / 2), at.x + size.width / 2),
        y: Math.min(Math.max(apexOnScreen.y, at.y - size.height / 2), at.y + size.height / 2),
      };
      const fromApex = Math.hypot(nearest.x - apexOnScreen.x, nearest.y - apexOnScreen.y);
      expect(fromApex).toBeGreaterThan(trackWidth / 2 + MARKER_RADIUS);
    }
  });

  it('goes farther out as the drawn track widens', () => {
    const view = views[0][1];
    const outside = labelSide(stadium(), EAST_APEX);
    const narrow = labelCentre(EAST_APEX, outside, view, 6, size);
    const wide = labelCentre(EAST_APEX, outside, view, 14, size);
    expect(wide.x - narrow.x).toBeCloseTo(4, 3);
  });

  it('without an outside, sits above the apex, clear of the track', () => {
    const view = views[0][1];
    const at = labelCentre(EAST_APEX, undefined, view, 10, size);
    const apex = toScreen(view, EAST_APEX);
    expect(at.x).toBeCloseTo(apex.x, 6);
    expect(apex.y - at.y - size.height / 2).toBeGreaterThan(5 + MARKER_RADIUS);
  });
});
