/** The command line: commands, options with their defaults, parsing, validation and the help text built from them. */
import { parseArgs } from 'node:util';

export const COMMANDS = ['serve', 'replay', 'import', 'list', 'export'] as const;
export type Command = (typeof COMMANDS)[number];

interface OptionSpec {
  name: string;
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** Placeholder for the value in the help. */
  value?: string;
  description: string;
  /** As shown in the help. */
  default?: string;
  commands: readonly Command[];
}

const SERVING: Command[] = ['serve', 'replay'];
const ALL: Command[] = [...COMMANDS];

export const OPTIONS: readonly OptionSpec[] = [
  { name: 'help', short: 'h', type: 'boolean', description: 'Show this help and exit.', commands: ALL },
  { name: 'version', type: 'boolean', description: 'Print the version and exit.', commands: ALL },
  {
    name: 'data-dir',
    type: 'string',
    value: 'dir',
    description: 'Where sessions are recorded and imported (also $ERACING_DATA_DIR).',
    default: './data',
    commands: ALL,
  },
  {
    name: 'store',
    type: 'string',
    value: 'postgres://…',
    description:
      'Keep sessions in PostgreSQL instead of files, e.g. postgres://telemetry@db.team:5432/eracing ' +
      '(also $ERACING_STORE; the password is best left to ~/.pgpass or $PGPASSWORD). The schema is created or ' +
      'migrated at start.',
    default: 'files in --data-dir',
    commands: ALL,
  },
  {
    name: 'port',
    type: 'string',
    value: 'n',
    description: 'TCP port to listen on; 0 picks a free one.',
    default: '8765',
    commands: SERVING,
  },
  {
    name: 'host',
    type: 'string',
    value: 'addr',
    description: 'Address to listen on; 0.0.0.0 accepts other machines (set a token).',
    default: '127.0.0.1',
    commands: SERVING,
  },
  {
    name: 'token',
    type: 'string',
    value: 'secret',
    description: 'Clients must send this token in their hello (also $ERACING_TOKEN).',
    default: '$ERACING_TOKEN, else none',
    commands: SERVING,
  },
  {
    name: 'allow-origin',
    type: 'string',
    multiple: true,
    value: 'origin',
    description:
      'Browser origin allowed to connect, e.g. http://grafana.team:3000; repeat or comma-separate. ' +
      '"*" allows any; a port of "*" allows any port. Clients that are not browsers send no origin and are not affected.',
    default: 'pages on this machine: http://localhost:*, http://127.0.0.1:*',
    commands: SERVING,
  },
  {
    name: 'resume-window',
    type: 'string',
    value: 'minutes',
    description: 'How long a reconnecting client can resume a live stream without a gap.',
    default: '10',
    commands: SERVING,
  },
  {
    name: 'cars',
    type: 'string',
    value: 'n',
    description: 'Cars in the simulated session, 1 to 20.',
    default: '6',
    commands: ['serve', 'export'],
  },
  {
    name: 'seed',
    type: 'string',
    value: 'n',
    description: 'Seed of the simulated session.',
    default: '1',
    commands: ['serve', 'export'],
  },
  {
    name: 'session-start',
    type: 'string',
    value: 'time',
    description:
      'Start of the simulated session, ISO 8601 or epoch ms. Default: continue the newest recorded simulator session ' +
      'with the same seed and cars if it started less than 24 h ago, else now (to the second).',
    default: 'continue or now',
    commands: ['serve', 'export'],
  },
  {
    name: 'started-ago',
    type: 'string',
    value: 'minutes',
    description:
      'A new simulated session (not one continued or given by --session-start) starts this long before now, so that ' +
      'it has completed laps, pit stops and history from the first second. `npm start` uses 20.',
    default: '0',
    commands: ['serve'],
  },
  {
    name: 'no-record',
    type: 'boolean',
    description: 'Do not record the live session to the data directory.',
    commands: ['serve'],
  },
  {
    name: 'speed',
    type: 'string',
    value: 'x',
    description: 'Replay speed: recorded seconds per second.',
    default: '1',
    commands: ['replay'],
  },
  {
    name: 'shift-to-now',
    type: 'boolean',
    description: "Shift the replay's times so that it starts now; off keeps the recorded times.",
    commands: ['replay'],
  },
  {
    name: 'loop',
    type: 'boolean',
    description: 'Start the replay again at the end; off ends it with the recording.',
    commands: ['replay'],
  },
  {
    name: 'mapping',
    type: 'string',
    value: 'file.json',
    description: 'Column mapping file (see below).',
    commands: ['import'],
  },
  {
    name: 'time',
    type: 'string',
    value: 'column:unit',
    description: 'Time column and unit: s or ms (from --start-time), epoch_s, epoch_ms or iso.',
    default: 'a "time" column in epoch_ms',
    commands: ['import'],
  },
  {
    name: 'column',
    type: 'string',
    multiple: true,
    value: 'channel=column[:unit]',
    description: 'Map a column to a channel, converting from the unit given, e.g. speed=GPS_Speed:m/s. Repeatable.',
    commands: ['import'],
  },
  {
    name: 'start-time',
    type: 'string',
    value: 'time',
    description: 'When relative times (s, ms) count from: ISO 8601 or epoch ms.',
    commands: ['import'],
  },
  {
    name: 'car',
    type: 'string',
    value: 'id',
    description: 'The car of a one-car file.',
    default: '1',
    commands: ['import'],
  },
  {
    name: 'car-column',
    type: 'string',
    value: 'column',
    description: 'Column naming the car of each row.',
    default: 'car',
    commands: ['import'],
  },
  {
    name: 'track',
    type: 'string',
    value: 'sim|file.json',
    description: 'Track geometry: "sim" for the simulator\'s, or a TrackGeometry JSON file.',
    default: 'estimated from the fastest lap',
    commands: ['import'],
  },
  {
    name: 'name',
    type: 'string',
    value: 'text',
    description: 'Display name of the session.',
    default: 'the file name',
    commands: ['import'],
  },
  {
    name: 'id',
    type: 'string',
    value: 'id',
    description: 'Session id.',
    default: 'from the file name',
    commands: ['import'],
  },
  {
    name: 'delimiter',
    type: 'string',
    value: 'c',
    description: 'Field delimiter.',
    default: 'from the header',
    commands: ['import'],
  },
  {
    name: 'from',
    type: 'string',
    value: 'time',
    description: 'Start of the range, ISO 8601 or epoch ms.',
    default: 'session start',
    commands: ['export'],
  },
  {
    name: 'to',
    type: 'string',
    value: 'time',
    description: 'End of the range, ISO 8601 or epoch ms.',
    default: 'session end',
    commands: ['export'],
  },
  {
    name: 'duration',
    type: 'string',
    value: 'seconds',
    description: 'Length of the range instead of --to.',
    default: '60 for sim',
    commands: ['export'],
  },
  {
    name: 'only-cars',
    type: 'string',
    value: 'ids',
    description: 'Comma-separated cars to export.',
    default: 'all',
    commands: ['export'],
  },
  {
    name: 'channels',
    type: 'string',
    value: 'names',
    description: 'Comma-separated channels to export.',
    default: 'all',
    commands: ['export'],
  },
  {
    name: 'out',
    type: 'string',
    short: 'o',
    value: 'file.csv',
    description: 'Write to a file.',
    default: 'stdout',
    commands: ['export'],
  },
];

