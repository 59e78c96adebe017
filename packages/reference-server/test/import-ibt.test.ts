/** Native iRacing .ibt import, on files the tests write with the irsdk layout and the quirks of real ones. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readIbt } from '../src/import/ibt';
import { importNative } from '../src/import/native';
import { sessionsDir } from '../src/recording/layout';
import { RecordedSessionSource } from '../src/recording/recorded-source';
import { writeIbt } from './helpers/ibt-writer';
import { makeRealLog } from './helpers/real-log';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eracing-ibt-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const open = (id: string) => RecordedSessionSource.open(path.join(sessionsDir(dataDir), id));
const sessionDirs = () => (fs.existsSync(sessionsDir(dataDir)) ? fs.readdirSync(sessionsDir(dataDir)) : []);

test('maps channels by name with units converted, keeps unknown ones, and takes car and track from the session info', async () => {
  const log = makeRealLog();
  const file = path.join(dataDir, 'stint.ibt');
  writeIbt(file, log);
  const { report } = await importNative({ file, dataDir, reader: readIbt });
  const session = open('stint');
  expect(session.cars).toEqual([
    expect.objectContaining({ id: '42', number: 42, driver: 'A. Tester', team: 'Mercedes-AMG GT4' }),
  ]);
  expect(session.summary.track).toBe('Test Ring — Club');
  const names = session.channels.map((c) => c.name);
  expect(names).toEqual(
    expect.arrayContaining(['speed', 'motor_rpm', 'throttle', 'lap', 'lap_distance', 'lat', 'lon', 'x', 'y']),
  );
  expect(names).not.toContain('CarIdxLapDistPct');
  expect(report.channels.ignored).toEqual(expect.arrayContaining(['CarIdxLapDistPct (array of 64)']));

  const t = log.time[100];
  const batch = session.range(t, t + 1, ['42']);
  expect(batch.channels.speed[0]).toBeCloseTo(log.speed[100] * 3.6, 3);
  expect(batch.channels.throttle[0]).toBeCloseTo(80, 4);
  expect(batch.channels.g_lat[0]).toBeCloseTo((log.speed[100] ** 2 * 2 * Math.PI) / log.lapLength / 9.80665, 4);
  expect(batch.channels.tyre_pressure_fl[0]).toBeCloseTo(1.72, 5);
  // Seen from behind, the left edge of a left tyre is its outer shoulder, of a right tyre its inner one.
  expect(batch.channels.tyre_temp_fl_outer[0]).toBeCloseTo(80 + Math.sin(100 / 100), 4);
  expect(batch.channels.tyre_temp_fr_inner[0]).toBeCloseTo(80 + Math.sin(100 / 100), 4);
  expect(batch.channels.tyre_temp_fl_inner[0]).toBeCloseTo(90 + Math.sin(100 / 100), 4);
  expect(report.channels.ignored).toEqual(expect.arrayContaining(['LFtempCL (carcass; LFtempL is the surface)']));
  // An unknown channel keeps its name and unit and is queried like any other.
  const fuel = session.channels.find((c) => c.name === 'FuelLevel')!;
  expect(fuel).toMatchObject({ unit: 'l', displayName: 'FuelLevel' });
  expect(batch.channels.FuelLevel[0]).toBeCloseTo(50 - 100e-4, 4);
  // The zero frame first: no lap, no lap distance, no position there; the origin is a real fix.
  const first = session.range(log.time[0], log.time[0] + 1, ['42']);
  expect(Number.isNaN(first.channels.lap[0])).toBe(true);
  expect(Number.isNaN(first.channels.x[0])).toBe(true);
  expect(Math.abs(session.track.origin.lat - log.origin.lat)).toBeLessThan(0.01);
  expect(report.gpsDropouts).toBe(1);
  session.close();
});

test('lap times are the logger’s own (LapLastLapTime, 40 samples late) within 1 ms; cut laps are incomplete', async () => {
  const log = makeRealLog({ hitchAt: 1500 });
  const file = path.join(dataDir, 'laps.ibt');
  writeIbt(file, log);
  const { report } = await importNative({ file, dataDir, reader: readIbt });
  expect(report.lapTimes).toEqual({ source: 'logger', channel: 'LapLastLapTime' });
  const session = open('laps');
  const laps = session.laps(Infinity);
  expect(laps.map((l) => l.lap)).toEqual([0, 1, 2, 3, 4, 5]);
  for (const truth of log.truth) {
    const lap = laps.find((l) => l.lap === truth.lap)!;
    expect(Math.abs(lap.lapTime! - truth.lapTime)).toBeLessThan(0.001);
    expect(Math.abs(lap.startTime - truth.startTime)).toBeLessThan(5);
    expect(lap.length).toBeCloseTo(log.lapLength, 0);
  }
  for (const cut of [laps[0], laps[laps.length - 1]]) {
    expect(cut.flags.incomplete).toBe(true);
    expect(cut.lapTime).toBeUndefined();
    expect(cut.endTime).toBeDefined();
  }
  expect(report.laps.map((l) => l.flags)).toEqual([['outLap', 'incomplete'], [], [], [], [], ['incomplete']]);
  expect(report.trackLength.metres).toBeCloseTo(log.lapLength, -1);
  expect(report.trackLength.source).toBe('GPS');
  expect(report.sectors).toMatchObject({ source: 'session info' });
  expect(report.sectors.ends.map(Math.round)).toEqual([400, 900, Math.round(session.track.length)]);
  session.close();
});

test('a file cut short or not an .ibt gets one clear line with the byte offset, and nothing is written', async () => {
  const log = makeRealLog();
  const full = path.join(dataDir, 'full.ibt');
  const size = writeIbt(full, log);
  const cut = path.join(dataDir, 'cut.ibt');
  writeIbt(cut, log, { truncateTo: size - 700 });
  const error = await importNative({ file: cut, dataDir, reader: readIbt }).catch((e: Error) => e);
  expect(String(error)).toMatch(
    /cut\.ibt: byte \d+: the disk header counts \d+ records of \d+ bytes .* the file is cut short/,
  );
  expect(sessionDirs()).toEqual([]);

  const garbage = path.join(dataDir, 'garbage.ibt');
  fs.writeFileSync(
    garbage,
    Buffer.from('this is not telemetry at all, just some text that goes on for a while'.repeat(4)),
  );
  const bad = await importNative({ file: garbage, dataDir, reader: readIbt }).catch((e: Error) => e);
  expect(String(bad)).toMatch(/garbage\.ibt: byte 0: not an iRacing \.ibt file: expected header version 1 or 2/);
  expect(sessionDirs()).toEqual([]);
});
