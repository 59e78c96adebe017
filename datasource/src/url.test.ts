import { serverUrlProblem } from './url';

describe('serverUrlProblem', () => {
  it.each(['ws://localhost:8080', 'wss://telemetry.example.com/live', '  WS://10.0.0.5:9000/ws  '])(
    'accepts %s',
    (url) => {
      expect(serverUrlProblem(url)).toBeUndefined();
    },
  );

  it.each([undefined, '', '   '])('says an empty URL (%p) is not set', (url) => {
    expect(serverUrlProblem(url)).toBe('The server URL is not set.');
  });

  it('names the wrong scheme', () => {
    expect(serverUrlProblem('http://localhost:8080')).toBe(
      'The server URL must start with ws:// or wss://, not http://.',
    );
  });

  it('asks for a scheme when there is none', () => {
    expect(serverUrlProblem('localhost:8080/ws')).toBe('The server URL must start with ws:// or wss://.');
    expect(serverUrlProblem('ws//nowhere')).toBe('The server URL must start with ws:// or wss://.');
  });

  it('rejects a ws:// address that is not a valid URL', () => {
    expect(serverUrlProblem('ws://exa mple.com')).toBe('"ws://exa mple.com" is not a valid URL.');
    expect(serverUrlProblem('ws://')).toBe('"ws://" is not a valid URL.');
  });
});