export type ParsedValues = Record<string, string | boolean | string[] | undefined>;

export interface ParsedCommandLine {
  command: Command;
  positionals: string[];
  values: ParsedValues;
}

export class UsageError extends Error {}

export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const o of OPTIONS) {
    options[o.name] = o.short
      ? { type: o.type, multiple: !!o.multiple, short: o.short }
      : { type: o.type, multiple: !!o.multiple };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const positionals = [...parsed.positionals];
  const first = positionals[0];
  let command: Command = 'serve';
  if (first !== undefined && (COMMANDS as readonly string[]).includes(first)) {
    command = first as Command;
    positionals.shift();
  } else if (first !== undefined) {
    throw new UsageError(`unknown command "${first}"; the commands are ${COMMANDS.join(', ')}`);
  }
  const values = parsed.values as ParsedValues;
  for (const name of Object.keys(values)) {
    const spec = OPTIONS.find((o) => o.name === name)!;
    if (!spec.commands.includes(command)) {
      throw new UsageError(`--${name} is not an option of "${command}" (it belongs to ${spec.commands.join(', ')})`);
    }
  }
  return { command, positionals, values };
}

/** An integer option within [min, max]. */
export function intOption(values: ParsedValues, name: string, fallback: number, min: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^\s*-?\d+\s*$/.test(raw) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

/** A positive number option. */
export function numberOption(values: ParsedValues, name: string, fallback: number, min: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

export function stringOption(values: ParsedValues, name: string): string | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') throw new UsageError(`--${name} needs a value`);
  return raw;
}

/** A repeatable option whose values may also be comma-separated. */
export function listOption(values: ParsedValues, name: string): string[] | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const list = (Array.isArray(raw) ? raw : [String(raw)]).flatMap((v) => v.split(',')).map((v) => v.trim());
  if (list.some((v) => !v)) throw new UsageError(`--${name} has an empty value`);
  return list;
}

