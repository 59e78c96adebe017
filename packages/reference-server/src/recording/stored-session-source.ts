/**
 * What every stored session (files or PostgreSQL) serves from its session file, and derives from its samples the
 * same way: its laps, its events, a value between samples.
 */
import { firstAtOrAfter, type ChannelInfo } from '@eracing/telemetry-core/channels';
import {
  type CarInfo,
  type LapRecord,
  type RaceEvent,
  type SampleBatch,
  type SessionSummary,
  type TrackGeometry,
} from '@eracing/telemetry-core/protocol';
import { carLaps, lapEvents, orderLaps, pitsFromEvents, type CarLapInputs } from './lap-compute';
import type { SessionFile } from './session-file';

/** Bump when lap computation changes, so cached laps are recomputed. */
export const LAPS_CACHE_VERSION = 2;
/** Events the samples cannot tell: they come from what the source reported while recording. */
const REPORTED_EVENT_KINDS = new Set<RaceEvent['kind']>(['flag', 'pit_in', 'pit_out']);

/** A recorded session as its session file describes it; the store says where its samples, laps and events are. */
export abstract class StoredSessionSource {
  readonly summary: SessionSummary;
  readonly cars: CarInfo[];
  readonly channels: ChannelInfo[];
  readonly track: TrackGeometry;
  readonly batchMs: number;
  readonly epoch: string;
  private cachedEvents?: RaceEvent[];

  protected constructor(
    readonly session: SessionFile,
    endTime: number,
  ) {
    this.cars = session.cars;
    this.channels = session.channels;
    this.track = session.track;
    this.batchMs = session.batchMs;
    this.epoch = session.epoch;
    this.summary = { ...session.summary, kind: 'recorded', live: false, endTime, carCount: session.cars.length };
  }

  /** Every lap of the session, computed once from the samples and kept by the store. */
  abstract allLaps(): LapRecord[];

  /** The events the source reported while recording that the samples cannot tell. */
  protected abstract reported(): RaceEvent[];

  laps(now: number): LapRecord[] {
    return this.allLaps().filter((lap) => lap.startTime <= now);
  }

  events(from: number, to: number): RaceEvent[] {
    this.cachedEvents ??= sessionEvents(this.allLaps(), this.reported());
    return this.cachedEvents.filter((e) => e.time >= from && e.time < to);
  }
}

/** Each car's rows of a batch grouped by car, as the lap math's traces. */
export function carLapInputs(all: SampleBatch, channels: readonly ChannelInfo[]): CarLapInputs[] {
  return all.cars.map((run) => {
    const trace: CarLapInputs = {
      car: run.car,
      time: all.time.subarray(run.start, run.start + run.length),
      channels: {},
    };
    for (const c of channels) {
      (trace.channels as Record<string, ArrayLike<number>>)[c.name] = all.channels[c.name].subarray(
        run.start,
        run.start + run.length,
      );
    }
    return trace;
  });
}

/** The events a source reported that the samples cannot tell (flags, pit lane). */
export function reportedEvents(events: readonly RaceEvent[]): RaceEvent[] {
  return events.filter((e) => REPORTED_EVENT_KINDS.has(e.kind));
}

/** Every lap of a recorded session, from its cars' traces and the pit events reported. */
export function computeLaps(
  traces: readonly CarLapInputs[],
  session: {
    track: TrackGeometry;
    summary: SessionSummary;
    cars: readonly CarInfo[];
    session: Pick<SessionFile, 'loggerLapTimes'>;
  },
  reported: readonly RaceEvent[],
): LapRecord[] {
  return orderLaps(
    traces.flatMap((trace) =>
      carLaps(trace, {
        track: session.track,
        sessionStart: session.summary.startTime,
        pits: pitsFromEvents(reported, trace.car, session.summary.startTime),
        loggerLapTimes: session.session.loggerLapTimes?.[trace.car],
      }),
    ),
    session.cars.map((c) => c.id),
  );
}

/** A recorded session's events: the laps' and the reported ones, in time order. */
export function sessionEvents(laps: readonly LapRecord[], reported: readonly RaceEvent[]): RaceEvent[] {
  return [...lapEvents(laps), ...reported].sort((a, b) => a.time - b.time);
}

/**
 * A channel's value for a car at `time`, interpolated between the car's samples in `batch` (or the nearest one at
 * either end); NaN when the batch has none.
 */
export function valueInBatch(batch: SampleBatch, car: string, channel: string, time: number): number {
  const run = batch.cars.find((r) => r.car === car);
  const column = batch.channels[channel];
  if (!run || !column || run.length === 0) return NaN;
  const end = run.start + run.length;
  const i = firstAtOrAfter(batch.time, time, run.start, end);
  if (i < end && batch.time[i] === time) return column[i];
  if (i === run.start) return column[i];
  if (i === end) return column[end - 1];
  const f = (time - batch.time[i - 1]) / (batch.time[i] - batch.time[i - 1]);
  return column[i - 1] + f * (column[i] - column[i - 1]);
}
