/** Native MoTeC .ld import (with its .ldx), on files the tests write with channels at 1–100 Hz. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLd } from '../src/import/ld';
import { importNative } from '../src/import/native';
import { sessionsDir } from '../src/recording/layout';
import { RecordedSessionSource } from '../src/recording/recorded-source';
import { ldChannels, writeLd, writeLdx } from './helpers/ld-writer';
import { makeRealLog } from './helpers/real-log';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eracing-ld-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const open = (id: string) => RecordedSessionSource.open(path.join(sessionsDir(dataDir), id));
const sessionDirs = () => (fs.existsSync(sessionsDir(dataDir)) ? fs.readdirSync(sessionsDir(dataDir)) : []);
const log = makeRealLog({ hz: 100, zeroFirstFix: false });
const duration = log.time.length / log.hz;

test('channels keep their own rates and scaling; rows are the union of their sample instants, nothing invented', async () => {
  const file = path.join(dataDir, 'calder.ld');
  writeLd(file, ldChannels(log), duration);
  const { report } = await importNative({ file, dataDir, reader: readLd });
  const session = open('calder');
  expect(session.summary.track).toBe('Test Ring — Test day — Session 2');
  expect(session.cars[0]).toMatchObject({ driver: 'A. Tester', team: '11A' });
  const rate = (name: string) => session.channels.find((c) => c.name === name)?.rateHz;
  expect([rate('speed'), rate('motor_rpm'), rate('g_lat'), rate('Oil Temp'), rate('lap')]).toEqual([
    50, 20, 100, 1, 10,
  ]);
  const start = session.summary.startTime;
  expect(start).toBe(Date.UTC(2025, 5, 1, 10, 0, 0));
  const batch = session.range(start, start + 1000, ['1']);
  // 100 rows a second: every channel's rate divides 100 Hz.
  expect(batch.time.length).toBe(100);
  const count = (name: string) => Array.from(batch.channels[name]).filter(Number.isFinite).length;
  expect([count('speed'), count('motor_rpm'), count('g_lat'), count('Oil Temp')]).toEqual([50, 20, 100, 1]);
  // Scaling: int16 with dec=1 for speed, mul=2 for rpm, dec=1 for the oil temperature kept under its own name.
  expect(batch.channels.speed[2]).toBeCloseTo(Math.round(log.speed[2] * 36) / 10, 4);
  expect(Number.isNaN(batch.channels.speed[1])).toBe(true);
  expect(batch.channels.motor_rpm[5]).toBeCloseTo(2 * Math.round((6000 + 10 * log.speed[5]) / 2), 4);
  expect(batch.channels.g_lat[50]).toBeCloseTo(Math.sin(1), 2);
  expect(batch.channels['Oil Temp'][0]).toBeCloseTo(95, 4);
  expect(session.channels.find((c) => c.name === 'Oil Temp')).toMatchObject({ unit: 'C' });
  expect(report.notes.join(' ')).toMatch(/channels at 1, 10, 20, 50, 100 Hz: 100 rows a second/);
  session.close();
});

test('lap times come from the logger’s Lap Time channel (the previous lap’s time) within 1 ms', async () => {
  const file = path.join(dataDir, 'laps.ld');
  writeLd(file, ldChannels(log), duration);
  const { report } = await importNative({ file, dataDir, reader: readLd });
  expect(report.lapTimes).toEqual({ source: 'logger', channel: 'Lap Time' });
  const session = open('laps');
  const laps = session.laps(Infinity);
  for (const truth of log.truth) {
    expect(Math.abs(laps.find((l) => l.lap === truth.lap)!.lapTime! - truth.lapTime)).toBeLessThan(0.001);
  }
  expect(laps[0].flags.incomplete).toBe(true);
  expect(laps[laps.length - 1].flags.incomplete).toBe(true);
  session.close();
});

test('without lap channels, the .ldx beacons beside the log give the laps and their times', async () => {
  const file = path.join(dataDir, 'beacons.ld');
  writeLd(file, ldChannels(log, { lapChannels: false }), duration);
  writeLdx(path.join(dataDir, 'beacons.ldx'), log);
  const { report } = await importNative({ file, dataDir, reader: readLd });
  expect(report.lapTimes).toEqual({ source: 'logger', channel: '.ldx beacons' });
  const session = open('beacons');
  const timed = session.laps(Infinity).filter((l) => l.lapTime !== undefined);
  expect(timed.length).toBe(log.truth.length);
  timed.forEach((lap, k) => expect(Math.abs(lap.lapTime! - log.truth[k].lapTime)).toBeLessThan(0.001));
  session.close();
});

test('a cut-short or looping .ld gets one line with the byte offset, and nothing is written', async () => {
  const cut = path.join(dataDir, 'cut.ld');
  const size = writeLd(cut, ldChannels(log), duration);
  fs.truncateSync(cut, size - 100);
  expect(String(await importNative({ file: cut, dataDir, reader: readLd }).catch((e) => e))).toMatch(
    /cut\.ld: byte \d+: channel "Lap Time": \d+ samples of 4 bytes from byte \d+ run past the end of the file .*cut short/,
  );
  const loop = path.join(dataDir, 'loop.ld');
  writeLd(loop, ldChannels(log), duration, { loop: true });
  expect(String(await importNative({ file: loop, dataDir, reader: readLd }).catch((e) => e))).toMatch(
    /loop\.ld: byte \d+: the channel list loops back on itself/,
  );
  expect(sessionDirs()).toEqual([]);
});
