import { startServerArgs } from '../scripts/lib/start-args.cjs';

describe('npm start', () => {
  it('starts a new simulated session 20 minutes in the past, so that every panel has complete laps at once', () => {
    expect(startServerArgs([])).toEqual({ serverArgs: ['--started-ago', '20'], telemetryPort: '8765' });
    expect(startServerArgs(['--cars', '20', '--seed', '4']).serverArgs).toEqual([
      '--cars',
      '20',
      '--seed',
      '4',
      '--started-ago',
      '20',
    ]);
  });

  it('leaves a start the user chose as it is', () => {
    expect(startServerArgs(['--started-ago', '0']).serverArgs).toEqual(['--started-ago', '0']);
    expect(startServerArgs(['--session-start', '1700000000000']).serverArgs).toEqual([
      '--session-start',
      '1700000000000',
    ]);
  });

  it('points the preview at the port the server is given', () => {
    expect(startServerArgs(['--port', '9000']).telemetryPort).toBe('9000');
  });
});
