import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { exportCsv } from '../src/recording/csv-export';
import { importCsv, type ImportProgress } from '../src/recording/csv-import';
import { ImportError } from '../src/recording/csv-rows';
import { readMappingFile } from '../src/recording/csv-mapping';
import { sessionsDir } from '../src/recording/layout';
import { RecordedSessionSource } from '../src/recording/recorded-source';
import { buildCircuit, createSimulatorSource } from '../src/simulator';

const FIXTURES = path.join(__dirname, 'fixtures', 'csv');
const LOGGER = path.join(FIXTURES, 'logger-fp1.csv');
const START = Date.parse('2025-05-17T09:30:00Z');
let dataDir: string;
let notes: string[];

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eracing-csv-'));
  notes = [];
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function open(id: string): RecordedSessionSource {
  return RecordedSessionSource.open(path.join(sessionsDir(dataDir), id));
}

/** Session directories, including any temporary one. */
function sessionDirs(): string[] {
  return fs.existsSync(sessionsDir(dataDir)) ? fs.readdirSync(sessionsDir(dataDir)) : [];
}

function writeCsv(name: string, text: string): string {
  const file = path.join(dataDir, name);
  fs.writeFileSync(file, text);
  return file;
}

test('imports a logger file: units converted, x/y from lat/lon, track estimated, laps computed', async () => {
  const progress: ImportProgress[] = [];
  const result = await importCsv({
    file: LOGGER,
    dataDir,
    mapping: readMappingFile(path.join(FIXTURES, 'logger-fp1.mapping.json')),
    log: (line) => notes.push(line),
    progress: (p) => progress.push(p),
  });
  const size = fs.statSync(LOGGER).size;
  expect(progress[progress.length - 1]).toMatchObject({ rows: 1001, bytes: size, totalBytes: size });
  expect(result).toMatchObject({
    id: 'logger-fp1',
    rows: 1001,
    cars: ['7'],
    startTime: START,
    endTime: START + 50_000,
  });
  expect(result.unmapped).toEqual(['Comment']);
  expect(notes).toContain('skipped 1 unmapped column(s): "Comment"');
  expect(notes.some((n) => /speed +← "Ground Speed" \(m\/s → km\/h\)/.test(n))).toBe(true);
  expect(notes.some((n) => /tyre_pressure_fl +← "TyrePress FL" \(psi → bar\)/.test(n))).toBe(true);

  const session = open('logger-fp1');
  expect(session.summary).toMatchObject({ kind: 'recorded', live: false, carCount: 1, endTime: START + 50_000 });
  expect(session.cars[0]).toMatchObject({ id: '7', number: 7, driver: 'A. Driver', team: 'Test Team' });
  expect(session.channels.map((c) => c.name)).toEqual([
    'lap',
    'lap_distance',
    'speed',
    'tyre_temp_fl_inner',
    'tyre_pressure_fl',
    'lat',
    'lon',
    'energy_used',
    'x',
    'y',
  ]);
  const samples = session.range(START, START + 60_000, ['7']);
  expect(samples.time.length).toBe(1001);
  expect(samples.time[100]).toBe(START + 5000);
  expect(samples.channels.speed[0]).toBe(180);
  expect(samples.channels.tyre_temp_fl_inner[0]).toBeCloseTo(80, 4);
  expect(samples.channels.tyre_temp_fl_inner[1000]).toBeCloseTo(85, 4);
  expect(samples.channels.tyre_pressure_fl[0]).toBeCloseTo(23.2 * 0.0689475729, 6);
  expect(samples.channels.energy_used[1000]).toBeCloseTo(2.5, 6);
  // The first position is the origin; a quarter lap later the car is one radius along and one up.
  const radius = 1000 / (2 * Math.PI);
  expect(samples.channels.x[0]).toBe(0);
  expect(samples.channels.x[100]).toBeCloseTo(radius, 1);
  expect(samples.channels.y[100]).toBeCloseTo(radius, 1);

  expect(session.track.length).toBeCloseTo(1000, 0);
  expect(session.track.sectors.map((s) => s.end)).toEqual([250, 600, session.track.length]);
  const laps = session.laps(Infinity);
  expect(laps.map((l) => [l.lap, l.valid])).toEqual([
    [1, false],
    [2, true],
    [3, false],
  ]);
  expect(laps[1].lapTime).toBeCloseTo(20, 6);
  // Sector ends are measured along the estimated centre line, a polygon through the samples: within 0.5 ms.
  expect(laps[1].sectorTimes.map((t) => +t.toFixed(3))).toEqual([5, 7, 8]);
  expect(laps[1].energyUsed).toBeCloseTo(1, 4);
  expect(result.laps).toBe(3);
  session.close();
});

