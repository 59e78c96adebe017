/**
 * iRacing `.ibt` telemetry (the public irsdk disk layout), read record by record in chunks, never whole: the headers
 * and variable headers (`ibt-header.ts`), the session-info YAML at sessionInfoOffset (`ibt-session-info.ts`), the
 * variables as channels (`ibt-channels.ts`), and the records at bufOffset (`ibt-records.ts`).
 */
import { carColour } from '@eracing/telemetry-core/channels';
import { type CarInfo } from '@eracing/telemetry-core/protocol';
import { localProjection, robustGeoCentre, type GeoOrigin } from '@eracing/telemetry-core/track';
import type { BinaryFile } from './binary-file';
import { describePlan } from './channel-map';
import { planVars, reader, type Column } from './ibt-channels';
import { readIbtHeader, readIbtVars, type IbtHeader, type IbtVar } from './ibt-header';
import { IbtRecordCopy, type IbtRecordLayout } from './ibt-records';
import { readSessionInfo } from './ibt-session-info';
import { channelWithPositions, withObservedRanges, type NativeImport, type NativeReadOptions } from './native';

/** The records to read: the disk header's count, checked against what the file holds. */
function recordCount(file: BinaryFile, header: IbtHeader, notes: string[]): number {
  const available = Math.floor((file.size - header.bufOffset) / header.bufLen);
  let records = header.recordCount;
  if (records === 0) {
    records = available;
    notes.push(`the disk header counts no records (a live dump?): read the ${available} whole records the file holds`);
  } else if (records > available) {
    file.fail(
      header.bufOffset + available * header.bufLen,
      `the disk header counts ${records} records of ${header.bufLen} bytes from byte ${header.bufOffset}, but the file holds ${available} whole ones (it ends at byte ${file.size}): the file is cut short`,
    );
  }
  if (records === 0) file.fail(header.bufOffset, 'the file holds no telemetry records');
  return records;
}

/** The projection origin: the median of the first good fixes, never a dropout. */
function positionOrigin(
  file: BinaryFile,
  header: IbtHeader,
  records: number,
  lat: Column,
  lon: Column,
): GeoOrigin | undefined {
  const probe = Math.min(records, 600);
  const chunk = file.read(header.bufOffset, probe * header.bufLen, 'the first records');
  const readLat = reader(lat.v);
  const readLon = reader(lon.v);
  const lats = new Float64Array(probe);
  const lons = new Float64Array(probe);
  for (let r = 0; r < probe; r++) {
    lats[r] = readLat(chunk, r * header.bufLen);
    lons[r] = readLon(chunk, r * header.bufLen);
  }
  return robustGeoCentre(lats, lons);
}

/** A single-valued variable's reader, when the file has the variable. */
function readerOf(byName: ReadonlyMap<string, IbtVar>, name: string) {
  const v = byName.get(name);
  return v && v.count === 1 ? reader(v) : undefined;
}

/** Where the copy finds each column in a record, and the columns it checks. */
function recordLayout(
  columns: readonly Column[],
  byName: ReadonlyMap<string, IbtVar>,
  readTime: (b: Buffer, at: number) => number,
  positions: { origin?: GeoOrigin; xIdx: number; yIdx: number },
): IbtRecordLayout {
  const plans = columns.map((c) => c.plan);
  const index = (name: string) => plans.findIndex((p) => p.info.name === name);
  const [latIdx, lonIdx] = [index('lat'), index('lon')];
  return {
    readTime,
    offsets: Int32Array.from(columns, (c) => c.v.offset),
    types: Uint8Array.from(columns, (c) => c.v.type),
    // Kept channels are stored as logged; only the mapped ones are converted.
    converted: plans.flatMap((p, c) => (p.mapped ? [c] : [])),
    converts: plans.map((p) => p.convert),
    lapIdx: index('lap'),
    distIdx: index('lap_distance'),
    latIdx,
    lonIdx,
    xIdx: positions.xIdx,
    yIdx: positions.yIdx,
    hasPositions: latIdx >= 0 && lonIdx >= 0,
    project: positions.origin ? localProjection(positions.origin).toMetres : undefined,
    readLap: readerOf(byName, 'Lap'),
    readLastLap: readerOf(byName, 'LapLastLapTime'),
  };
}

