/**
 * Replays a recorded session as if it were live. The replay starts at the recording's first batch when it is created
 * and advances `speed` recorded milliseconds per wall-clock millisecond. Batches are numbered afresh from 0 under a new
 * epoch, so a client never confuses them with the recording's.
 *
 * Timestamps are either the recording's own (default) or shifted by (replay start − recording start) with
 * `shiftToNow`, so that at 1× the samples arrive with current times. Either way lap and sector times are unchanged.
 *
 * At the end of the recording the replay either ends (the session stops being live) or, with `loop`, starts again:
 * each pass is shifted by the recording's length so time never goes backwards, and each car's `lap` channel and lap
 * numbers continue from the previous pass.
 */
import { randomBytes } from 'node:crypto';
import type { ChannelInfo } from '@eracing/telemetry-core/channels';
import type {
  CarInfo,
  LapRecord,
  RaceEvent,
  SampleBatch,
  SessionSummary,
  TrackGeometry,
} from '@eracing/telemetry-core/protocol';
import type { SessionSource } from '../source';
import { BatchAssembler } from './batch-build';
import { orderLaps } from './lap-compute';
import type { RecordedSession } from '../store/store';

export interface ReplayOptions {
  /** Playback rate: recorded ms per wall-clock ms. Default 1. */
  speed?: number;
  /** Shift all times by (replay start − recording start). Default false: the recording's own times. */
  shiftToNow?: boolean;
  /** Start again at the end instead of ending. Default false. */
  loop?: boolean;
  /** Wall clock, epoch ms. Default Date.now. */
  clock?: () => number;
  /** Wall-clock time the replay starts. Default now. */
  startAt?: number;
  /** Session id. Default `<recording id>-replay`. */
  id?: string;
}

export class ReplaySource implements SessionSource {
  readonly cars: CarInfo[];
  readonly channels: ChannelInfo[];
  readonly track: TrackGeometry;
  readonly batchMs: number;
  readonly epoch = `replay-${randomBytes(6).toString('hex')}`;
  readonly speed: number;
  readonly loop: boolean;
  /** Wall-clock start of the replay. */
  readonly startedAt: number;
  /** Added to every recorded time of the first pass. */
  readonly shift: number;
  private readonly id: string;
  private readonly clock: () => number;
  /** Seq slots in one pass: the recording's batches 0 … lastSeq. */
  private readonly passSeqs: number;
  /** Each car's highest lap number in the recording: how far lap numbers move on per pass. */
  private readonly lapsPerPass = new Map<string, number>();

  constructor(
    private readonly recording: RecordedSession,
    options: ReplayOptions = {},
  ) {
    const speed = options.speed ?? 1;
    if (!(speed > 0) || !Number.isFinite(speed))
      throw new RangeError(`replay speed must be a positive number, got ${speed}`);
    this.speed = speed;
    this.loop = options.loop ?? false;
    this.clock = options.clock ?? Date.now;
    this.startedAt = options.startAt ?? this.clock();
    this.shift = options.shiftToNow ? this.startedAt - recording.summary.startTime : 0;
    this.id = options.id ?? `${recording.summary.id}-replay`.slice(0, 64);
    this.cars = recording.cars;
    this.channels = recording.channels;
    this.track = recording.track;
    this.batchMs = recording.batchMs;
    this.passSeqs = recording.lastSeq(Infinity) + 1;
    // A pass moves lap numbers on by the number of laps it holds, so that laps counted from 0 do not repeat.
    const range = new Map<string, { first: number; last: number }>();
    for (const lap of recording.allLaps()) {
      const seen = range.get(lap.car);
      range.set(lap.car, {
        first: Math.min(seen?.first ?? lap.lap, lap.lap),
        last: Math.max(seen?.last ?? lap.lap, lap.lap),
      });
    }
    for (const [car, { first, last }] of range) this.lapsPerPass.set(car, last - first + 1);
  }

  private get passMs(): number {
    return this.passSeqs * this.batchMs;
  }

  private get recordingStart(): number {
    return this.recording.summary.startTime;
  }

  /** Shift of pass `pass` from recorded times to replay times. */
  private passShift(pass: number): number {
    return this.shift + pass * this.passMs;
  }

  get summary(): SessionSummary {
    const ended = !this.loop && this.lastSeq(this.clock()) >= this.passSeqs - 1;
    const summary: SessionSummary = {
      ...this.recording.summary,
      id: this.id,
      name: `Replay of ${this.recording.summary.name}`,
      kind: 'replay',
      live: !ended,
      startTime: this.recordingStart + this.shift,
    };
    if (ended) summary.endTime = (this.recording.summary.endTime ?? this.recordingStart) + this.shift;
    else delete summary.endTime;
    return summary;
  }

  lastSeq(now: number): number {
    const played = Math.floor(((now - this.startedAt) * this.speed) / this.batchMs) - 1;
    const last = this.loop ? played : Math.min(played, this.passSeqs - 1);
    return Math.max(-1, this.passSeqs ? last : -1);
  }

