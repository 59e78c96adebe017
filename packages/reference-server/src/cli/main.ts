/** Runs one command line. Serving commands keep running until stopped; the others return an exit code. */
import packageJson from '../../package.json';
import { ImportError, MappingError } from '../recording';
import { exportCommand, importCommand } from './import';
import type { CliIo, Service } from './io';
import { listCommand } from './list';
import { helpText } from './help';
import { parseCommandLine, UsageError } from './options';
import { replay, serve } from './serve';

export const VERSION: string = packageJson.version;

export type CliOutcome = { exitCode: number } | { service: Service };

export async function runCommandLine(argv: readonly string[], io: CliIo): Promise<CliOutcome> {
  try {
    const command = parseCommandLine(argv);
    if (command.values.help) {
      io.out(helpText(VERSION));
      return { exitCode: 0 };
    }
    if (command.values.version) {
      io.out(VERSION);
      return { exitCode: 0 };
    }
    switch (command.command) {
      case 'serve':
        return { service: await serve(command, io, VERSION) };
      case 'replay':
        return { service: await replay(command, io, VERSION) };
      case 'import':
        return { exitCode: await importCommand(command, io) };
      case 'export':
        return { exitCode: await exportCommand(command, io) };
      case 'list':
        return { exitCode: await listCommand(command, io) };
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`);
      io.err('run with --help for the commands and options');
      return { exitCode: 2 };
    }
    if (error instanceof ImportError || error instanceof MappingError) {
      io.err(error.message);
      return { exitCode: 1 };
    }
    io.err(`error: ${(error as Error).message ?? error}`);
    return { exitCode: 1 };
  }
}