export async function readIbt(file: BinaryFile, options: NativeReadOptions): Promise<NativeImport> {
  const notes: string[] = [];
  const header = readIbtHeader(file);
  const vars = readIbtVars(file, header);
  const info = readSessionInfo(file, header, notes);
  const records = recordCount(file, header, notes);

  const byName = new Map(vars.map((v) => [v.name, v]));
  const sessionTimeVar = byName.get('SessionTime');
  if (!sessionTimeVar || sessionTimeVar.count !== 1 || sessionTimeVar.type !== 5)
    file.fail(header.varHeaderOffset, 'expected a SessionTime variable (double) to time the records');
  const readTime = reader(sessionTimeVar);
  const { columns, ignored } = planVars(vars, header.tickRate);
  const plans = columns.map((c) => c.plan);
  const latIdx = plans.findIndex((p) => p.info.name === 'lat');
  const lonIdx = plans.findIndex((p) => p.info.name === 'lon');
  const origin =
    latIdx >= 0 && lonIdx >= 0 ? positionOrigin(file, header, records, columns[latIdx], columns[lonIdx]) : undefined;
  const { channels, xIdx, yIdx } = channelWithPositions(plans, origin !== undefined);
  const layout = recordLayout(columns, byName, readTime, { origin, xIdx, yIdx });

  const startEpoch = header.startDate > 0 ? header.startDate * 1000 : Date.UTC(2000, 0, 1);
  const t0 = readTime(file.read(header.bufOffset, header.bufLen, 'the first record'), 0);
  const car: CarInfo = info.car ?? {
    id: '1',
    number: 1,
    driver: 'Car 1',
    team: info.carName ?? '',
    colour: carColour('1'),
  };
  const sink = await options.open({
    channels,
    car: car.id,
    sessionStart: Math.floor(startEpoch / 1000) * 1000,
    maxRowsPerBatch: (options.batchMs / 1000) * header.tickRate * 1.5 + 4,
  });
  const copy = new IbtRecordCopy(file, header, records, layout, sink, startEpoch, t0);
  try {
    await copy.run(options.progress);
  } finally {
    await sink.close();
  }
  if (sink.rows === 0) file.fail(header.bufOffset, 'no record has a usable SessionTime');
  if (copy.zeroFrames)
    notes.push(`${copy.zeroFrames} zero frame(s) (lap 0 at 0 m at 0,0: a reset or tow): no lap or lap distance there`);
  if (copy.outOfOrder) notes.push(`${copy.outOfOrder} record(s) whose SessionTime went backwards were left out`);
  notes.push(...copy.laps.notes());
  return {
    format: 'iRacing .ibt',
    car,
    trackName: info.track,
    statedTrackLength: info.trackLength,
    sectorEnds:
      info.sectorStarts && info.trackLength
        ? { ends: info.sectorStarts.map((p) => p * info.trackLength!), source: 'session info' }
        : undefined,
    origin,
    channels: withObservedRanges(channels, plans, sink),
    rows: sink.rows,
    firstTime: sink.firstTime,
    lastTime: sink.lastTime,
    records,
    loggerLapTimes: copy.laps.times(),
    lapTimeChannel: layout.readLastLap ? 'LapLastLapTime' : undefined,
    gpsDropouts: copy.gpsDropouts,
    channelReport: {
      mapped: plans.filter((p) => p.mapped).map(describePlan),
      kept: plans.filter((p) => !p.mapped).map(describePlan),
      ignored,
    },
    notes,
  };
}
