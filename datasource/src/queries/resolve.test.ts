import type { Interpolator } from '../template';
import { parseLapNumbers, resolveQuery } from './resolve';

/** Interpolates `$car` as 1 and 7, `$lap` as 2, like a multi-value and a single-value variable. */
const variables: Interpolator = {
  text: (value) => (value ?? '').replace('$session', 'fp2').trim(),
  list: (values) => {
    const entries = typeof values === 'string' ? [values] : (values ?? []);
    return entries
      .flatMap((entry) => entry.replace('$car', '1,7').replace('$lap', '2').split(','))
      .map((entry) => entry.trim())
      .filter(Boolean);
  },
};

describe('resolveQuery', () => {
  it('fills in the defaults: telemetry, live, the default session, every car and channel', () => {
    expect(resolveQuery({ refId: 'A' }, 'quali', variables)).toEqual({
      refId: 'A',
      queryType: 'telemetry',
      mode: 'live',
      session: 'quali',
      lapPosition: false,
      colourByCar: false,
    });
    expect(resolveQuery({ refId: 'A' }, '', variables).session).toBe('live');
  });

  it('expands variables in every field', () => {
    const resolved = resolveQuery(
      { refId: 'A', mode: 'history', session: '$session', cars: ['$car', '22'], lapChoice: 'laps', laps: '$lap, 5' },
      '',
      variables,
    );
    expect(resolved).toMatchObject({ session: 'fp2', cars: ['1', '7', '22'], laps: [2, 5] });
  });

  it('reads "all" from an All variable value', () => {
    expect(resolveQuery({ refId: 'A', cars: ['*'] }, '', variables).cars).toBeUndefined();
  });

  it('chooses laps only for history telemetry', () => {
    const history = { refId: 'A', mode: 'history' as const };
    expect(resolveQuery({ ...history, lapChoice: 'best' }, '', variables).laps).toBe('best');
    expect(resolveQuery({ ...history, lapChoice: 'last', lastLaps: 3 }, '', variables).laps).toEqual({ last: 3 });
    expect(resolveQuery({ ...history, lapChoice: 'range' }, '', variables).laps).toBeUndefined();
    expect(resolveQuery({ refId: 'A', mode: 'live', lapChoice: 'best' }, '', variables).laps).toBeUndefined();
    expect(() => resolveQuery({ ...history, lapChoice: 'laps', laps: '' }, '', variables)).toThrow('Choose the laps');
  });

  it('takes laps counted from 0, as loggers count them, and refuses what is not a lap number', () => {
    expect(parseLapNumbers(['0', '3', '12'])).toEqual([0, 3, 12]);
    expect(() => parseLapNumbers(['3', 'x'])).toThrow('Laps are whole numbers from 0; "x" is not one.');
    expect(() => parseLapNumbers(['-1'])).toThrow('"-1" is not one');
    expect(() => parseLapNumbers(['1.5'])).toThrow('"1.5" is not one');
  });

  it('asks for the lap position and car colours only when the query does', () => {
    expect(resolveQuery({ refId: 'A', lapPosition: true, colourByCar: true }, '', variables)).toMatchObject({
      lapPosition: true,
      colourByCar: true,
    });
  });
});
