/**
 * Real logger files (trimmed public copies, see test/fixtures/real/README.md), imported as a user would: the format
 * found by content, then the report and the session checked against what the files are known to hold.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { detectFormat } from '../src/import/detect';
import { readIbt } from '../src/import/ibt';
import { readLd } from '../src/import/ld';
import { importNative } from '../src/import/native';
import { sessionsDir } from '../src/recording/layout';
import { RecordedSessionSource } from '../src/recording/recorded-source';

const FIXTURES = path.join(__dirname, 'fixtures', 'real');
let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eracing-real-fixture-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const open = (id: string) => RecordedSessionSource.open(path.join(sessionsDir(dataDir), id));

test('iRacing .ibt (Sebring, AMG GT4, pit-out): car, track and sectors from the session info, the zero frame dropped', async () => {
  const file = path.join(FIXTURES, 'iracing_sebring_amggt4_start.ibt');
  expect(detectFormat(file)).toEqual({ kind: 'ibt' });
  const { report } = await importNative({ file, dataDir, id: 'sebring', reader: readIbt });
  expect(report).toMatchObject({
    format: 'iRacing .ibt',
    rows: 150,
    car: '218 (Justin Makaila, Treehouse Racing)',
    track: 'Sebring International Raceway — International',
    trackLength: { metres: expect.closeTo(5793.8, 1), source: 'session info' },
    sectors: { source: 'session info' },
    lapTimes: { source: 'samples' },
    gpsDropouts: 1,
  });
  expect(report.rateHz).toBeCloseTo(60, 0);
  expect(report.sectors.ends).toHaveLength(7);
  // The car leaves its pit stall on lap 8: a lap cut by the recording's start, never a complete lap.
  expect(report.laps).toEqual([expect.objectContaining({ lap: 8, flags: ['outLap', 'incomplete'] })]);
  expect(report.laps[0].time).toBeUndefined();
  expect(report.notes).toEqual([expect.stringMatching(/^1 zero frame/)]);
  expect(report.channels.mapped).toHaveLength(24);
  expect(report.channels.kept).toEqual(expect.arrayContaining(['LapDeltaToBestLap (s)', 'OnPitRoad (no unit)']));

  const session = open('sebring');
  const all = session.range(session.summary.startTime, session.summary.endTime! + 1, ['218']);
  expect(all.time).toHaveLength(150);
  expect(Number.isNaN(all.channels.lap[0])).toBe(true); // the zero frame
  expect(all.channels.lap[1]).toBe(8);
  expect(all.channels.lap_distance[1]).toBeCloseTo(200.86, 1); // in the pit stall
  expect(Number.isFinite(all.channels.x[1])).toBe(true);
  expect(Math.abs(session.track.origin.lat - 27.45)).toBeLessThan(0.1); // Sebring, not 0,0
  expect(all.channels.OnPitRoad[1]).toBe(1);
  session.close();
});

test('ACC MoTeC .ld (Kyalami, R8 LMS EVO): channels at their own rates, and the report says why there are no laps', async () => {
  const file = path.join(FIXTURES, 'motec_acc_kyalami_r8evo_start.ld');
  expect(detectFormat(file)).toEqual({ kind: 'ld' });
  const { report } = await importNative({ file, dataDir, id: 'kyalami', reader: readLd });
  expect(report).toMatchObject({
    format: 'MoTeC .ld',
    rows: 1440,
    car: '1 (Car 1, R8 LMS EVO)',
    track: 'Kyalami — Kyalami',
    laps: [],
    trackLength: { source: 'none' },
    channels: { ignored: [] },
  });
  expect(report.rateHz).toBeCloseTo(240, 0);
  expect(report.channels.mapped).toEqual(expect.arrayContaining(['speed ← SPEED (m/s → km/h)']));
  expect(report.channels.kept).toEqual(expect.arrayContaining(['LAP_BEACON (..) 100 Hz', 'SUS_TRAVEL_LF (mm) 200 Hz']));
  expect(report.notes).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^no laps: the file has no lap counter, no lap distance and no GPS/),
    ]),
  );

  const session = open('kyalami');
  const all = session.range(session.summary.startTime, session.summary.endTime! + 1, ['1']);
  const present = (name: string) => Array.from(all.channels[name]).filter(Number.isFinite).length;
  // Each channel keeps its own samples, none invented: 6 s at 60, 20 and 200 Hz.
  expect(present('speed')).toBe(360);
  expect(present('gear')).toBe(120);
  expect(present('SUS_TRAVEL_LF')).toBe(1200);
  session.close();
});
