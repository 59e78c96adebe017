// Makes the recorded fixture session the frames vectors are read from (test/fixtures/frames-session/data), the way a
// real logger's session reaches the server: the simulator's race exported as CSV, thinned to 20 Hz, its lap counter
// counted from 0 (as loggers do), cut by the recording's end in the middle of a lap, imported with the simulator's
// track, and a few flag and pit events reported beside it. Run it only to change the fixture on purpose:
//   node --import tsx scripts/make-frames-fixture.cjs && npm run vectors
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dataDir = path.join(root, 'test', 'fixtures', 'frames-session', 'data');
const cli = path.join(root, 'packages', 'reference-server', 'src', 'cli.ts');
const SESSION = 'fixture-fp1';
const START = Date.parse('2026-03-14T10:00:00Z');
const SECONDS = 340;
const KEEP_EVERY_MS = 50;
const CHANNELS = [
  'lap',
  'lap_distance',
  'x',
  'y',
  'lat',
  'lon',
  'speed',
  'throttle',
  'brake',
  'gear',
  'battery_soc',
  'pack_current',
  'power',
  'energy_used',
  'energy_regen',
  'motor_temp',
];

const server = (...args) => execFileSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root });

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'frames-fixture-'));
const raw = path.join(work, 'raw.csv');
server(
  'export',
  'sim',
  '--cars',
  '3',
  '--seed',
  '3',
  '--session-start',
  new Date(START).toISOString(),
  '--duration',
  String(SECONDS),
  '--channels',
  CHANNELS.join(','),
  '-o',
  raw,
);

const [header, ...rows] = fs.readFileSync(raw, 'utf8').trim().split('\n');
const columns = header.split(',');
const timeAt = columns.indexOf('time');
const lapAt = columns.indexOf('lap');
const kept = rows
  .map((row) => row.split(','))
  .filter((cells) => (Number(cells[timeAt]) - START) % KEEP_EVERY_MS === 0)
  .map((cells) => {
    cells[lapAt] = String(Number(cells[lapAt]) - 1);
    return cells.join(',');
  });
const csv = path.join(work, `${SESSION}.csv`);
fs.writeFileSync(csv, [header, ...kept].join('\n') + '\n');

fs.rmSync(dataDir, { recursive: true, force: true });
server('import', csv, '--data-dir', dataDir, '--track', 'sim', '--id', SESSION, '--name', 'Fixture practice 1');

const at = (seconds) => START + seconds * 1000;
const events = [
  { time: at(0), kind: 'flag', flag: 'green', text: 'Green flag — session started' },
  { time: at(150), kind: 'flag', flag: 'yellow', text: 'Yellow flag' },
  { time: at(170), kind: 'flag', flag: 'green', text: 'Green flag' },
  { time: at(275), kind: 'pit_in', car: '22', lap: 2, text: 'Car 22 into the pit lane' },
  { time: at(290), kind: 'pit_out', car: '22', lap: 3, text: 'Car 22 leaves the pit lane' },
];
const sessionDir = path.join(dataDir, 'sessions', SESSION);
fs.writeFileSync(path.join(sessionDir, 'events.jsonl'), events.map((e) => JSON.stringify(e) + '\n').join(''));
fs.rmSync(path.join(sessionDir, 'laps.json'), { force: true });
// Opening the session computes its laps once and caches them in laps.json, which is committed with the rest.
const { RecordedSessionSource } = require(path.join(root, 'packages', 'reference-server', 'src', 'recording'));
for (const lap of RecordedSessionSource.open(sessionDir).allLaps()) {
  const flags = Object.keys(lap.flags).filter((flag) => lap.flags[flag]);
  console.log(`car ${lap.car} lap ${lap.lap}: ${lap.lapTime ?? 'no time'} ${lap.valid ? 'valid' : 'invalid'} ${flags}`);
}
fs.rmSync(work, { recursive: true, force: true });