test('imports a GPS-only file: ISO times, semicolons, mph; laps timed where the car first moved', async () => {
  const result = await importCsv({
    file: path.join(FIXTURES, 'gps-only.csv'),
    dataDir,
    id: 'gps',
    mapping: {
      time: { column: 'timestamp', unit: 'iso' },
      channels: {
        lat: { column: 'latitude' },
        lon: { column: 'longitude' },
        speed: { column: 'speed_mph', unit: 'mph' },
      },
    },
  });
  expect(result.startTime).toBe(Date.parse('2025-05-17T10:00:00Z'));
  const session = open('gps');
  expect(session.range(result.startTime, result.startTime + 1000, ['1']).channels.speed[0]).toBeCloseTo(180, 3);
  expect(session.track.length).toBeCloseTo(1000, 0);
  const timed = session.laps(Infinity).filter((l) => l.lapTime !== undefined);
  expect(timed.map((l) => l.lap)).toEqual([2, 3]);
  for (const lap of timed) expect(lap.lapTime).toBeCloseTo(20, 3);
  expect(
    session
      .events(0, Infinity)
      .filter((e) => e.kind === 'lap')
      .map((e) => e.lap),
  ).toEqual([1, 2, 3]);
  session.close();
});

test('a bad value stops the import at its line and leaves no session behind', async () => {
  const file = path.join(FIXTURES, 'bad-value.csv');
  const error = await importCsv({ file, dataDir, mapping: {} }).catch((e) => e);
  expect(error).toBeInstanceOf(ImportError);
  expect(error.message).toBe(`${file}:5: column "speed" (speed): "1O2.5" is not a number`);
  expect(sessionDirs()).toEqual([]);
});

test.each([
  ['a missing column', 'time,speed\n1000,1\n2000\n', 3, 'expected 2 columns, found 1'],
  [
    'time going backwards',
    'time,speed\n1000,1\n3000,2\n2000,3\n',
    4,
    'time goes backwards: "2000" comes after "3000" on the line before',
  ],
  ['a time that is not one', 'time,speed\n1000,1\nsoon,2\n', 3, 'time "soon" is not a number'],
  ['an open quote', 'time,speed\n1000,"1\n', 2, 'a quoted field is not closed on its line'],
])('%s is reported as file:line', async (_what, text, line, reason) => {
  const file = writeCsv('broken.csv', text);
  await expect(importCsv({ file, dataDir, mapping: {} })).rejects.toThrow(`${file}:${line}: ${reason}`);
  expect(sessionDirs()).toEqual([]);
});

test('rows repeating the time of the row before for the same car are dropped, counted and reported', async () => {
  const file = writeCsv(
    'dup.csv',
    'time,car,speed\n1000,7,10\n1000,11,20\n1010,7,11\n1010,7,99\n1010,11,21\n1020,7,12\n1020,7,98\n1020,11,22\n',
  );
  const result = await importCsv({ file, dataDir, id: 'dup', mapping: { car: { column: 'car' } } });
  expect(result.rows).toBe(6);
  expect(result.report.notes).toContain(
    `2 row(s) dropped: each repeats the time of the row before for its car, which was kept (the first at ${file}:5)`,
  );
  const session = open('dup');
  const batch = session.range(0, Infinity, ['7', '11']);
  const car7 = batch.cars.find((run) => run.car === '7')!;
  const rows7 = Array.from(batch.time.subarray(car7.start, car7.start + car7.length));
  expect(rows7).toEqual([1000, 1010, 1020]);
  expect(Array.from(batch.channels.speed.subarray(car7.start, car7.start + car7.length))).toEqual([10, 11, 12]);
  session.close();
});

