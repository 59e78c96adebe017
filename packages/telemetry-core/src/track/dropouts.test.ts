import { localProjection } from './projection';
import { cleanTrace, isGpsDropout, projectGpsTrace, robustGeoCentre } from './dropouts';

/** A 1 km circle sampled at 100 Hz at 50 m/s: 0.5 m between samples. */
function circle(n: number, radius = 160) {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = (i * 0.5) / radius;
    x[i] = radius * Math.cos(t);
    y[i] = radius * Math.sin(t);
    time[i] = 1_700_000_000_000 + i * 10;
  }
  return { x, y, time };
}

const nanIndices = (values: Float64Array) => [...values.keys()].filter((i) => Number.isNaN(values[i]));

describe('GPS dropouts', () => {
  it('treats 0,0, NaN and out-of-range fixes as dropouts, and nothing else', () => {
    expect(isGpsDropout(0, 0)).toBe(true);
    expect(isGpsDropout(NaN, 1)).toBe(true);
    expect(isGpsDropout(91, 1)).toBe(true);
    expect(isGpsDropout(1, -181)).toBe(true);
    expect(isGpsDropout(0, 1)).toBe(false); // the equator is a real place
    expect(isGpsDropout(52.07, -1.02)).toBe(false);
  });

  it('centres the projection on the median fix, which null island cannot move', () => {
    const lat = [52.07, 52.071, 0, 52.072, 0, 0];
    const lon = [-1.02, -1.021, 0, -1.022, 0, 0];
    expect(robustGeoCentre(lat, lon)).toEqual({ lat: 52.071, lon: -1.021 });
    expect(robustGeoCentre([0, NaN], [0, 1])).toBeUndefined();
  });

  it('projects fixes to metres with every dropout as NaN', () => {
    const origin = { lat: 52.07, lon: -1.02 };
    const { x, y } = projectGpsTrace([52.07, 0, 52.08], [-1.02, 0, -1.0], origin);
    expect(x[0]).toBe(0);
    expect(y[0]).toBe(0);
    expect(nanIndices(x)).toEqual([1]);
    expect(y[2]).toBeCloseTo(localProjection(origin).toMetres(52.08, -1.0).y, 9);
  });
});

describe('cleanTrace', () => {
  it('keeps a clean trace as it is, with no breaks', () => {
    const { x, y, time } = circle(2000);
    const clean = cleanTrace(x, y, time);
    expect(clean.dropped).toBe(0);
    expect(Array.from(clean.x)).toEqual(Array.from(x));
    expect(clean.breakBefore.every((b) => b === 0)).toBe(true);
  });

  it('drops a projected null-island sample thousands of km away, and breaks the line around it', () => {
    const { x, y, time } = circle(1000);
    x[500] = 3_500_000; // where 0,0 lands when projected around a track in England
    y[500] = -5_800_000;
    const clean = cleanTrace(x, y, time);
    expect(nanIndices(clean.x)).toEqual([500]);
    expect(clean.breakBefore[501]).toBe(1);
    expect(clean.dropped).toBe(1);
  });

  it('drops a wild fix 300 m off the line that is near the track in absolute terms', () => {
    const { x, y, time } = circle(1000);
    x[300] += 300;
    x[301] += 300;
    const clean = cleanTrace(x, y, time);
    expect(nanIndices(clean.x)).toEqual([300, 301]);
  });

  it('keeps NaNs out, and breaks the line across a time gap', () => {
    const { x, y, time } = circle(100);
    x[10] = NaN;
    for (let i = 50; i < 100; i++) time[i] += 5000; // 5 s with no data; the car moved 0.5 m: still a gap
    const clean = cleanTrace(x, y, time);
    expect(nanIndices(clean.x)).toEqual([10]);
    expect([...clean.breakBefore.keys()].filter((i) => clean.breakBefore[i])).toEqual([11, 50]);
  });

  it('trusts a new position after enough consistent samples (the data resumed elsewhere)', () => {
    const { x, y, time } = circle(200);
    for (let i = 100; i < 200; i++) x[i] += 500; // the car reappears 500 m away, 10 ms later
    const clean = cleanTrace(x, y, time, { reanchorSamples: 5 });
    expect(clean.dropped).toBe(0);
    expect(clean.breakBefore[100]).toBe(1);
  });
});
