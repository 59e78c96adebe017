import { chooseReference, type ReferenceCandidate } from './reference';

const lap = (
  car: string,
  n: number,
  lapTime: number | undefined,
  valid = true,
  session?: string,
): ReferenceCandidate => ({
  car,
  lap: n,
  lapTime,
  valid,
  session,
});

const laps = [
  lap('7', 1, 95.2, false), // out lap
  lap('7', 2, 91.9),
  lap('7', 3, 90.1, false), // fastest, but cut the track
  lap('7', 4, 91.2),
  lap('7', 5, undefined, false), // in progress
  lap('12', 3, 90.8),
  lap('12', 4, 92.0),
  lap('12', 2, 89.0, true, 'fp1'), // another session
];

describe('chooseReference', () => {
  it('takes the session’s fastest valid lap, never an invalid one, nor one of another session', () => {
    expect(chooseReference(laps, { choice: 'session-best', session: 'race' })).toEqual({
      kind: 'found',
      reference: laps[5],
      flagged: false,
    });
  });

  it('takes the car’s fastest valid lap', () => {
    const outcome = chooseReference(laps, { choice: 'car-best', car: '7' });
    expect(outcome).toEqual({ kind: 'found', reference: laps[3], flagged: false });
  });

  it('takes the previous lap of the analysed one, flagged when it is invalid', () => {
    expect(chooseReference(laps, { choice: 'previous', car: '7', lap: 5 })).toEqual({
      kind: 'found',
      reference: laps[3],
      flagged: false,
    });
    expect(chooseReference(laps, { choice: 'previous', car: '7', lap: 4 })).toEqual({
      kind: 'found',
      reference: laps[2],
      flagged: true,
    });
  });

  it('takes a chosen lap even when invalid, and flags it', () => {
    expect(chooseReference(laps, { choice: 'lap', car: '7', referenceLap: 1 })).toEqual({
      kind: 'found',
      reference: laps[0],
      flagged: true,
    });
  });

  it('takes a chosen lap of another car, and of another session', () => {
    expect(chooseReference(laps, { choice: 'car-lap', car: '7', referenceCar: '12', referenceLap: 4 })).toMatchObject({
      reference: laps[6],
    });
    expect(
      chooseReference(laps, {
        choice: 'session-lap',
        car: '7',
        session: 'race',
        referenceCar: '12',
        referenceLap: 2,
        referenceSession: 'fp1',
      }),
    ).toMatchObject({ reference: laps[7] });
  });

  it('says which lap is missing', () => {
    expect(chooseReference(laps, { choice: 'lap', car: '7', referenceLap: 9 })).toEqual({
      kind: 'missing',
      wanted: 'lap 9 of car 7',
    });
    expect(chooseReference([laps[0]], { choice: 'car-best', car: '7' })).toEqual({
      kind: 'missing',
      wanted: 'car 7’s best valid lap',
    });
    expect(chooseReference(laps, { choice: 'car-lap', car: '7', referenceCar: '3', referenceLap: 2 })).toEqual({
      kind: 'missing',
      wanted: 'lap 2 of car 3',
    });
  });
});
