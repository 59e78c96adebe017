/**
 * iRacing `.ibt` telemetry (the public irsdk disk layout), read record by record in chunks, never whole:
 *
 *   0    irsdk_header (48 bytes + 4 varBuf entries of 16): ver, status, tickRate, sessionInfoUpdate, sessionInfoLen,
 *        sessionInfoOffset, numVars, varHeaderOffset, numBuf, bufLen, …, varBuf[0].bufOffset @52
 *   112  disk sub-header: sessionStartDate (int64 time_t), sessionStartTime, sessionEndTime (float64), lapCount,
 *        recordCount (int32)
 *   varHeaderOffset   numVars × 144 bytes: type, offset, count, countAsTime, name[32], desc[64], unit[32]
 *   sessionInfoOffset session-info YAML (track, drivers, sectors)
 *   bufOffset         recordCount records of bufLen bytes
 */
import { carColour, sourceZoneToTyreZone, type Wheel } from '@eracing/telemetry-core/channels';
import { type CarInfo } from '@eracing/telemetry-core/protocol';
import { localProjection, robustGeoCentre, type GeoOrigin } from '@eracing/telemetry-core/track';
import { parse as parseYaml } from 'yaml';
import { BinaryFile, cString } from './binary-file';
import { describePlan, keepChannel, mapToCatalog, type ChannelPlan } from './channel-map';
import { LoggerLapTimes } from './logger-laps';
import { channelWithPositions, withObservedRanges, type NativeImport, type NativeReadOptions } from './native';

const HEADER_BYTES = 144;
const VAR_HEADER_BYTES = 144;
const TYPE_SIZES = [1, 1, 4, 4, 4, 8];
const TYPE_NAMES = ['char', 'bool', 'int', 'bitField', 'float', 'double'];
/** Records read per chunk. */
const CHUNK_RECORDS = 1024;

export interface IbtHeader {
  version: number;
  tickRate: number;
  sessionInfoLen: number;
  sessionInfoOffset: number;
  numVars: number;
  varHeaderOffset: number;
  numBuf: number;
  bufLen: number;
  bufOffset: number;
  startDate: number;
  startTime: number;
  endTime: number;
  lapCount: number;
  recordCount: number;
}

export interface IbtVar {
  name: string;
  unit: string;
  desc: string;
  type: number;
  offset: number;
  count: number;
}

/** True when the first bytes look like an irsdk disk header. */
export function looksLikeIbt(head: Buffer): boolean {
  if (head.length < HEADER_BYTES) return false;
  const version = head.readInt32LE(0);
  const tickRate = head.readInt32LE(8);
  const numVars = head.readInt32LE(24);
  const varHeaderOffset = head.readInt32LE(28);
  const bufLen = head.readInt32LE(36);
  return (
    (version === 1 || version === 2) &&
    tickRate > 0 &&
    tickRate <= 1000 &&
    numVars > 0 &&
    numVars < 100_000 &&
    varHeaderOffset >= HEADER_BYTES &&
    bufLen > 0
  );
}