  /** Replay time up to which samples have been played at `now`. */
  private playedUntil(now: number): number {
    return this.recordingStart + this.shift + (this.lastSeq(now) + 1) * this.batchMs;
  }

  batch(seq: number): SampleBatch {
    if (!this.passSeqs) return this.recording.batch(seq);
    const pass = Math.floor(seq / this.passSeqs);
    return this.moved(this.recording.batch(seq - pass * this.passSeqs), pass);
  }

  /** A recorded batch as pass `pass` plays it: times shifted, lap numbers moved on. */
  private moved(batch: SampleBatch, pass: number): SampleBatch {
    const shift = this.passShift(pass);
    const time = new Float64Array(batch.time.length);
    for (let i = 0; i < time.length; i++) time[i] = batch.time[i] + shift;
    const channels = { ...batch.channels };
    const lap = batch.channels.lap;
    if (lap && pass > 0) {
      const moved = lap.slice();
      for (const run of batch.cars) {
        const add = pass * (this.lapsPerPass.get(run.car) ?? 0);
        for (let i = run.start; i < run.start + run.length; i++) moved[i] += add;
      }
      channels.lap = moved;
    }
    return { time, cars: batch.cars, channels };
  }

  /** The passes that overlap replay times [from, to). */
  private passes(from: number, to: number): number[] {
    if (!this.passSeqs || to <= from) return [];
    const first = Math.max(0, Math.floor((from - this.recordingStart - this.shift) / this.passMs));
    const last = this.loop ? Math.floor((to - this.recordingStart - this.shift) / this.passMs) : 0;
    const passes: number[] = [];
    for (let pass = first; pass <= last; pass++) passes.push(pass);
    return passes;
  }

  range(from: number, to: number, cars: readonly string[]): SampleBatch {
    to = Math.min(to, this.playedUntil(this.clock()));
    const assembler = new BatchAssembler(this.channels, cars);
    for (const pass of this.passes(from, to)) {
      const shift = this.passShift(pass);
      const start = Math.max(from - shift, this.recordingStart);
      const end = Math.min(to - shift, this.recordingStart + this.passMs);
      if (end > start) assembler.add(this.moved(this.recording.range(start, end, cars), pass));
    }
    return assembler.build();
  }

  laps(now: number): LapRecord[] {
    const until = this.playedUntil(now);
    const laps: LapRecord[] = [];
    for (const pass of this.passes(this.recordingStart + this.shift, until)) {
      const shift = this.passShift(pass);
      for (const lap of this.recording.allLaps()) {
        const startTime = lap.startTime + shift;
        if (startTime >= until) continue;
        const moved: LapRecord = {
          ...lap,
          lap: lap.lap + pass * (this.lapsPerPass.get(lap.car) ?? 0),
          startTime,
          endTime: lap.endTime === undefined ? undefined : lap.endTime + shift,
        };
        laps.push(moved.endTime !== undefined && moved.endTime <= until ? moved : this.inProgress(moved, until, shift));
      }
    }
    return orderLaps(
      laps,
      this.cars.map((c) => c.id),
    );
  }

  /** A lap cut at replay time `until`: what a live session would say of the lap so far. */
  private inProgress(lap: LapRecord, until: number, shift: number): LapRecord {
    const at = until - shift;
    const recordedStart = lap.startTime - shift;
    const sofar = (channel: string) =>
      this.recording.valueAt(lap.car, channel, at) - this.recording.valueAt(lap.car, channel, recordedStart);
    const sectorTimes: number[] = [];
    let t = lap.startTime;
    for (const s of lap.sectorTimes) {
      t += s * 1000;
      if (t > until) break;
      sectorTimes.push(s);
    }
    const result: LapRecord = {
      ...lap,
      sectorTimes,
      valid: false,
      flags: { ...lap.flags, incomplete: true },
    };
    if (lap.energyUsed !== undefined) result.energyUsed = finiteOr0(sofar('energy_used'));
    if (lap.energyRegen !== undefined) result.energyRegen = finiteOr0(sofar('energy_regen'));
    delete result.endTime;
    delete result.lapTime;
    delete result.length;
    const distance = this.recording.valueAt(lap.car, 'lap_distance', at);
    if (Number.isFinite(distance)) result.length = distance;
    return result;
  }

  events(from: number, to: number): RaceEvent[] {
    to = Math.min(to, this.playedUntil(this.clock()));
    const events: RaceEvent[] = [];
    for (const pass of this.passes(from, to)) {
      const shift = this.passShift(pass);
      for (const event of this.recording.events(from - shift, to - shift)) {
        const moved: RaceEvent = { ...event, time: event.time + shift };
        if (event.lap !== undefined && event.car !== undefined) {
          moved.lap = event.lap + pass * (this.lapsPerPass.get(event.car) ?? 0);
        }
        events.push(moved);
      }
    }
    return events;
  }
}

function finiteOr0(value: number): number {
  return Number.isFinite(value) ? value : 0;
}
