import { EARTH_RADIUS_M, localProjection, projectColumns } from './projection';

describe('local projection', () => {
  const origin = { lat: 52.07, lon: -1.02 };

  it('is the equirectangular formula around the origin', () => {
    const p = localProjection(origin);
    const { x, y } = p.toMetres(52.08, -1.0);
    expect(y).toBeCloseTo((EARTH_RADIUS_M * 0.01 * Math.PI) / 180, 6);
    expect(x).toBeCloseTo(((EARTH_RADIUS_M * 0.02 * Math.PI) / 180) * Math.cos((52.07 * Math.PI) / 180), 6);
  });

  it('inverts exactly', () => {
    const p = localProjection(origin);
    const { x, y } = p.toMetres(52.0712345, -1.0254321);
    const back = p.toLatLon(x, y);
    expect(back.lat).toBeCloseTo(52.0712345, 10);
    expect(back.lon).toBeCloseTo(-1.0254321, 10);
  });

  it('projects columns and keeps NaN', () => {
    const { x, y } = projectColumns([52.07, NaN], [-1.02, -1.02], origin);
    expect(x[0]).toBeCloseTo(0, 9);
    expect(y[0]).toBeCloseTo(0, 9);
    expect(Number.isNaN(y[1])).toBe(true);
  });
});
