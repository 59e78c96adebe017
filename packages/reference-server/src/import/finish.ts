/**
 * The end of every import, whatever the format: the session description with the track (given, else estimated from
 * the samples, else the length the file states), the laps computed the way every recorded session's are, and the
 * import report. The caller commits the description to the store.
 */
import path from 'node:path';
import type { ChannelInfo } from '@eracing/telemetry-core/channels';
import type { CarInfo, TrackGeometry } from '@eracing/telemetry-core/protocol';
import type { GeoOrigin } from '@eracing/telemetry-core/track';
import { carLaps, type CarLapInputs } from '../recording/lap-compute';
import { computeLaps } from '../recording/stored-session-source';
import {
  SESSION_FORMAT,
  SESSION_FORMAT_VERSION,
  type SessionFile,
  type SessionOrigin,
} from '../recording/session-file';
import { estimateTrack, sectors } from '../recording/track-estimate';
import { reportLaps, type ImportReport } from './report';
import { ImportFormatError } from './session-writer';

export interface FinishInput {
  /** Each car's lap channels over the whole session, as written. */
  traces: CarLapInputs[];
  id: string;
  file: string;
  /** e.g. "iRacing .ibt". */
  format: string;
  name: string;
  trackName: string;
  cars: CarInfo[];
  channels: ChannelInfo[];
  batchMs: number;
  epoch: string;
  startTime: number;
  endTime: number;
  rows: number;
  bytes: number;
  source: SessionOrigin;
  /** Track geometry given by the user. */
  track?: TrackGeometry;
  /** Track length the file states (iRacing's session info), m. */
  statedTrackLength?: number;
  sectorEnds?: { ends: number[]; source: 'given' | 'session info' };
  origin?: GeoOrigin;
  loggerLapTimes?: Record<string, Record<string, number>>;
  /** The logger channel the lap times came from. */
  lapTimeChannel?: string;
  gpsDropouts: number;
  channelReport: ImportReport['channels'];
  notes: string[];
}

export interface FinishedImport {
  session: SessionFile;
  report: ImportReport;
  laps: number;
}

/** The session description, with its track, and the report. */
export function finishImport(input: FinishInput): FinishedImport {
  try {
    return finish(input);
  } catch (error) {
    if (error instanceof ImportFormatError) throw error;
    throw new ImportFormatError(
      input.file,
      undefined,
      `all ${input.rows} rows were read, but the session could not be built: ${(error as Error).message}`,
    );
  }
}

function finish(input: FinishInput): FinishedImport {
  const { traces } = input;
  const session: SessionFile = {
    format: SESSION_FORMAT,
    version: SESSION_FORMAT_VERSION,
    summary: {
      id: input.id,
      name: input.name,
      kind: 'recorded',
      live: false,
      startTime: input.startTime,
      endTime: input.endTime,
      track: input.track?.name ?? input.trackName,
      carCount: input.cars.length,
    },
    cars: input.cars,
    channels: input.channels,
    track: input.track ?? estimateTrack([], { name: input.trackName }),
    epoch: input.epoch,
    batchMs: input.batchMs,
    source: input.source,
    createdAt: Date.now(),
  };
  if (input.loggerLapTimes) session.loggerLapTimes = input.loggerLapTimes;

  let trackSource: ImportReport['trackLength']['source'] = input.track ? 'given' : 'none';
  let sectorSource: ImportReport['sectors']['source'] = input.track ? 'given' : 'none';
  if (!input.track) {
    const sectorEnds = input.sectorEnds?.ends;
    const track = estimateTrack(traces, { name: input.trackName, origin: input.origin, sectorEnds });
    if (track.centreLine.distance.length > 1) trackSource = 'GPS';
    else if (track.length > 0) trackSource = 'lap distance';
    else if (input.statedTrackLength && input.statedTrackLength > 0) {
      track.length = input.statedTrackLength;
      track.sectors = sectors(track.length, sectorEnds);
      trackSource = 'session info';
    }
    if (track.sectors.length) sectorSource = input.sectorEnds?.source ?? 'thirds of the lap';
    session.track = track;
  }

  const laps = computeLaps(traces, { ...session, session }, []);
  // The same laps timed by their line crossings alone, to show beside the logger's times.
  const samplesTimes = input.loggerLapTimes ? samplesLapTimes(traces, session.track, input.startTime) : new Map();
  const usedLogger = laps.some(
    (lap) => lap.lapTime !== undefined && input.loggerLapTimes?.[lap.car]?.[String(lap.lap)] !== undefined,
  );
  const durationS = Math.max(0, (input.endTime - input.startTime) / 1000);
  const report: ImportReport = {
    format: input.format,
    file: path.resolve(input.file),
    bytes: input.bytes,
    rows: input.rows,
    durationS,
    rateHz: durationS > 0 ? (input.rows - 1) / input.cars.length / durationS : 0,
    car: input.cars.map((c) => `${c.id} (${c.driver}${c.team ? `, ${c.team}` : ''})`).join(', '),
    track: session.summary.track,
    lapTimes: usedLogger
      ? { source: 'logger', channel: input.lapTimeChannel }
      : {
          source: 'samples',
          note: input.lapTimeChannel
            ? `the logger's ${input.lapTimeChannel} has no time for any complete lap`
            : 'the file records no lap times of its own',
        },
    laps: reportLaps(laps, samplesTimes),
    trackLength: { metres: session.track.length, source: trackSource },
    sectors: { ends: session.track.sectors.map((s) => s.end), source: sectorSource },
    gpsDropouts: input.gpsDropouts,
    channels: input.channelReport,
    notes: input.notes,
  };
  if (!laps.length) report.notes.push(noLapsReason(input.channels));
  session.report = report;
  return { session, report, laps: report.laps.length };
}

function noLapsReason(channels: readonly ChannelInfo[]): string {
  const has = (name: string) => channels.some((c) => c.name === name);
  if (!has('lap') && !has('lap_distance') && !(has('x') && has('y')))
    return 'no laps: the file has no lap counter, no lap distance and no GPS to find them with';
  return 'no laps: the lap channels never change (the car did not cross the line)';
}

function samplesLapTimes(
  traces: readonly CarLapInputs[],
  track: TrackGeometry,
  sessionStart: number,
): Map<string, number> {
  const times = new Map<string, number>();
  // Without sectors: only the crossings are wanted here, not each sample's place on the centre line.
  const crossings = { ...track, sectors: [] };
  for (const trace of traces) {
    for (const lap of carLaps(trace, { track: crossings, sessionStart })) {
      if (lap.lapTime !== undefined) times.set(`${lap.car}|${lap.lap}`, lap.lapTime);
    }
  }
  return times;
}
