import { cursorPayload, readCursor } from './cursor';

describe('cursor payload', () => {
  it('round-trips through a hover payload and ignores junk', () => {
    const payload = cursorPayload({ time: 1000, car: '7', lap: 3, lapDistance: 812.5 });
    expect(readCursor(payload)).toEqual({ time: 1000, car: '7', lap: 3, lapDistance: 812.5 });
    // Grafana's DataHoverPayload.point holds numbers only.
    expect(Object.values(payload.point).every((value) => typeof value === 'number')).toBe(true);
    expect(readCursor({ point: { time: 'soon' } })).toBeUndefined();
    expect(readCursor({ point: { time: 5, lap: NaN } })).toEqual({ time: 5 });
    expect(readCursor(undefined)).toBeUndefined();
  });
});
