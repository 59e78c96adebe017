/** `import <file>`: the format found from the content, MoTeC and AiM CSV exports without a mapping, bad files. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommandLine } from '../src/cli/main';
import type { CliIo } from '../src/cli/io';
import { sessionsDir } from '../src/recording/layout';
import { RecordedSessionSource } from '../src/recording/recorded-source';
import { writeIbt } from './helpers/ibt-writer';
import { ldChannels, writeLd } from './helpers/ld-writer';
import { makeRealLog, type RealLog } from './helpers/real-log';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eracing-detect-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ exitCode: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, cwd: dataDir, now: Date.now };
  const outcome = await runCommandLine(['import', ...args, '--data-dir', dataDir], io);
  if (!('exitCode' in outcome)) throw new Error('expected a command that ends');
  return { exitCode: outcome.exitCode, out, err };
}
const sessionDirs = () => (fs.existsSync(sessionsDir(dataDir)) ? fs.readdirSync(sessionsDir(dataDir)) : []);
const open = (id: string) => RecordedSessionSource.open(path.join(sessionsDir(dataDir), id));

function motecCsv(log: RealLog): string {
  const lines = [
    '"Format","MoTeC CSV File",,,"Workbook","Book1"',
    '"Venue","Test Ring",,,"Worksheet","Sheet1"',
    '"Vehicle","11A",,,"Vehicle Desc",""',
    '"Driver","A. Tester",,,"Engine ID",""',
    '"Device","ADL"',
    '"Comment","",,,"Session","2"',
    '"Log Date","01/06/2025",,,"Origin Time","0.000","s"',
    '"Log Time","10:00:00",,,"Start Time","0.000","s"',
    '"Sample Rate","20.000","Hz",,"End Time","10.000","s"',
    '"Duration","10.000","s",,"Start Distance","0","m"',
    '',
    '',
    '"Time","Distance","Ground Speed","Lap Number","Lap Distance","Oil Temp"',
    '"s","m","km/h","","m","C"',
    '',
  ];
  for (let i = 0; i < log.time.length; i += 3) {
    const t = ((log.time[i] - log.time[0]) / 1000).toFixed(3);
    lines.push(
      `"${t}","${i}","${(log.speed[i] * 3.6).toFixed(2)}","${log.lap[i]}","${log.lapDistance[i].toFixed(2)}","95.0"`,
    );
  }
  return lines.join('\r\n') + '\r\n';
}

function aimCsv(log: RealLog): string {
  const lines = [
    '"Format","AiM CSV File"',
    '"Session","Practice"',
    '"Vehicle","Kart 7"',
    '"Racer","A. Tester"',
    '"Track","Test Ring"',
    '"Date","Sunday, June 1, 2025"',
    '"Time","10:00 AM"',
    '"Sample Rate","20"',
    '',
    '"Time","GPS Speed","GPS Latitude","GPS Longitude","RPM","Water Temp"',
    '"s","km/h","deg","deg","rpm","C"',
    '',
  ];
  for (let i = 1; i < log.time.length; i += 3) {
    const t = ((log.time[i] - log.time[0]) / 1000).toFixed(3);
    lines.push(
      `"${t}","${(log.speed[i] * 3.6).toFixed(2)}","${log.lat[i].toFixed(8)}","${log.lon[i].toFixed(8)}","9000","60"`,
    );
  }
  return lines.join('\n') + '\n';
}

test('the format is found from the content, whatever the extension', async () => {
  const log = makeRealLog();
  writeIbt(path.join(dataDir, 'renamed.dat'), log);
  const ibt = await run([path.join(dataDir, 'renamed.dat')]);
  expect(ibt.exitCode).toBe(0);
  expect(ibt.out[0]).toMatch(/^iRacing \.ibt: /);
  expect(ibt.out).toContain('  lap times from the logger (LapLastLapTime)');
  writeLd(path.join(dataDir, 'motec.bin'), ldChannels(makeRealLog({ hz: 100 })), 20);
  const ld = await run([path.join(dataDir, 'motec.bin')]);
  expect(ld.out[0]).toMatch(/^MoTeC \.ld: /);
  expect(sessionDirs().sort()).toEqual(['motec', 'renamed']);
});

test('MoTeC i2 and AiM Race Studio CSV exports import without a mapping', async () => {
  const log = makeRealLog({ zeroFirstFix: false });
  fs.writeFileSync(path.join(dataDir, 'motec.csv'), motecCsv(log));
  const motec = await run([path.join(dataDir, 'motec.csv')]);
  expect(motec.exitCode).toBe(0);
  const m = open('motec');
  expect(m.summary.startTime).toBe(Date.UTC(2025, 5, 1, 10, 0, 0));
  expect(m.cars[0]).toMatchObject({ driver: 'A. Tester', team: '11A' });
  expect(m.channels.map((c) => c.name)).toEqual(
    expect.arrayContaining(['speed', 'lap', 'lap_distance', 'oil_temp', 'distance']),
  );
  expect(m.laps(Infinity).filter((l) => l.lapTime !== undefined)).toHaveLength(log.truth.length);
  m.close();

  fs.writeFileSync(path.join(dataDir, 'aim.csv'), aimCsv(log));
  const aim = await run([path.join(dataDir, 'aim.csv')]);
  expect(aim.exitCode).toBe(0);
  const a = open('aim');
  expect(a.summary.startTime).toBe(Date.UTC(2025, 5, 1, 10, 0, 0));
  expect(a.cars[0]).toMatchObject({ driver: 'A. Tester', team: 'Kart 7' });
  expect(a.channels.map((c) => c.name)).toEqual(
    expect.arrayContaining(['speed', 'lat', 'lon', 'x', 'y', 'motor_rpm', 'water_temp']),
  );
  const speed = a.range(a.summary.startTime, a.summary.startTime + 1000, ['1']).channels.speed;
  expect(speed[0]).toBeCloseTo(log.speed[1] * 3.6, 1);
  a.close();
});

test('an unknown or empty file gets one clear line with the byte offset, and nothing is written', async () => {
  fs.writeFileSync(
    path.join(dataDir, 'image.png'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  );
  const png = await run([path.join(dataDir, 'image.png')]);
  expect(png.exitCode).toBe(1);
  expect(png.err).toHaveLength(1);
  expect(png.err[0]).toMatch(
    /image\.png: byte 6: not a logger file this importer reads: expected an iRacing \.ibt .*, a MoTeC \.ld .* or a CSV text file/,
  );
  fs.writeFileSync(path.join(dataDir, 'empty.ibt'), '');
  const empty = await run([path.join(dataDir, 'empty.ibt')]);
  expect(empty.err).toEqual([expect.stringMatching(/empty\.ibt: byte 0: the file is empty/)]);
  expect(sessionDirs()).toEqual([]);
});

test('a generic CSV with comment lines before its header and after its rows (TrackAddict) imports with headerLine', async () => {
  const log = makeRealLog({ zeroFirstFix: false });
  const rows = [
    '# RaceRender Data: TrackAddict 4.3.5',
    '# GPS: Android',
    '"Time","Lap","Latitude","Longitude","Speed (Km/h)"',
  ];
  for (let i = 0; i < log.time.length; i += 6) {
    rows.push(
      `${(log.time[i] / 1000).toFixed(3)},${log.lap[i]},${log.lat[i].toFixed(7)},${log.lon[i].toFixed(7)},${(log.speed[i] * 3.6).toFixed(1)}`,
    );
  }
  rows.push('# Session End');
  const file = path.join(dataDir, 'trackaddict.csv');
  fs.writeFileSync(file, rows.join('\n') + '\n');
  const mapping = path.join(dataDir, 'trackaddict.json');
  fs.writeFileSync(
    mapping,
    JSON.stringify({
      headerLine: 3,
      time: { column: 'Time', unit: 'epoch_s' },
      channels: {
        lap: { column: 'Lap' },
        lat: { column: 'Latitude' },
        lon: { column: 'Longitude' },
        speed: { column: 'Speed (Km/h)', unit: 'km/h' },
      },
    }),
  );
  const result = await run([file, '--mapping', mapping]);
  expect(result.exitCode).toBe(0);
  expect(result.out).toContain(`  ${log.truth.length + 2} lap(s):`);
});