test('mapping mistakes are reported against the header', async () => {
  const file = writeCsv('m.csv', 'Time,GPS Speed\n0,1\n');
  const base = { time: { column: 'Time', unit: 's' as const }, startTime: START };
  await expect(
    importCsv({
      file,
      dataDir,
      mapping: { ...base, channels: { speed: { column: 'GPS Speed', unit: 'furlong/fortnight' } } },
    }),
  ).rejects.toThrow(
    `${file}:1: channel speed: cannot convert "furlong/fortnight" to km/h (accepted: km/h, kph, kmh, m/s, mph, kn, kt)`,
  );
  await expect(
    importCsv({ file, dataDir, mapping: { ...base, channels: { speed: { column: 'Speed' } } } }),
  ).rejects.toThrow(`${file}:1: channel speed: column "Speed" is not in the header ("Time", "GPS Speed")`);
  await expect(importCsv({ file, dataDir, mapping: { time: { column: 'Time', unit: 's' } } })).rejects.toThrow(
    'counts s from the start: give the start with --start-time',
  );
  expect(sessionDirs()).toEqual([]);
});

test('a channel outside the catalog keeps its unit and gets its range from the data', async () => {
  const file = writeCsv('custom.csv', 'time,ride_height_front\n1000,31.5\n1010,29\n1020,30\n');
  await importCsv({
    file,
    dataDir,
    mapping: { channels: { ride_height_front: { column: 'ride_height_front', unit: 'mm' as never } } },
  })
    .then(() => {
      throw new Error('mm is not a unit of the suite');
    })
    .catch((e) => expect(e.message).toMatch(/unknown unit "mm"/));
  const result = await importCsv({
    file,
    dataDir,
    id: 'custom',
    mapping: { channels: { ride_height_front: { column: 'ride_height_front', unit: 'm' } } },
  });
  expect(result.channels).toEqual(['ride_height_front']);
  const session = open('custom');
  expect(session.channels[0]).toMatchObject({ name: 'ride_height_front', unit: 'm', min: 29, max: 31.5, rateHz: 150 });
  session.close();
});

test('an import never replaces an existing session', async () => {
  const file = writeCsv('twice.csv', 'time,speed\n1000,1\n');
  await importCsv({ file, dataDir, mapping: {} });
  await expect(importCsv({ file, dataDir, mapping: {} })).rejects.toThrow(/session twice already exists/);
});

test('round trip: a simulator export imports to the same samples and the same laps', async () => {
  const start = Date.UTC(2025, 4, 17, 10);
  const sim = createSimulatorSource({ seed: 3, startTime: start, cars: 2 });
  const channels = ['lap', 'lap_distance', 'x', 'y', 'speed', 'energy_used'];
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk) => chunks.push(chunk));
  // Lap 2 of both cars ends by 220 s.
  const to = start + 220_000;
  const { rows } = await exportCsv(sim, out, { from: start, to, channels });
  const file = writeCsv('sim.csv', Buffer.concat(chunks).toString());
  expect(rows).toBe(2 * 22_000);

  const result = await importCsv({ file, dataDir, id: 'sim-copy', mapping: {}, track: buildCircuit().geometry });
  expect(result.cars).toEqual(sim.cars.map((c) => c.id));
  const copy = open('sim-copy');
  const cars = sim.cars.map((c) => c.id);
  const original = sim.range(start + 123_450, start + 124_450, cars);
  const imported = copy.range(start + 123_450, start + 124_450, cars);
  expect(imported.cars).toEqual(original.cars);
  expect(Array.from(imported.time)).toEqual(Array.from(original.time));
  for (const name of channels) expect(Array.from(imported.channels[name])).toEqual(Array.from(original.channels[name]));

  const simLaps = sim.laps(to).filter((l) => l.lap === 2 || l.lap === 3);
  const copyLaps = copy.laps(Infinity).filter((l) => l.lap === 2 || l.lap === 3);
  expect(copyLaps.map((l) => `${l.car}:${l.lap}:${l.valid}`)).toEqual(
    simLaps.map((l) => `${l.car}:${l.lap}:${l.valid}`),
  );
  copyLaps.forEach((lap, k) => {
    const truth = simLaps[k];
    if (truth.lapTime === undefined) return;
    expect(lap.lapTime).toBeCloseTo(truth.lapTime, 2);
    lap.sectorTimes.forEach((t, s) => expect(t).toBeCloseTo(truth.sectorTimes[s], 2));
    expect(lap.energyUsed).toBeCloseTo(truth.energyUsed!, 3);
  });
  copy.close();
});
