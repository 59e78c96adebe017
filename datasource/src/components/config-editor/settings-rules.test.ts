import { connectionModeOf, defaultSessionOf, positiveOrNothing, sessionChoiceOf } from './settings-rules';

describe('settings rules', () => {
  it('offers a default session as live, latest or a named one', () => {
    expect([undefined, '', 'live', 'latest', 'fp2'].map(sessionChoiceOf)).toEqual([
      'live',
      'live',
      'live',
      'latest',
      'named',
    ]);
    expect((['live', 'latest', 'named'] as const).map(defaultSessionOf)).toEqual(['live', 'latest', '']);
  });

  it('starts a new datasource on server, keeps one saved without a mode on browser', () => {
    expect(connectionModeOf({})).toBe('server');
    expect(connectionModeOf({ url: 'ws://pit:8765' })).toBe('browser');
    expect(connectionModeOf({ url: 'ws://pit:8765', mode: 'server' })).toBe('server');
  });

  it('reads a limit as a positive number, or nothing', () => {
    expect(['15', '0.5', '', '0', '-3', 'many'].map(positiveOrNothing)).toEqual([
      15,
      0.5,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