export function readIbtHeader(file: BinaryFile): IbtHeader {
  const b = file.read(0, HEADER_BYTES, 'the irsdk header');
  const header: IbtHeader = {
    version: b.readInt32LE(0),
    tickRate: b.readInt32LE(8),
    sessionInfoLen: b.readInt32LE(16),
    sessionInfoOffset: b.readInt32LE(20),
    numVars: b.readInt32LE(24),
    varHeaderOffset: b.readInt32LE(28),
    numBuf: b.readInt32LE(32),
    bufLen: b.readInt32LE(36),
    bufOffset: b.readInt32LE(52),
    startDate: Number(b.readBigInt64LE(112)),
    startTime: b.readDoubleLE(120),
    endTime: b.readDoubleLE(128),
    lapCount: b.readInt32LE(136),
    recordCount: b.readInt32LE(140),
  };
  const check = (ok: boolean, byte: number, what: string) => {
    if (!ok) file.fail(byte, `not an iRacing .ibt file: ${what}`);
  };
  check(header.version === 1 || header.version === 2, 0, `expected header version 1 or 2, found ${header.version}`);
  check(
    header.tickRate > 0 && header.tickRate <= 1000,
    8,
    `expected a tick rate of 1–1000 Hz, found ${header.tickRate}`,
  );
  check(header.numVars > 0 && header.numVars < 100_000, 24, `expected 1–99999 variables, found ${header.numVars}`);
  check(
    header.bufLen > 0 && header.bufLen < 1 << 24,
    36,
    `expected a record length of 1 B–16 MB, found ${header.bufLen}`,
  );
  check(header.varHeaderOffset >= HEADER_BYTES, 28, `variable headers at byte ${header.varHeaderOffset}`);
  check(header.bufOffset >= HEADER_BYTES && header.bufOffset <= file.size, 52, `records at byte ${header.bufOffset}`);
  check(header.recordCount >= 0, 140, `record count ${header.recordCount}`);
  check(Number.isFinite(header.startTime), 120, 'session start time is not a number');
  return header;
}

export function readIbtVars(file: BinaryFile, header: IbtHeader): IbtVar[] {
  const b = file.read(header.varHeaderOffset, header.numVars * VAR_HEADER_BYTES, 'the variable headers');
  const vars: IbtVar[] = [];
  for (let k = 0; k < header.numVars; k++) {
    const at = k * VAR_HEADER_BYTES;
    const v: IbtVar = {
      type: b.readInt32LE(at),
      offset: b.readInt32LE(at + 4),
      count: b.readInt32LE(at + 8),
      name: cString(b, at + 16, 32),
      desc: cString(b, at + 48, 64),
      unit: cString(b, at + 112, 32),
    };
    const where = header.varHeaderOffset + at;
    if (!(v.type >= 0 && v.type < TYPE_SIZES.length))
      file.fail(where, `variable ${k} (${v.name}): unknown type ${v.type}`);
    if (!(v.count >= 1) || v.offset < 0 || v.offset + v.count * TYPE_SIZES[v.type] > header.bufLen)
      file.fail(
        where,
        `variable ${k} (${v.name}): ${v.count} × ${TYPE_NAMES[v.type]} at ${v.offset} lies outside the ${header.bufLen}-byte record`,
      );
    vars.push(v);
  }
  return vars;
}

interface SessionInfo {
  track?: string;
  trackLength?: number;
  sectorStarts?: number[];
  car?: CarInfo;
  carName?: string;
}

function readSessionInfo(file: BinaryFile, header: IbtHeader, notes: string[]): SessionInfo {
  if (header.sessionInfoLen <= 0) {
    notes.push('no session info: track, car and driver unknown');
    return {};
  }
  const bytes = file.read(header.sessionInfoOffset, header.sessionInfoLen, 'the session info');
  let doc: Record<string, unknown>;
  try {
    doc = (parseYaml(cString(bytes, 0, bytes.length), { strict: false, uniqueKeys: false }) ?? {}) as Record<
      string,
      unknown
    >;
  } catch (error) {
    notes.push(
      `session info at byte ${header.sessionInfoOffset} is not readable YAML (${(error as Error).message.split('\n')[0]}): track, car and driver unknown`,
    );
    return {};
  }
  const info: SessionInfo = {};
  const weekend = (doc.WeekendInfo ?? {}) as Record<string, unknown>;
  const name = [weekend.TrackDisplayName, weekend.TrackConfigName]
    .filter((s) => typeof s === 'string' && s)
    .join(' — ');
  if (name) info.track = name;
  const length = /([\d.]+)\s*(km|mi)/.exec(String(weekend.TrackLength ?? ''));
  if (length) info.trackLength = Number(length[1]) * (length[2] === 'mi' ? 1609.344 : 1000);
  const split = ((doc.SplitTimeInfo ?? {}) as Record<string, unknown>).Sectors;
  if (Array.isArray(split)) {
    const starts = split
      .map((s) => Number((s as Record<string, unknown>).SectorStartPct))
      .filter((p) => p > 0 && p < 1);
    if (starts.length) info.sectorStarts = starts;
  }
  const driverInfo = (doc.DriverInfo ?? {}) as Record<string, unknown>;
  const drivers = Array.isArray(driverInfo.Drivers) ? (driverInfo.Drivers as Record<string, unknown>[]) : [];
  const me = drivers.find((d) => d.CarIdx === driverInfo.DriverCarIdx);
  if (me) {
    const number = String(me.CarNumber ?? '').trim() || '1';
    const driver = String(me.UserName ?? '').trim() || `Car ${number}`;
    const team = String(me.TeamName ?? '').trim();
    info.carName = String(me.CarScreenName ?? me.CarPath ?? '').trim() || undefined;
    info.car = {
      id: number,
      number: /^\d+$/.test(number) ? Number(number) : 0,
      driver,
      team: team === driver ? (info.carName ?? '') : team || (info.carName ?? ''),
      colour: carColour(number),
    };
  }
  return info;
}

