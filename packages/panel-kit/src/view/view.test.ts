import { fitView, pixelsPerMetre, toScreen, toWorld, zoomAt, zoomedView, NO_ZOOM, panBy } from './view';

const square = { x: [0, 100, 100, 0], y: [0, 0, 50, 50] };

describe('fitView', () => {
  it('fits the track into the panel with padding, north up, centred', () => {
    const view = fitView([square], { width: 240, height: 240, padding: 20 })!;
    // 100 m wide fills 200 px; 50 m tall is centred vertically.
    expect(pixelsPerMetre(view)).toBeCloseTo(2, 12);
    expect(toScreen(view, 0, 0)).toEqual({ x: 20, y: 170 });
    expect(toScreen(view, 100, 50)).toEqual({ x: 220, y: 70 });
  });

  it('rotates clockwise and refits', () => {
    const view = fitView([square], { width: 240, height: 240, padding: 20, rotation: 90 })!;
    // Turned 90° clockwise the track is 50 wide and 100 tall: 200 px tall, 2 px/m; east now points down.
    const a = toScreen(view, 0, 0);
    const b = toScreen(view, 100, 0);
    expect(b.x - a.x).toBeCloseTo(0, 9);
    expect(b.y - a.y).toBeCloseTo(200, 9);
  });

  it('flips horizontally and vertically', () => {
    const plain = fitView([square], { width: 240, height: 240 })!;
    const flipped = fitView([square], { width: 240, height: 240, flipHorizontal: true, flipVertical: true })!;
    expect(toScreen(flipped, 0, 0).x).toBeCloseTo(toScreen(plain, 100, 0).x, 9);
    expect(toScreen(flipped, 0, 0).y).toBeCloseTo(toScreen(plain, 0, 50).y, 9);
  });

  it('ignores NaN dropouts and says so when there is nothing to fit', () => {
    const withGap = { x: [0, NaN, 100, 100, 0], y: [0, 99999, 0, 50, 50] };
    expect(fitView([withGap], { width: 240, height: 240, padding: 20 })).toEqual(
      fitView([square], { width: 240, height: 240, padding: 20 }),
    );
    expect(fitView([{ x: [NaN], y: [NaN] }], { width: 100, height: 100 })).toBeUndefined();
  });

  it('maps screen back to world exactly', () => {
    const view = fitView([square], { width: 300, height: 200, rotation: 33, flipVertical: true })!;
    const s = toScreen(view, 12.5, 40);
    const w = toWorld(view, s.x, s.y);
    expect(w.x).toBeCloseTo(12.5, 9);
    expect(w.y).toBeCloseTo(40, 9);
  });
});

describe('zoom and pan', () => {
  it('zooms about the pointer, keeping the point under it still', () => {
    const view = fitView([square], { width: 240, height: 240 })!;
    const zoom = zoomAt(NO_ZOOM, 4, 60, 80);
    const under = toWorld(view, 60, 80);
    const after = toScreen(zoomedView(view, zoom), under.x, under.y);
    expect(after.x).toBeCloseTo(60, 9);
    expect(after.y).toBeCloseTo(80, 9);
    expect(pixelsPerMetre(zoomedView(view, zoom))).toBeCloseTo(4 * pixelsPerMetre(view), 9);
  });

  it('never zooms out past the fitted view', () => {
    expect(zoomAt(NO_ZOOM, 0.5, 10, 10)).toEqual(NO_ZOOM);
    expect(zoomAt({ scale: 2, x: -50, y: -50 }, 0.25, 100, 100).scale).toBe(1);
  });

  it('pans by screen pixels', () => {
    expect(panBy({ scale: 3, x: 1, y: 2 }, 10, -5)).toEqual({ scale: 3, x: 11, y: -3 });
  });
});
