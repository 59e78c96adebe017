/**
 * The end of every import, whatever the format: `session.json` with the track (given, else estimated from the samples,
 * else the length the file states), the laps computed the way every recorded session's are, and the import report.
 */
import path from 'node:path';
import type { CarInfo, ChannelInfo, GeoOrigin, TrackGeometry } from '@eracing/telemetry-core';
import { carLaps, type CarTrace } from '../recording/lap-compute';
import { RecordedSessionSource } from '../recording/recorded-source';
import {
  SESSION_FORMAT,
  SESSION_FORMAT_VERSION,
  writeSessionFile,
  type SessionFile,
  type SessionOrigin,
} from '../recording/session-file';
import { estimateTrack, sectors } from '../recording/track-estimate';
import { reportLaps, type ImportReport } from './report';
import { ImportFormatError } from './session-writer';

export interface FinishInput {
  dir: string;
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

/** Writes `session.json` (twice: the track is estimated from the written samples) and returns the report. */
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
  const { dir } = input;
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
  writeSessionFile(dir, session);

  let trackSource: ImportReport['trackLength']['source'] = input.track ? 'given' : 'none';
  let sectorSource: ImportReport['sectors']['source'] = input.track ? 'given' : 'none';
  // The laps timed by their line crossings alone, to show beside the logger's times; from the samples read for the
  // track estimate when there is one (one pass over the batches fewer), dropped before the laps are computed.
  let samplesTimes: Map<string, number> | undefined;
  if (!input.track) {
    const probe = RecordedSessionSource.open(dir);
    try {
      const sectorEnds = input.sectorEnds?.ends;
      const traces = probe.carTraces();
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
      if (input.loggerLapTimes) samplesTimes = samplesLapTimes(traces, track, input.startTime);
    } finally {
      probe.close();
    }
    writeSessionFile(dir, session);
  }

  const recorded = RecordedSessionSource.open(dir);
  let report: ImportReport;
  try {
    const laps = recorded.allLaps();
    samplesTimes ??= input.loggerLapTimes
      ? samplesLapTimes(recorded.carTraces(), session.track, input.startTime)
      : new Map();
    const usedLogger = laps.some(
      (lap) => lap.lapTime !== undefined && input.loggerLapTimes?.[lap.car]?.[String(lap.lap)] !== undefined,
    );
    const durationS = Math.max(0, (input.endTime - input.startTime) / 1000);
    report = {
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
  } finally {
    recorded.close();
  }
  session.report = report;
  writeSessionFile(dir, session);
  return { session, report, laps: report.laps.length };
}

function samplesLapTimes(traces: readonly CarTrace[], track: TrackGeometry, sessionStart: number): Map<string, number> {
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

function noLapsReason(channels: readonly ChannelInfo[]): string {
  const has = (name: string) => channels.some((c) => c.name === name);
  if (!has('lap') && !has('lap_distance') && !(has('x') && has('y')))
    return 'no laps: the file has no lap counter, no lap distance and no GPS to find them with';
  return 'no laps: the lap channels never change (the car did not cross the line)';
}