const WHEELS: Record<string, Wheel> = { LF: 'fl', RF: 'fr', LR: 'rl', RR: 'rr' };

/** iRacing variable → catalog channel, for the variables the catalog knows. */
function planIbtVar(v: IbtVar): ChannelPlan | undefined {
  const unit = v.unit;
  switch (v.name) {
    case 'Speed':
      return mapToCatalog('speed', v.name, unit);
    case 'RPM':
      return mapToCatalog('motor_rpm', v.name, unit);
    case 'Gear':
      return mapToCatalog('gear', v.name, '');
    case 'Throttle':
      return mapToCatalog('throttle', v.name, unit, { fraction: true });
    case 'Brake':
      return mapToCatalog('brake', v.name, unit, { fraction: true });
    case 'SteeringWheelAngle':
      return mapToCatalog('steering', v.name, unit);
    case 'Lat':
      return mapToCatalog('lat', v.name, 'deg');
    case 'Lon':
      return mapToCatalog('lon', v.name, 'deg');
    case 'LapDist':
      return mapToCatalog('lap_distance', v.name, unit);
    case 'Lap':
      return mapToCatalog('lap', v.name, '');
    case 'LatAccel':
      return mapToCatalog('g_lat', v.name, unit);
    case 'LongAccel':
      return mapToCatalog('g_long', v.name, unit);
  }
  // LFpress, LFtempL/M/R (surface) or LFtempCL/CM/CR (carcass): left/right of the tread as seen from behind.
  const tyre = /^(LF|RF|LR|RR)(press|temp(C?)([LMR]))$/.exec(v.name);
  if (tyre) {
    const wheel = WHEELS[tyre[1]];
    if (tyre[2] === 'press') return mapToCatalog(`tyre_pressure_${wheel}`, v.name, unit);
    const zone = sourceZoneToTyreZone(wheel, tyre[4] === 'L' ? 'left' : tyre[4] === 'M' ? 'middle' : 'right');
    return mapToCatalog(`tyre_temp_${wheel}_${zone}`, v.name, unit);
  }
  return undefined;
}

function ibtType(v: IbtVar): 'f32' | 'f64' {
  // Doubles (positions, session time) and integers or bit fields wider than float32's 24-bit mantissa.
  return v.type === 5 || v.type === 2 || v.type === 3 ? 'f64' : 'f32';
}

interface Column {
  plan: ChannelPlan;
  v: IbtVar;
}

