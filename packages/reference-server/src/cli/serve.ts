/** `serve` and `replay`: start the WebSocket server with a live session (simulated or replayed) and the recordings. */
import fs from 'node:fs';
import type { RunningServer, ServerOptions } from '../server/options';
import { startServer } from '../server/server';
import type { SessionSource } from '../source';
import { createSimulatorSource, MAX_CARS, type SimulatorSource } from '../simulator';
import { removeAbandonedImports } from '../import/session-writer';
import {
  findContinuableSession,
  openRecordedSessions,
  RecordedSessionSource,
  ReplaySource,
  resolveDataDir,
  SessionRecorder,
  sessionDir,
  sessionsDir,
} from '../recording';
import type { CliIo, Service } from './io';
import {
  intOption,
  listOption,
  numberOption,
  stringOption,
  timeOption,
  UsageError,
  type ParsedCommandLine,
  type ParsedValues,
} from './options';

const DAY_MS = 24 * 3600_000;
/**
 * Without --allow-origin, only pages served from this machine may connect from a browser, so a web page from
 * elsewhere that the engineer happens to open cannot read the telemetry through their browser.
 */
export const LOCAL_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'];

function serverOptions(values: ParsedValues, io: CliIo): Omit<ServerOptions, 'sessions'> {
  const host = stringOption(values, 'host') ?? '127.0.0.1';
  const token = stringOption(values, 'token') ?? (io.env.ERACING_TOKEN || undefined);
  const options: Omit<ServerOptions, 'sessions'> = {
    port: intOption(values, 'port', 8765, 0, 65535),
    host,
    token,
    allowedOrigins: listOption(values, 'allow-origin') ?? LOCAL_ORIGINS,
    resumeWindowMs: numberOption(values, 'resume-window', 10, 0, 24 * 60) * 60_000,
    log: (line) => io.err(`${new Date(io.now()).toISOString()} ${line}`),
  };
  if (!token && host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    io.err(`warning: listening on ${host} without --token: anyone who can reach this port can read the telemetry`);
  }
  return options;
}

/** The live session's id: unique per start, seed and car count, so each session records to its own directory. */
export function simulatorSessionId(startTime: number, seed: number, cars: number): string {
  const stamp = new Date(startTime)
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-');
  return `sim-${stamp}-seed${seed}-${cars}cars`;
}

export interface SimulatorChoice {
  source: SimulatorSource;
  /** Set when a recorded session is continued. */
  continued?: string;
}

/** The simulated session: as asked, else the recent one in the data directory with the same seed and cars, else now. */
export function chooseSimulator(values: ParsedValues, dataDir: string, io: CliIo): SimulatorChoice {
  const cars = intOption(values, 'cars', 6, 1, MAX_CARS);
  const seed = intOption(values, 'seed', 1, 0, 0xffffffff);
  const now = io.now();
  const create = (startTime: number) =>
    createSimulatorSource({ seed, cars, startTime, now, id: simulatorSessionId(startTime, seed, cars) });
  const asked = timeOption(values, 'session-start');
  if (asked !== undefined) return { source: create(asked) };
  const previous = findContinuableSession(dataDir, { seed, cars }, now, DAY_MS);
  if (previous) {
    const source = create(previous.session.summary.startTime);
    if (source.epoch === previous.session.epoch && source.summary.id === previous.id) {
      return { source, continued: previous.id };
    }
    io.err(`not continuing ${previous.id}: it was recorded by another version of the simulator`);
  }
  return { source: create(Math.floor(now / 1000) * 1000) };
}

/**
 * Computes the laps of each recorded session one after the other in the background, so that the first client to ask
 * does not wait. Each session's laps are cached on disk, so this is slow only once per session.
 */
function warmLaps(sources: readonly RecordedSessionSource[], io: CliIo): void {
  let next = 0;
  const step = () => {
    const source = sources[next++];
    if (!source) return;
    const started = performance.now();
    try {
      const laps = source.allLaps().length;
      const ms = performance.now() - started;
      if (ms > 250) io.err(`computed ${laps} laps of ${source.summary.id} in ${(ms / 1000).toFixed(1)} s`);
    } catch (error) {
      io.err(`warning: cannot compute the laps of ${source.summary.id}: ${(error as Error).message}`);
    }
    setImmediate(step).unref();
  };
  setImmediate(step).unref();
}

/** An import killed mid-way leaves its temporary directory; a starting server clears them. */
function removeKilledImports(dataDir: string, io: CliIo): void {
  if (!fs.existsSync(sessionsDir(dataDir))) return;
  for (const name of removeAbandonedImports(sessionsDir(dataDir), true)) {
    io.err(`removed ${name}, left in ${sessionsDir(dataDir)} by an import that did not finish`);
  }
}

