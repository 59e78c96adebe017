import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sessionDir } from '../src/recording/layout';
import { RecordedSessionSource } from '../src/recording/recorded-source';
import { SessionRecorder } from '../src/recording/recorder';
import { ReplaySource } from '../src/recording/replay';
import { circleLapTime, circleSource } from './recording-fixture-source';

const START = Date.UTC(2025, 4, 17, 10, 0, 0);
/** Wall-clock time the replays start. */
const NOW = Date.UTC(2025, 6, 1, 12, 0, 0, 250);
let dataDir: string;
let recording: RecordedSessionSource;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eracing-replay-'));
  // 45 s of two cars: car 1 is on lap 3 at the end, car 2 on lap 3.
  const recorder = await SessionRecorder.open({
    dataDir,
    source: circleSource({ startTime: START }),
    origin: { type: 'simulator', seed: 1, cars: 2 },
    clock: () => START + 45_000,
  });
  await recorder.tick();
  await recorder.close();
  expect(recorder.lastRecordedSeq).toBe(449);
  recording = RecordedSessionSource.open(sessionDir(dataDir, 'circle'));
});
afterAll(() => {
  recording.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('at 10× with times shifted to now, batches arrive ten times as fast, renumbered under a new epoch', () => {
  let now = NOW;
  const replay = new ReplaySource(recording, { speed: 10, shiftToNow: true, clock: () => now });
  expect(replay.epoch).not.toBe(recording.epoch);
  expect(replay.summary).toMatchObject({ id: 'circle-replay', kind: 'replay', live: true, startTime: NOW });
  expect(replay.lastSeq(NOW)).toBe(-1);
  // 1.5 s of wall clock plays 15 s of the recording: batches 0–149.
  expect(replay.lastSeq(NOW + 1500)).toBe(149);
  const batch = replay.batch(120);
  const original = recording.batch(120);
  expect(batch.time[0]).toBe(original.time[0] - START + NOW);
  expect(batch.time[0]).toBe(NOW + 12_000);
  expect(Array.from(batch.channels.x)).toEqual(Array.from(original.channels.x));

  // Only what has been played is there to query.
  now = NOW + 1500;
  const played = replay.range(NOW, NOW + 60_000, ['1']);
  expect(played.time[played.time.length - 1]).toBe(NOW + 14_980);
  expect(
    replay
      .events(NOW, NOW + 60_000)
      .filter((e) => e.kind === 'flag')
      .map((e) => e.time),
  ).toEqual([NOW + 10_000]);
});

test('laps keep their times, shifted; the lap being played is in progress with what it has covered so far', () => {
  const replay = new ReplaySource(recording, { speed: 10, shiftToNow: true, clock: () => NOW + 3000, startAt: NOW });
  // 30 s played: car 1 finished laps 1 (0–20 s) and is 10 s into lap 2.
  const laps = replay.laps(NOW + 3000).filter((l) => l.car === '1');
  expect(laps.map((l) => l.lap)).toEqual([1, 2]);
  expect(laps[0].endTime).toBeCloseTo(NOW + 20_000, 3);
  const current = laps[1];
  expect(current.endTime).toBeUndefined();
  expect(current.lapTime).toBeUndefined();
  expect(current.flags.incomplete).toBe(true);
  expect(current.sectorTimes.map((t) => +t.toFixed(4))).toEqual([5]);
  expect(current.energyUsed).toBeCloseTo(0.5, 3);
  expect(current.length).toBeCloseTo(500, 0);

  const car2 = replay.laps(NOW + 3000).filter((l) => l.car === '2');
  expect(car2.map((l) => l.lap)).toEqual([1, 2]);
  expect(car2[0].endTime).toBeCloseTo(NOW + circleLapTime(1) * 1000, 3);
});

test('with recorded times the replay plays the original timeline; without --loop it ends with the recording', () => {
  let now = NOW;
  const replay = new ReplaySource(recording, { speed: 10, clock: () => now });
  expect(replay.summary.startTime).toBe(START);
  expect(replay.batch(7).time[0]).toBe(START + 700);
  now = NOW + 10_000;
  expect(replay.lastSeq(now)).toBe(449);
  expect(replay.summary).toMatchObject({ live: false, endTime: recording.summary.endTime });
  expect(replay.laps(now)).toEqual(recording.laps(Infinity));
});

test('with --loop each pass follows the last, later by the recording length, with lap numbers going on', () => {
  const now = NOW + 5000;
  const replay = new ReplaySource(recording, { speed: 10, loop: true, clock: () => now, startAt: NOW });
  expect(replay.lastSeq(now)).toBe(499);
  expect(replay.summary.live).toBe(true);
  const second = replay.batch(455);
  const original = recording.batch(5);
  expect(second.time[0]).toBe(original.time[0] + 45_000);
  // Car 1 reached lap 3 in the recording, so its laps on the second pass are numbered from 4.
  expect(second.channels.lap[0]).toBe(original.channels.lap[0] + 3);
  const car1 = replay
    .laps(now)
    .filter((l) => l.car === '1')
    .map((l) => l.lap);
  expect(car1).toEqual([1, 2, 3, 4]);
  const range = replay.range(START + 44_000, START + 46_000, ['1']);
  expect(range.time.length).toBe(100);
  expect(range.time[49]).toBe(START + 44_980);
  expect(range.time[50]).toBe(START + 45_000);
});