/** Plans every variable: mapped, kept, or ignored with the reason. Surface temperatures win over carcass ones. */
function planVars(vars: readonly IbtVar[], rateHz: number) {
  const columns: Column[] = [];
  const ignored: string[] = [];
  const byChannel = new Map<string, Column>();
  for (const v of vars) {
    if (v.count > 1) {
      ignored.push(`${v.name} (array of ${v.count})`);
      continue;
    }
    if (v.type === 0) {
      ignored.push(`${v.name} (text)`);
      continue;
    }
    const mapped = planIbtVar(v);
    if (mapped) {
      const held = byChannel.get(mapped.info.name);
      const carcass = /tempC[LMR]$/.test(v.name);
      if (held && carcass) {
        ignored.push(`${v.name} (carcass; ${held.v.name} is the surface)`);
        continue;
      }
      if (held) {
        ignored.push(`${held.v.name} (carcass; ${v.name} is the surface)`);
        columns.splice(columns.indexOf(held), 1);
      }
      mapped.info.rateHz = rateHz;
      const column = { plan: mapped, v };
      byChannel.set(mapped.info.name, column);
      columns.push(column);
    } else {
      columns.push({ plan: keepChannel(v.name, v.unit, ibtType(v), rateHz), v });
    }
  }
  return { columns, ignored };
}

function reader(v: IbtVar): (b: Buffer, at: number) => number {
  const o = v.offset;
  switch (v.type) {
    case 1:
      return (b, at) => b[at + o];
    case 2:
      return (b, at) => b.readInt32LE(at + o);
    case 3:
      return (b, at) => b.readUInt32LE(at + o);
    case 4:
      return (b, at) => b.readFloatLE(at + o);
    default:
      return (b, at) => b.readDoubleLE(at + o);
  }
}

