import { bestValidLap } from '../laps/validity';
/** Which lap a lap is compared against: the choices a race engineer makes, and the rules for "best". */

/**
 * - `session-best`: the fastest valid lap of any car in the session;
 * - `car-best`: the fastest valid lap of the car being analysed;
 * - `previous`: the lap before the one being analysed;
 * - `lap`: a chosen lap of the same car; `car-lap`: a chosen lap of another car; `session-lap`: a chosen lap of a car
 *   in another session.
 */
export type ReferenceChoice = 'session-best' | 'car-best' | 'previous' | 'lap' | 'car-lap' | 'session-lap';

export const REFERENCE_CHOICES: readonly ReferenceChoice[] = [
  'session-best',
  'car-best',
  'previous',
  'lap',
  'car-lap',
  'session-lap',
];

/** A lap that could be the reference: from the laps table, or found in the samples. */
export interface ReferenceCandidate {
  car: string;
  lap: number;
  /** Session id; undefined: the session being analysed. */
  session?: string;
  /** Seconds; undefined while in progress. */
  lapTime?: number;
  /** False for out, in, pit and incomplete laps: never a "best". */
  valid: boolean;
}

export interface ReferenceRequest {
  choice: ReferenceChoice;
  /** The car and lap being analysed (the newest compared lap, for `previous`). */
  car?: string;
  lap?: number;
  /** `car-lap` and `session-lap`: the reference car (default: the analysed car). */
  referenceCar?: string;
  /** `lap`, `car-lap`, `session-lap`: the reference lap number. */
  referenceLap?: number;
  /** `session-lap`: the reference session. */
  referenceSession?: string;
  /** The session being analysed; candidates whose session is another are only taken by `session-lap`. */
  session?: string;
}

/** The lap the request names, found or not: `flagged` when an invalid lap was chosen explicitly. */
export type ReferenceOutcome =
  { kind: 'found'; reference: ReferenceCandidate; flagged: boolean } | { kind: 'missing'; wanted: string };

/**
 * The reference lap for a request among the candidates. "Best" picks only valid laps with a lap time; an explicitly
 * chosen lap is taken even when invalid, and then flagged. `missing` names the lap that was asked for.
 */
export function chooseReference(
  candidates: readonly ReferenceCandidate[],
  request: ReferenceRequest,
): ReferenceOutcome {
  const inSession = (c: ReferenceCandidate) =>
    c.session === undefined || request.session === undefined || c.session === request.session;
  const found = (reference: ReferenceCandidate | undefined, wanted: string): ReferenceOutcome =>
    reference ? { kind: 'found', reference, flagged: !reference.valid } : { kind: 'missing', wanted };
  const car = request.car;
  const pick = (wantedCar: string | undefined, lap: number | undefined, session?: string) =>
    candidates.find(
      (c) =>
        c.lap === lap &&
        (wantedCar === undefined || c.car === wantedCar) &&
        (session === undefined ? inSession(c) : c.session === session),
    );
  switch (request.choice) {
    case 'session-best':
      return found(bestValidLap(candidates.filter(inSession)), 'the session’s best valid lap');
    case 'car-best':
      return found(
        bestValidLap(candidates.filter((c) => inSession(c) && (car === undefined || c.car === car))),
        car === undefined ? 'the best valid lap' : `car ${car}’s best valid lap`,
      );
    case 'previous': {
      if (request.lap === undefined) return { kind: 'missing', wanted: 'the previous lap' };
      const lap = request.lap - 1;
      return found(pick(car, lap), `lap ${lap}${car === undefined ? '' : ` of car ${car}`} (the previous lap)`);
    }
    case 'lap':
      return found(pick(car, request.referenceLap), describe(car, request.referenceLap));
    case 'car-lap': {
      const refCar = request.referenceCar || car;
      return found(pick(refCar, request.referenceLap), describe(refCar, request.referenceLap));
    }
    case 'session-lap': {
      const refCar = request.referenceCar || car;
      const session = request.referenceSession || undefined;
      const wanted = `${describe(refCar, request.referenceLap)}${session ? ` in session ${session}` : ''}`;
      return found(pick(refCar, request.referenceLap, session), wanted);
    }
  }
}

function describe(car: string | undefined, lap: number | undefined): string {
  const what = lap === undefined || Number.isNaN(lap) ? 'the chosen lap (no lap number given)' : `lap ${lap}`;
  return car === undefined ? what : `${what} of car ${car}`;
}
