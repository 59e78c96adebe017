/** The commands and every option: its type, placeholder, description, default as shown, and the commands taking it. */

export const COMMANDS = ['serve', 'replay', 'import', 'list', 'export'] as const;
export type Command = (typeof COMMANDS)[number];

export interface OptionSpec {
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
