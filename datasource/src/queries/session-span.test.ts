import { sessionOutsideRange, utcSeconds } from './session-span';

describe('sessionOutsideRange', () => {
  const session = {
    id: 'sebring-fp2',
    startTime: Date.UTC(2026, 2, 14, 13, 2, 7, 450),
    endTime: Date.UTC(2026, 2, 14, 13, 47, 0),
  };

  it.each([
    ['ends before the session', { from: session.startTime - 20_000, to: session.startTime - 1 }],
    ['starts after its last sample', { from: session.endTime + 1, to: session.endTime + 20_000 }],
  ])('says when a finished session ran if the range %s', (_, range) => {
    expect(sessionOutsideRange(session, range)?.text).toBe(
      'The time range holds none of session sebring-fp2: it ran from 2026-03-14 13:02:07 UTC to 2026-03-14 13:47:00 UTC. ' +
        'Set the time range to the session to see it.',
    );
  });

  it('says nothing for a range that reaches the session, even by one millisecond', () => {
    expect(sessionOutsideRange(session, { from: 0, to: session.startTime })).toBeUndefined();
    expect(sessionOutsideRange(session, { from: session.endTime, to: session.endTime + 1 })).toBeUndefined();
  });

  it('takes a session still running as reaching to now', () => {
    const live = { id: 'live-1', startTime: session.startTime };
    expect(sessionOutsideRange(live, { from: session.endTime + 1, to: session.endTime + 20_000 })).toBeUndefined();
    expect(sessionOutsideRange(live, { from: 0, to: 1 })?.text).toContain('it started at 2026-03-14 13:02:07 UTC.');
  });

  it('writes UTC to the second', () =>
    expect(utcSeconds(Date.UTC(2026, 0, 2, 3, 4, 5, 999))).toBe('2026-01-02 03:04:05 UTC'));
});
