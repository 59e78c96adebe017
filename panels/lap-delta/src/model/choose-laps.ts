/** Which laps the panel draws: the reference chosen among every lap known, and the first query's laps against it. */
import { chooseReference, type ReferenceCandidate } from '@eracing/telemetry-core/delta';

import type { PanelData } from '../data/frames';
import { sameSession } from './laps-in-data';
import type { ViewLap, ViewMessage, ViewRequest } from './types';

/** Most laps drawn against the reference at once. */
const MAX_COMPARED = 10;

export interface ChosenLaps {
  /** The first query's newest lap (of its first car): the analysed car and, for "previous", the lap after. */
  primary: ViewLap;
  reference: ViewLap;
  /** The reference is an invalid lap, chosen explicitly. */
  flagged: boolean;
  compared: ViewLap[];
}

/** Why there is nothing to draw, when the frames hold no telemetry or no lap that starts at the line. */
export function noLapsMessage(data: PanelData): ViewMessage {
  if (data.cars.length === 0) {
    const found = data.otherFrames.length
      ? ` Found: ${data.otherFrames.join('; ')}.`
      : ' The query returned no frames.';
    return {
      kind: 'message',
      title: 'No laps',
      text: `This panel needs telemetry frames with time, lap and lap_distance (or speed) fields (a telemetry query of the eRacing datasource).${found}`,
    };
  }
  const odometer = data.cars.every((car) => car.distanceKind === 'odometer');
  return {
    kind: 'message',
    title: 'No laps',
    text: odometer
      ? 'The frames have no lap_distance field, so their distance comes from speed and the laps table places the line: add a laps query for these cars.'
      : 'The frames have lap and lap_distance fields but no lap that starts at the line: query whole laps (history, by lap).',
  };
}

/** The reference and the laps compared with it, labelled; or a message saying which lap is missing. */
export function chooseLaps(data: PanelData, laps: ViewLap[], request: ViewRequest): ChosenLaps | ViewMessage {
  // The first query's laps are the ones compared; other queries bring reference laps.
  const first = data.cars[0];
  const pool = laps.filter((l) => l.refId === first.refId);
  const primary = newest(pool.filter((l) => l.car === first.car)) ?? newest(pool) ?? laps[0];
  const outcome = chooseReference(referenceCandidates(data, laps), {
    choice: request.reference,
    car: primary.car,
    lap: primary.lap,
    session: primary.session,
    referenceCar: request.referenceCar,
    referenceLap: request.referenceLap,
    referenceSession: request.referenceSession,
  });
  if (outcome.kind === 'missing') {
    return {
      kind: 'message',
      title: 'Reference lap missing',
      text: `No ${outcome.wanted} in the data. Choose another reference, or add the lap to the queries.`,
    };
  }
  const wanted = outcome.reference;
  const reference = laps.find(
    (l) => l.car === wanted.car && l.lap === wanted.lap && sameSession(l.session, wanted.session),
  );
  if (!reference) return noSamplesMessage(wanted, primary, request);
  const others = pool.filter((l) => l.key !== reference.key);
  const latest = primary.key === reference.key ? [] : [primary];
  const compared = (request.compare === 'latest' ? latest : others).slice(-MAX_COMPARED);
  if (compared.length === 0) {
    return {
      kind: 'message',
      title: 'Only one lap',
      text:
        `The only lap to compare is the reference itself, lap ${reference.lap} of car ${reference.car}: ` +
        'choose another lap or another reference (the laps of the first query are compared).',
    };
  }
  labelLaps([reference, ...compared]);
  return { primary, reference, flagged: outcome.flagged, compared };
}

/** Every lap of the laps table, and the laps in the samples the table does not have. */
function referenceCandidates(data: PanelData, laps: ViewLap[]): ReferenceCandidate[] {
  const candidates: ReferenceCandidate[] = data.laps.map((row) => ({
    car: row.car,
    lap: row.lap,
    session: row.session,
    lapTime: row.lapTime,
    valid: row.valid,
  }));
  for (const lap of laps) {
    if (!data.laps.some((row) => row.car === lap.car && row.lap === lap.lap && sameSession(row.session, lap.session))) {
      candidates.push({ car: lap.car, lap: lap.lap, session: lap.session, lapTime: lap.lapTime, valid: lap.valid });
    }
  }
  return candidates;
}

function noSamplesMessage(wanted: ReferenceCandidate, primary: ViewLap, request: ViewRequest): ViewMessage {
  const how =
    request.reference === 'previous'
      ? `choose lap ${wanted.lap} as well as lap ${primary.lap} in the first query's laps (a lap variable may hold ` +
        'several), or add a history query of the last completed lap (lap choice "last", 1).'
      : 'add a telemetry query for that lap (history, lap choice "best" or its number).';
  return {
    kind: 'message',
    title: 'Reference lap missing',
    text:
      `The reference is lap ${wanted.lap} of car ${wanted.car}${wanted.session ? ` (session ${wanted.session})` : ''}, ` +
      `but the panel has no samples of it: ${how}`,
  };
}

function newest(laps: ViewLap[]): ViewLap | undefined {
  return laps.reduce<ViewLap | undefined>((a, b) => (!a || b.lap > a.lap ? b : a), undefined);
}

/** "Lap 7" when every lap drawn is of one car and session, else "Car 7 · lap 7" (and the session when they differ). */
function labelLaps(laps: ViewLap[]): void {
  const cars = new Set(laps.map((l) => l.car)).size;
  const sessions = new Set(laps.map((l) => l.session ?? '')).size;
  for (const lap of laps) {
    let label = cars > 1 || sessions > 1 ? `Car ${lap.car} · lap ${lap.lap}` : `Lap ${lap.lap}`;
    if (sessions > 1 && lap.session) label += ` (${lap.session})`;
    lap.label = label;
  }
}
