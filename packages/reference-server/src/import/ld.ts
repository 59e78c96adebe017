/**
 * MoTeC i2 `.ld` logs (the layout gotzl/ldparser documents), with the `.ldx` beside them for beacons when there is
 * one: the header and session (`ld-session.ts`), the channel directory (`ld-channels.ts`), and the samples brought
 * to one timebase without inventing any (`ld-samples.ts`).
 */
import { unitConversion } from '../recording/unit-convert';
import type { BinaryFile } from './binary-file';
import { describePlan, mapToCatalog } from './channel-map';
import { planChannels, readChannels } from './ld-channels';
import { LdSampleCopy, ldTimebase, type LdLaps } from './ld-samples';
import { ldCar, readBeacons, readLdHeader, startOf } from './ld-session';
import { LoggerLapTimes } from './logger-laps';
import { channelWithPositions, withObservedRanges, type NativeImport, type NativeReadOptions } from './native';

export function looksLikeLd(head: Buffer): boolean {
  if (head.length < 96) return false;
  const meta = head.readUInt32LE(8);
  const channels = head.readUInt32LE(86);
  return head.readUInt32LE(0) === 0x40 && meta >= 64 && channels > 0 && channels < 100_000;
}

export async function readLd(file: BinaryFile, options: NativeReadOptions): Promise<NativeImport> {
  const notes: string[] = [];
  const ignored: string[] = [];
  const header = readLdHeader(file);
  const { metaPtr, date, time } = header;
  const channels = readChannels(file, metaPtr, ignored);
  if (!channels.length) file.fail(metaPtr, 'no channel with samples: nothing to import');
  const plans = planChannels(channels);
  const timebase = ldTimebase(channels, notes);

  const beacons = readBeacons(file.file, notes);
  const hasLap = plans.some((p) => p.info.name === 'lap');
  const lapFromBeacons = beacons && beacons.length > 0 && !hasLap;
  const { channels: infos } = channelWithPositions(plans, false);
  if (lapFromBeacons) infos.push({ ...mapToCatalog('lap', 'beacons', '')!.info, rateHz: timebase.fastest });

  const start = startOf(date, time) ?? Date.UTC(2000, 0, 1);
  if (startOf(date, time) === undefined)
    notes.push(`no usable date and time in the header ("${date}" "${time}"): the session starts 2000-01-01`);
  const car = ldCar(header);
  const sink = await options.open({
    channels: infos,
    car: car.id,
    sessionStart: Math.floor(start / 1000) * 1000,
    maxRowsPerBatch: (options.batchMs / 1000) * timebase.rowsPerSecond + 4,
  });
  const lapIdx = plans.findIndex((p) => p.info.name === 'lap');
  const lapTimeIdx = channels.findIndex((c) => c.name === 'Lap Time');
  const laps: LdLaps = {
    beacons: lapFromBeacons ? beacons : undefined,
    beaconLapIdx: infos.length - 1,
    lapTimes: lapIdx >= 0 && lapTimeIdx >= 0 ? new LoggerLapTimes(channels[lapIdx].rate) : undefined,
    lapIdx,
    lapTimeIdx,
    lapTimeConvert:
      lapTimeIdx >= 0 ? (unitConversion(channels[lapTimeIdx].unit || 's', 's') ?? ((v: number) => v)) : undefined,
  };
  if (options.batchMs % 1000 !== 0 || start % 1000 !== 0) throw new Error('.ld import needs whole-second batches');
  try {
    await new LdSampleCopy(file, channels, plans, timebase, sink, laps, start).run(options.progress);
  } finally {
    await sink.close();
  }
  const { lapTimes } = laps;
  if (lapTimes) notes.push(...lapTimes.notes());
  let loggerLapTimes = lapTimes?.times();
  let lapTimeChannel = lapTimes ? 'Lap Time' : undefined;
  if (lapFromBeacons && beacons.length > 1) {
    // Lap k runs from beacon k-1 to beacon k: the logger's own timing of the line.
    loggerLapTimes = Object.fromEntries(beacons.slice(1).map((b, k) => [String(k + 1), b - beacons[k]]));
    lapTimeChannel = '.ldx beacons';
  }
  if (!hasLap && !lapFromBeacons && !plans.some((p) => p.info.name === 'lap_distance'))
    notes.push(
      'no lap counter, lap distance, beacons (.ldx) or GPS: laps cannot be found; speed alone does not say where the line is',
    );
  return {
    format: 'MoTeC .ld',
    car,
    trackName: [header.venueName, header.eventName, header.sessionName].filter(Boolean).join(' — ') || undefined,
    channels: withObservedRanges(infos, plans, sink),
    rows: sink.rows,
    firstTime: sink.firstTime,
    lastTime: sink.lastTime,
    records: timebase.totalTicks,
    loggerLapTimes: loggerLapTimes && Object.keys(loggerLapTimes).length ? loggerLapTimes : undefined,
    lapTimeChannel,
    gpsDropouts: 0,
    channelReport: {
      mapped: plans.filter((p) => p.mapped).map(describePlan),
      kept: plans.filter((p) => !p.mapped).map((p) => `${describePlan(p)} ${p.info.rateHz} Hz`),
      ignored,
    },
    notes,
  };
}
