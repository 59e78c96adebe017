/** What real logs do to laps, sectors, GPS and replay: each case failed before it was handled. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lapRecordSchema } from '@eracing/telemetry-core/protocol';
import { importCsv } from '../src/recording/csv-import';
import { carLaps, type CarLapInputs } from '../src/recording/lap-compute';
import { sessionsDir } from '../src/recording/layout';
import { RecordedSessionSource } from '../src/recording/recorded-source';
import { ReplaySource } from '../src/recording/replay';
import { makeRealLog, realLogCsv, REAL_LOG_CSV_MAPPING, type RealLog } from './helpers/real-log';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eracing-real-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function trace(log: RealLog, withSpeed = true): CarLapInputs {
  return {
    car: '1',
    time: log.time,
    channels: {
      lap: log.lap,
      lap_distance: log.lapDistance,
      ...(withSpeed ? { speed: log.speed.map((v) => v * 3.6) } : {}),
    },
  };
}

function track(length: number) {
  return {
    name: 'circle',
    length,
    origin: { lat: 0, lon: 0 },
    centreLine: { distance: [], x: [], y: [], lat: [], lon: [] },
    startFinish: { a: { x: 0, y: 0 }, b: { x: 0, y: 0 } },
    sectors: [
      { number: 1, name: 'S1', start: 0, end: 400 },
      { number: 2, name: 'S2', start: 400, end: 900 },
      { number: 3, name: 'S3', start: 900, end: length },
    ],
    corners: [],
  };
}

async function importLog(log: RealLog, id = 'real'): Promise<RecordedSessionSource> {
  const file = path.join(dataDir, `${id}.csv`);
  fs.writeFileSync(file, realLogCsv(log));
  await importCsv({ file, dataDir, id, mapping: REAL_LOG_CSV_MAPPING });
  return RecordedSessionSource.open(path.join(sessionsDir(dataDir), id));
}

test('a pit-out lap that starts mid-lap has only numbers as sector times, and every lap passes the protocol schema', () => {
  const log = makeRealLog({ startDistance: 600 });
  const laps = carLaps(trace(log), { track: track(log.lapLength), sessionStart: log.time[0] });
  for (const lap of laps) {
    for (const t of lap.sectorTimes) expect(Number.isFinite(t)).toBe(true);
    // What goes on the wire: NaN would become null and fail the client's schema.
    expect(lapRecordSchema.safeParse(JSON.parse(JSON.stringify(lap))).success).toBe(true);
  }
  // The first lap began at 600 m, after S1's start: S1 cannot be timed, so no sector of it is claimed.
  expect(laps[0].sectorTimes).toEqual([]);
  expect(laps[1].sectorTimes).toHaveLength(3);
});

test('a lap length comes from where lap distance wraps, not from mean speed × duration', () => {
  const log = makeRealLog({ speedBias: 1.05 });
  const laps = carLaps(trace(log), { sessionStart: log.time[0] });
  const complete = laps.filter((l) => l.lapTime !== undefined);
  expect(complete.length).toBe(log.truth.length);
  for (const lap of complete) expect(Math.abs(lap.length! - log.lapLength)).toBeLessThan(0.5);
});

test('laps cut by the recording start or end are incomplete, keep their end time, and claim no length or time', () => {
  const log = makeRealLog();
  const laps = carLaps(trace(log), { sessionStart: log.time[0] });
  const first = laps[0];
  const last = laps[laps.length - 1];
  for (const cut of [first, last]) {
    expect(cut.flags.incomplete).toBe(true);
    expect(cut.valid).toBe(false);
    expect(cut.endTime).toBeDefined();
    expect(cut.lapTime).toBeUndefined();
    expect(cut.length).toBeUndefined();
  }
  expect(first.lap).toBe(0);
  expect(last.endTime).toBe(log.time[log.time.length - 1]);
});

test('a car without energy or power channels has no energy per lap (absent, not 0 kWh)', () => {
  const log = makeRealLog();
  for (const lap of carLaps(trace(log))) {
    expect(lap).not.toHaveProperty('energyUsed');
    expect(lap).not.toHaveProperty('energyRegen');
  }
  const withPower: CarLapInputs = { ...trace(log), channels: { ...trace(log).channels, power: log.speed } };
  expect(carLaps(withPower)[1].energyUsed).toBeGreaterThan(0);
});

test('a timing hitch stays in the timestamps but not in the lap times', () => {
  const log = makeRealLog({ hitchAt: 2000, hitchTicks: 2 });
  const laps = carLaps(trace(log), { sessionStart: log.time[0] });
  expect(log.time[2000] - log.time[1999]).toBeCloseTo(50, 2);
  for (const truth of log.truth) {
    const lap = laps.find((l) => l.lap === truth.lap)!;
    expect(Math.abs(lap.lapTime! - truth.lapTime)).toBeLessThan(0.002);
  }
  // A dropped record (two ticks of time and two ticks of travel) is no hitch.
  const dropped = makeRealLog();
  const keep = Array.from(dropped.time.keys()).filter((i) => i !== 2000);
  const pick = (a: Float64Array) => Float64Array.from(keep, (i) => a[i]);
  const gapped: CarLapInputs = {
    car: '1',
    time: pick(dropped.time),
    channels: { lap: pick(dropped.lap), lap_distance: pick(dropped.lapDistance) },
  };
  const gappedLaps = carLaps(gapped, { sessionStart: dropped.time[0] });
  for (const truth of dropped.truth) {
    expect(Math.abs(gappedLaps.find((l) => l.lap === truth.lap)!.lapTime! - truth.lapTime)).toBeLessThan(0.002);
  }
});

test('0,0 fixes first and mid-session: the origin is a real fix, the import does not crash, the track is right', async () => {
  const log = makeRealLog({ zeroFirstFix: true, zeroFixes: [500, 501, 3000, 5000] });
  const session = await importLog(log);
  const { origin } = session.track;
  expect(Math.abs(origin.lat - log.origin.lat)).toBeLessThan(0.01);
  expect(Math.abs(origin.lon - log.origin.lon)).toBeLessThan(0.01);
  // The estimated centre line is the circle's, within a few metres (a 0,0 origin made it 25 % too long).
  expect(Math.abs(session.track.length - log.lapLength)).toBeLessThan(5);
  const x = session.range(log.time[0], log.time[10], ['1']).channels.x;
  expect(Number.isNaN(x[0])).toBe(true);
  expect(Number.isFinite(x[1])).toBe(true);
  session.close();
});

test('a looping replay of laps counted from 0 never repeats a lap number', async () => {
  const log = makeRealLog();
  const recording = await importLog(log, 'loop');
  const lastTime = log.time[log.time.length - 1];
  const passMs = lastTime - log.time[0];
  const replay = new ReplaySource(recording, {
    loop: true,
    startAt: log.time[0],
    clock: () => log.time[0] + 2.5 * passMs,
  });
  const numbers = replay.laps(log.time[0] + 2.5 * passMs).map((l) => l.lap);
  expect(new Set(numbers).size).toBe(numbers.length);
  expect(numbers.slice(0, 3)).toEqual([0, 1, 2]);
  recording.close();
});
