/**
 * The reference server's command line: `node --import tsx packages/reference-server/src/cli.ts [command] [options]`,
 * or `eracing-server` (bin/eracing-server.cjs). `--help` lists the commands and every option.
 */
import { runCommandLine } from './cli/main';
import { processIo } from './cli/io';

async function run(): Promise<void> {
  const outcome = await runCommandLine(process.argv.slice(2), processIo());
  if ('exitCode' in outcome) {
    process.exitCode = outcome.exitCode;
    return;
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting without waiting\n`);
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`${signal}: stopping (flushing any recording, closing the server)…\n`);
    outcome.service.stop().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`error while stopping: ${error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void run();
