/** @jest-environment jsdom */
import type { LapRecord } from '@eracing/telemetry-core/protocol';

import type { Catalog } from './catalog';
import { lapText, parseVariableQuery, variableValues } from './variables';

const clean = { outLap: false, inLap: false, pit: false, incomplete: false };

function lap(car: string, number: number, lapTime: number | undefined, flags = clean): LapRecord {
  const valid = !Object.values(flags).some(Boolean) && lapTime !== undefined;
  return {
    car,
    lap: number,
    startTime: 1000 * number,
    ...(lapTime === undefined ? {} : { endTime: 1000 * number + lapTime * 1000, lapTime }),
    sectorTimes: [],
    valid,
    flags,
    energyUsed: 0,
    energyRegen: 0,
  };
}

const catalog = {
  type: 'catalog',
  id: 'c',
  sessions: [{ id: 'fp2', name: 'FP2' }],
  session: {
    id: 'fp2',
    cars: [{ id: '7', number: 7, driver: 'A. Moreau', team: 'Voltline', colour: '#f032e6' }],
    channels: [
      { name: 'speed', displayName: 'Speed', unit: 'km/h' },
      { name: 'gear', displayName: 'Gear', unit: '' },
    ],
    laps: [
      lap('7', 1, 105.12, { ...clean, outLap: true, pit: true }),
      lap('7', 2, 91.69475),
      lap('11', 2, 92.5),
      lap('7', 3, 91.8),
      lap('7', 4, undefined, { ...clean, incomplete: true }),
    ],
  },
} as unknown as Catalog;

describe('variable queries', () => {
  it('parses the four queries, with or without arguments', () => {
    expect(parseVariableQuery('sessions')).toEqual({ kind: 'sessions' });
    expect(parseVariableQuery(' cars ')).toEqual({ kind: 'cars', session: undefined });
    expect(parseVariableQuery('channels(fp2)')).toEqual({ kind: 'channels', session: 'fp2' });
    expect(parseVariableQuery('laps(fp2, 7,11)')).toEqual({ kind: 'laps', session: 'fp2', cars: ['7', '11'] });
    expect(parseVariableQuery('laps(, 7)')).toEqual({ kind: 'laps', session: undefined, cars: ['7'] });
    expect(() => parseVariableQuery('drivers(fp2)')).toThrow(
      'Unknown variable query "drivers(fp2)". Use sessions, cars(<session>), laps(<session>, <car>) or channels(<session>); arguments are optional.',
    );
  });

  it('lists one car’s laps with lap time and validity, the best valid lap first (the default value)', () => {
    expect(variableValues({ kind: 'laps', cars: ['7'] }, catalog)).toEqual([
      { text: 'Lap 2 — 1:31.695 (best)', value: 2 },
      { text: 'Lap 1 — 1:45.120 (invalid: out-lap, pit)', value: 1 },
      { text: 'Lap 3 — 1:31.800', value: 3 },
      { text: 'Lap 4 — in progress', value: 4 },
    ]);
  });

  it('lists the lap numbers of several cars once', () => {
    expect(variableValues({ kind: 'laps' }, catalog)).toEqual(
      [1, 2, 3, 4].map((n) => ({ text: `Lap ${n}`, value: n })),
    );
  });

  it('names cars by driver and team, channels with their unit', () => {
    expect(variableValues({ kind: 'cars' }, catalog)).toEqual([{ text: '7 — A. Moreau (Voltline)', value: '7' }]);
    expect(variableValues({ kind: 'channels' }, catalog)).toEqual([
      { text: 'Speed (km/h)', value: 'speed' },
      { text: 'Gear', value: 'gear' },
    ]);
    expect(variableValues({ kind: 'sessions' }, catalog)).toEqual([{ text: 'FP2', value: 'fp2' }]);
  });

  it('does not call a lap in progress invalid', () => {
    expect(lapText(lap('7', 9, undefined, { ...clean, incomplete: true }))).toBe('Lap 9 — in progress');
  });

  it('calls a lap of a finished recording that has an end but no time incomplete, not in progress', () => {
    const cut = { ...lap('7', 0, undefined, { ...clean, incomplete: true }), endTime: 5000 };
    expect(lapText(cut)).toBe('Lap 0 — incomplete (invalid: incomplete)');
  });

  it('leaves out the team of a car that has none, not an empty "()"', () => {
    const noTeam = {
      ...catalog,
      session: { ...catalog.session, cars: [{ id: '1', number: 1, driver: 'Car 1', team: '', colour: '#fff' }] },
    } as Catalog;
    expect(variableValues({ kind: 'cars' }, noTeam)).toEqual([{ text: '1 — Car 1', value: '1' }]);
  });
});