function banner(io: CliIo, server: RunningServer, lines: Array<[string, string]>): void {
  const health = server.url.replace(/^ws:/, 'http:') + '/health';
  for (const [label, text] of [...lines, ['WebSocket', server.url], ['health', health]] as Array<[string, string]>) {
    io.out(`  ${label.padEnd(13)} ${text}`);
  }
}

async function startWith(
  sessions: SessionSource[],
  values: ParsedValues,
  io: CliIo,
  cleanup: () => Promise<void>,
): Promise<RunningServer> {
  try {
    return await startServer({ ...serverOptions(values, io), sessions });
  } catch (error) {
    await cleanup();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new Error(`port ${values.port ?? 8765} is already in use; choose another with --port`);
    if (code === 'EADDRNOTAVAIL') throw new Error(`cannot listen on ${values.host}: no such address on this machine`);
    throw error;
  }
}

export async function serve(command: ParsedCommandLine, io: CliIo, version: string): Promise<Service> {
  const { values } = command;
  if (command.positionals.length) throw new UsageError(`serve takes no arguments, got "${command.positionals[0]}"`);
  const dataDir = resolveDataDir(stringOption(values, 'data-dir'), io.env, io.cwd);
  removeKilledImports(dataDir, io);
  const { source: live, continued } = chooseSimulator(values, dataDir, io);
  serverOptions(values, { ...io, err: () => {} }); // validate before anything is written
  const record = !values['no-record'];
  const recorder = record
    ? await SessionRecorder.open({
        dataDir,
        source: live,
        origin: { type: 'simulator', seed: intOption(values, 'seed', 1, 0, 0xffffffff), cars: live.cars.length },
        log: (line) => io.err(line),
      })
    : undefined;
  const { sources: recorded, problems } = openRecordedSessions(dataDir, live.summary.id);
  for (const problem of problems) io.err(`warning: skipping ${problem}`);
  const closeRecorded = () => recorded.forEach((s) => s.close());
  const server = await startWith([live, ...recorded], values, io, async () => {
    await recorder?.close();
    closeRecorded();
  });
  recorder?.start();
  void recorder?.tick();
  warmLaps(recorded, io);

  io.out(`eracing-server ${version}`);
  banner(io, server, [
    [
      'live session',
      `${live.summary.id} (${live.cars.length} cars, seed ${values.seed ?? 1}, ${continued ? 'continued, ' : ''}started ${new Date(live.summary.startTime).toISOString()})`,
    ],
    ['recording', recorder ? recorder.dir : 'off (--no-record)'],
    ['recorded', `${recorded.length} session(s) in ${dataDir}`],
  ]);
  return {
    stop: async () => {
      await recorder?.close();
      await server.close();
      closeRecorded();
    },
  };
}

export async function replay(command: ParsedCommandLine, io: CliIo, version: string): Promise<Service> {
  const { values, positionals } = command;
  const id = positionals[0];
  if (!id || positionals.length > 1)
    throw new UsageError('replay takes one session id: eracing-server replay <session>');
  const dataDir = resolveDataDir(stringOption(values, 'data-dir'), io.env, io.cwd);
  let dir: string;
  try {
    dir = sessionDir(dataDir, id);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!fs.existsSync(dir)) throw new UsageError(`there is no session "${id}" in ${dataDir}; "list" shows the sessions`);
  const speed = numberOption(values, 'speed', 1, 0.01, 1000);
  removeKilledImports(dataDir, io);
  const recording = RecordedSessionSource.open(dir);
  const source = new ReplaySource(recording, {
    speed,
    shiftToNow: values['shift-to-now'] === true,
    loop: values.loop === true,
    clock: io.now,
  });
  const { sources: recorded, problems } = openRecordedSessions(dataDir);
  for (const problem of problems) io.err(`warning: skipping ${problem}`);
  const closeAll = async () => {
    recording.close();
    recorded.forEach((s) => s.close());
  };
  const server = await startWith([source, ...recorded], values, io, closeAll);
  warmLaps(recorded, io);
  io.out(`eracing-server ${version}`);
  banner(io, server, [
    [
      'replay',
      `${source.summary.id} of ${id} at ${speed}×, ${values['shift-to-now'] ? 'shifted to now' : 'recorded times'}, ${
        source.loop ? 'looping' : 'ends with the recording'
      }`,
    ],
    ['recorded', `${recorded.length} session(s) in ${dataDir}`],
  ]);
  return {
    stop: async () => {
      await server.close();
      await closeAll();
    },
  };
}
