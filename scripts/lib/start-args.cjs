// The reference server's arguments for `npm start`, from those given after `--`.
const { parseArgs } = require('node:util');

/**
 * A new session starts 20 minutes in the past, as the tests' does: every panel has completed laps, pit stops and
 * history to show at once, instead of "Reference lap missing" for the first laps. A start given wins.
 */
function startServerArgs(given) {
  const { values } = parseArgs({
    args: given,
    options: { port: { type: 'string' }, 'session-start': { type: 'string' }, 'started-ago': { type: 'string' } },
    strict: false,
  });
  const chosenStart = values['session-start'] !== undefined || values['started-ago'] !== undefined;
  return {
    serverArgs: chosenStart ? given : [...given, '--started-ago', '20'],
    telemetryPort: values.port ?? '8765',
  };
}

module.exports = { startServerArgs };
