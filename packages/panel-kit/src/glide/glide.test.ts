import { firstAtOrAfter } from '@eracing/telemetry-core/channels';
import { glidePosition, indexNearestTime, nextGlide } from './glide';

describe('time search', () => {
  const time = [10, 20, 30, 40];
  it('finds the first sample at or after a time', () => {
    expect([5, 10, 11, 40, 41].map((t) => firstAtOrAfter(time, t))).toEqual([0, 0, 1, 3, 4]);
  });
  it('finds the nearest sample', () => {
    expect([0, 14, 16, 25, 99].map((t) => indexNearestTime(time, t))).toEqual([0, 0, 1, 1, 3]);
    expect(indexNearestTime([], 5)).toBe(-1);
  });
});

describe('glide', () => {
  it('starts in place, then glides linearly over the update interval and settles', () => {
    const first = nextGlide(undefined, 0, 0, 1000);
    expect(glidePosition(first, 1000)).toEqual({ x: 0, y: 0, settled: true });
    const second = nextGlide(first, 10, 20, 1033);
    expect(second.duration).toBe(33);
    const half = glidePosition(second, 1033 + 16.5);
    expect(half.x).toBeCloseTo(5, 9);
    expect(half.y).toBeCloseTo(10, 9);
    expect(half.settled).toBe(false);
    expect(glidePosition(second, 1066)).toEqual({ x: 10, y: 20, settled: true });
  });

  it('continues from where the marker is when an update arrives mid-glide', () => {
    const a = { fromX: 0, fromY: 0, toX: 10, toY: 0, startedAt: 0, duration: 100 };
    const b = nextGlide(a, 20, 0, 50);
    expect(b.fromX).toBe(5);
    expect(b.toX).toBe(20);
  });

  it('snaps instead of gliding across a jump (a car out of the pits, a new session)', () => {
    const a = nextGlide(undefined, 0, 0, 0);
    const b = nextGlide(a, 1000, 0, 30);
    expect(glidePosition(b, 31)).toEqual({ x: 1000, y: 0, settled: true });
  });
});