export async function readIbt(file: BinaryFile, options: NativeReadOptions): Promise<NativeImport> {
  const notes: string[] = [];
  const header = readIbtHeader(file);
  const vars = readIbtVars(file, header);
  const info = readSessionInfo(file, header, notes);
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

  const byName = new Map(vars.map((v) => [v.name, v]));
  const sessionTimeVar = byName.get('SessionTime');
  if (!sessionTimeVar || sessionTimeVar.count !== 1 || sessionTimeVar.type !== 5)
    file.fail(header.varHeaderOffset, 'expected a SessionTime variable (double) to time the records');
  const readTime = reader(sessionTimeVar);
  const { columns, ignored } = planVars(vars, header.tickRate);
  const plans = columns.map((c) => c.plan);
  const readers = columns.map((c) => reader(c.v));
  const converts = plans.map((p) => p.convert);
  // Kept channels are stored as logged; only the mapped ones are converted.
  const converted = plans.flatMap((p, c) => (p.mapped ? [c] : []));
  const offsets = Int32Array.from(columns, (c) => c.v.offset);
  const types = Uint8Array.from(columns, (c) => c.v.type);
  const index = (name: string) => plans.findIndex((p) => p.info.name === name);
  const lapIdx = index('lap');
  const distIdx = index('lap_distance');
  const latIdx = index('lat');
  const lonIdx = index('lon');
  const lastLapVar = byName.get('LapLastLapTime');
  const readLastLap = lastLapVar && lastLapVar.count === 1 ? reader(lastLapVar) : undefined;
  const lapVar = byName.get('Lap');
  const readLap = lapVar && lapVar.count === 1 ? reader(lapVar) : undefined;

  // Positions: the projection origin is the median of the first good fixes, never a dropout.
  let origin: GeoOrigin | undefined;
  const hasPositions = latIdx >= 0 && lonIdx >= 0;
  if (hasPositions) {
    const probe = Math.min(records, 600);
    const chunk = file.read(header.bufOffset, probe * header.bufLen, 'the first records');
    const lat = new Float64Array(probe);
    const lon = new Float64Array(probe);
    for (let r = 0; r < probe; r++) {
      lat[r] = readers[latIdx](chunk, r * header.bufLen);
      lon[r] = readers[lonIdx](chunk, r * header.bufLen);
    }
    origin = robustGeoCentre(lat, lon);
  }
  const { channels, xIdx, yIdx } = channelWithPositions(plans, origin !== undefined);
  const project = origin ? localProjection(origin).toMetres : undefined;

  const startEpoch = header.startDate > 0 ? header.startDate * 1000 : Date.UTC(2000, 0, 1);
  const firstTime = file.read(header.bufOffset, header.bufLen, 'the first record');
  const t0 = readTime(firstTime, 0);
  const sessionStart = Math.floor(startEpoch / 1000) * 1000;
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
    sessionStart,
    maxRowsPerBatch: (options.batchMs / 1000) * header.tickRate * 1.5 + 4,
  });
  const laps = new LoggerLapTimes(header.tickRate);
  let zeroFrames = 0;
  let outOfOrder = 0;
  let gpsDropouts = 0;
  let lastTime = -Infinity;
  let buffer: Buffer = Buffer.allocUnsafe(Math.min(records, CHUNK_RECORDS) * header.bufLen);
  const k = plans.length;
  try {
    for (let first = 0; first < records; first += CHUNK_RECORDS) {
      const count = Math.min(CHUNK_RECORDS, records - first);
      buffer = file.read(
        header.bufOffset + first * header.bufLen,
        count * header.bufLen,
        `records ${first}–${first + count - 1}`,
        buffer,
      );
      const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      for (let r = 0; r < count; r++) {
        const at = r * header.bufLen;
        const sessionTime = readTime(buffer, at);
        const time = startEpoch + (sessionTime - t0) * 1000;
        if (!Number.isFinite(time) || time < lastTime) {
          outOfOrder++;
          continue;
        }
        lastTime = time;
        const row = await sink.row(time);
        const cols = sink.columns;
        for (let c = 0; c < k; c++) {
          const o = at + offsets[c];
          switch (types[c]) {
            case 1:
              cols[c][row] = buffer[o];
              break;
            case 2:
              cols[c][row] = view.getInt32(o, true);
              break;
            case 3:
              cols[c][row] = view.getUint32(o, true);
              break;
            case 4:
              cols[c][row] = view.getFloat32(o, true);
              break;
            default:
              cols[c][row] = view.getFloat64(o, true);
          }
        }
        for (const c of converted) cols[c][row] = converts[c](cols[c][row]);
        // A zero frame (reset, tow, record 0): lap 0 at distance 0 at 0,0 is no place on the track.
        const zero =
          lapIdx >= 0 &&
          distIdx >= 0 &&
          cols[lapIdx][row] === 0 &&
          cols[distIdx][row] === 0 &&
          (!hasPositions || (cols[latIdx][row] === 0 && cols[lonIdx][row] === 0));
        if (zero) {
          zeroFrames++;
          cols[lapIdx][row] = NaN;
          cols[distIdx][row] = NaN;
        } else if (distIdx >= 0 && cols[distIdx][row] < 0) cols[distIdx][row] = NaN;
        if (project) {
          const lat = cols[latIdx][row];
          const lon = cols[lonIdx][row];
          if (
            (lat === 0 && lon === 0) ||
            !Number.isFinite(lat) ||
            !Number.isFinite(lon) ||
            Math.abs(lat) > 90 ||
            Math.abs(lon) > 180
          ) {
            gpsDropouts++;
            cols[latIdx][row] = NaN;
            cols[lonIdx][row] = NaN;
          } else {
            const p = project(lat, lon);
            cols[xIdx][row] = p.x;
            cols[yIdx][row] = p.y;
          }
        }
        if (readLastLap && readLap && !zero) laps.add(readLap(buffer, at), readLastLap(buffer, at));
      }
      options.progress?.(header.bufOffset + (first + count) * header.bufLen, sink.rows);
    }
  } finally {
    await sink.close();
  }
  if (sink.rows === 0) file.fail(header.bufOffset, 'no record has a usable SessionTime');
  if (zeroFrames)
    notes.push(`${zeroFrames} zero frame(s) (lap 0 at 0 m at 0,0: a reset or tow): no lap or lap distance there`);
  if (outOfOrder) notes.push(`${outOfOrder} record(s) whose SessionTime went backwards were left out`);
  notes.push(...laps.notes());
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
    loggerLapTimes: laps.times(),
    lapTimeChannel: readLastLap ? 'LapLastLapTime' : undefined,
    gpsDropouts,
    channelReport: {
      mapped: plans.filter((p) => p.mapped).map(describePlan),
      kept: plans.filter((p) => !p.mapped).map(describePlan),
      ignored,
    },
    notes,
  };
}