/** Epoch ms from an ISO 8601 date-time or epoch milliseconds. */
export function timeOption(values: ParsedValues, name: string): number | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  const ms = /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : /\d{4}-\d\d-\d\d/.test(raw) ? Date.parse(raw) : NaN;
  if (!Number.isFinite(ms))
    throw new UsageError(`--${name} must be an ISO 8601 date-time or epoch milliseconds, got "${raw}"`);
  return ms;
}

const USAGE = `Usage: eracing-server [command] [options]

Commands:
  serve                     Serve the simulated live session, record it, and serve the recorded sessions (default)
  replay <session>          Serve a replay of a recorded session as the live session, with the recorded sessions
  import <file>             Import a logger file (.ibt, .ld, MoTeC / AiM CSV, CSV) as a recorded session
  list                      List the sessions in the data directory
  export <session|sim>      Write a session's samples as CSV ("sim": the simulator, from --session-start)`;

const NOTES = `Data directory: <data-dir>/sessions/<id>/ holds session.json (what the session is), batches.ercb (append-only
binary batches), batches.idx (their index), events.jsonl (reported events) and laps.json (computed laps).

Import: the format is found from the file's content. iRacing .ibt and MoTeC .ld (with its .ldx) need no mapping:
channels the catalog knows are mapped by name with their units converted, the others kept under their own names.
MoTeC i2 and AiM Race Studio CSV exports are recognised by their header. Every import prints a report (laps and
their times, track length, sectors, GPS dropouts, channels), also kept in session.json. Generic CSV: the header row
is required. Columns named like a channel (speed, lap, lap_distance, x, y, lat, lon, …) and
"time" (epoch ms) and "car" are read without a mapping, as written by export. Other columns are mapped with --column
or a mapping file; columns nothing maps are reported and skipped. Units are converted to each channel's unit
(m/s, mph → km/h; psi, kPa → bar; °F, K → °C; W → kW; Wh → kWh; rad → deg; fraction → %). Mapping file:
  { "time": { "column": "Time", "unit": "s" }, "startTime": "2025-05-17T10:00:00Z",
    "channels": { "speed": { "column": "Ground Speed", "unit": "km/h" }, "tyre_temp_fl_inner": { "column": "LFtempR" } },
    "car": "7", "cars": { "7": { "driver": "A. Driver", "team": "Team" } }, "sectors": [1200, 2650] }
Flags override the file. Laps come from a lap column, else the lap_distance wraps, else x/y (or lat/lon) crossing a
line placed where the car first moves. A bad line stops the import with file:line: reason and leaves nothing behind.

Replay: runs at --speed from the recording's first batch, as the live session, under a new epoch. At the end it
stops being live, or with --loop starts again, each pass later by the recording's length with lap numbers going on.`;

export function helpText(version: string): string {
  const lines = [`eracing-server ${version} — reference telemetry server`, '', USAGE, '', 'Options:'];
  for (const o of OPTIONS) {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` <${o.value}>` : ''}`;
    const where = o.commands.length === COMMANDS.length ? '' : ` [${o.commands.join(', ')}]`;
    const fallback =
      o.name === 'help' || o.name === 'version'
        ? ''
        : ` (default: ${o.default ?? (o.type === 'boolean' ? 'off' : 'none')})`;
    lines.push(`  ${flag}`, `        ${o.description}${fallback}${where}`);
  }
  return [...lines, '', NOTES, ''].join('\n');
}
