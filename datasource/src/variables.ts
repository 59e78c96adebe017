/**
 * Dashboard variables from the server. The query is a short text:
 *   sessions                    every session (value: id, text: name)
 *   cars(<session>)             the session's cars (value: number, text: "7 — A. Moreau (Voltline)")
 *   laps(<session>, <car>)      the car's laps (value: lap, text: "Lap 7 — 1:31.695", "(invalid: out-lap)")
 *   channels(<session>)         the session's channels (value: name, text: "Speed (km/h)")
 * Arguments may be left out (`cars`, `laps()`: the default session, every car) and may be variables.
 */
import { bestValidLap, formatLapTime } from '@eracing/telemetry-core/laps';
import { type LapRecord } from '@eracing/telemetry-core/protocol';
import type { MetricFindValue } from '@grafana/data';

import type { Catalog } from './catalog';
import { describeLapFlags } from './lap-time';

export const VARIABLE_QUERY_HELP =
  'Use sessions, cars(<session>), laps(<session>, <car>) or channels(<session>); arguments are optional.';

export type VariableQuery =
  | { kind: 'sessions' }
  | { kind: 'cars' | 'channels'; session?: string }
  | { kind: 'laps'; session?: string; cars?: string[] };

const SHAPE = /^\s*(sessions|cars|laps|channels)\s*(?:\(([^)]*)\))?\s*$/i;

export function parseVariableQuery(text: string): VariableQuery {
  const match = SHAPE.exec(text);
  if (!match) throw new Error(`Unknown variable query "${text.trim()}". ${VARIABLE_QUERY_HELP}`);
  const kind = match[1].toLowerCase() as VariableQuery['kind'];
  const args = (match[2] ?? '').split(',').map((arg) => arg.trim());
  const session = args[0] || undefined;
  if (kind === 'sessions') return { kind };
  if (kind === 'laps') {
    const cars = args.slice(1).filter((car) => car !== '' && car !== '*');
    return cars.length ? { kind, session, cars } : { kind, session };
  }
  return { kind, session };
}

export function lapText(lap: LapRecord): string {
  // A lap with an end but no time was cut by the recording (or a gap): it is over, not in progress.
  const time =
    lap.lapTime !== undefined ? formatLapTime(lap.lapTime) : lap.endTime === undefined ? 'in progress' : 'incomplete';
  const why = describeLapFlags(lap.flags);
  return `Lap ${lap.lap} — ${time}${!lap.valid && lap.endTime !== undefined && why ? ` (invalid: ${why})` : ''}`;
}

function lapValues(laps: readonly LapRecord[], cars: string[] | undefined): MetricFindValue[] {
  const chosen = cars ? laps.filter((lap) => cars.includes(lap.car)) : laps;
  const carsSeen = new Set(chosen.map((lap) => lap.car));
  if (carsSeen.size === 1) {
    // The best valid lap first: Grafana opens a variable on its first value, and lap 1 is usually the out-lap.
    const best = bestValidLap(chosen.filter((lap) => lap.endTime !== undefined));
    const inOrder = [...chosen].sort((a, b) => a.lap - b.lap);
    return (best ? [best, ...inOrder.filter((lap) => lap !== best)] : inOrder).map((lap) => ({
      text: `${lapText(lap)}${lap === best ? ' (best)' : ''}`,
      value: lap.lap,
    }));
  }
  const numbers = [...new Set(chosen.map((lap) => lap.lap))].sort((a, b) => a - b);
  return numbers.map((lap) => ({ text: `Lap ${lap}`, value: lap }));
}

/** The variable values of a parsed query, read from the catalog of its session. */
export function variableValues(query: VariableQuery, catalog: Catalog): MetricFindValue[] {
  switch (query.kind) {
    case 'sessions':
      return catalog.sessions.map((session) => ({ text: session.name, value: session.id }));
    case 'cars':
      return catalog.session.cars.map((car) => ({
        text: `${car.id} — ${car.driver}${car.team.trim() ? ` (${car.team})` : ''}`,
        value: car.id,
      }));
    case 'channels':
      return catalog.session.channels.map((channel) => ({
        text: channel.unit ? `${channel.displayName} (${channel.unit})` : channel.displayName,
        value: channel.name,
      }));
    case 'laps':
      return lapValues(catalog.session.laps, query.cars);
  }
}
