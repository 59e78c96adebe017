import { CHANNELS, type ChannelInfo } from '@eracing/telemetry-core/channels';
import { formatLapTime } from '@eracing/telemetry-core/laps';
import {
  type CarInfo,
  type ChannelColumn,
  type LapRecord,
  type RaceEvent,
  type SampleBatch,
  type SessionSummary,
  type TrackGeometry,
} from '@eracing/telemetry-core/protocol';
import type { SessionSource } from '../source';
import { buildCircuit, type Circuit } from './circuit';
import { yellowFlagsBetween } from './flags';
import type { Motion } from './motion';
import { LapTable, type SimulatedLap } from './lap-table';
import { Lru } from './lru';
import { hashKey } from './random';
import { CarModel, type SimulationContext } from './race';
import type { LapData } from './run';
import { CarSampler, SAMPLE_MS } from './sampler';
import { sessionEnvironment } from './thermal';
import { ENTRY_LIST, MAX_CARS, carInfo, carLimits, type CarLimits, type CarSetup } from './vehicle';

/** Bump when the simulation changes, so that a restarted server does not splice old and new data under one epoch. */
export const SIMULATOR_VERSION = 1;

export interface SimulatorOptions {
  seed: number;
  /** Session start, epoch ms. Samples lie on a 10 ms grid from here. */
  startTime: number;
  /** Number of cars, 1 to 20 (default 6). */
  cars?: number;
  /** Length of a live batch, ms: a multiple of 10 (default 100). */
  batchMs?: number;
  /** Wall clock at creation, epoch ms: when given, the cars' current laps are prepared at once. */
  now?: number;
  /** Session id (default `live`). */
  id?: string;
}

/** The exact motion model behind one lap, for checking what is derived from the 100 Hz channels. */
export interface LapGroundTruth {
  /** Epoch ms of the lap's start (the line crossing that began it; the session start for lap 1). */
  startTime: number;
  /** Lap distance at the end of the lap, metres (the lap's own line, so it differs slightly from lap to lap). */
  lapLength: number;
  /** Seconds since the lap's start at which the car first reaches lap distance s; NaN outside the lap. */
  timeAtDistance(s: number): number;
}

/** A lap's motion and the car's limits, for tests and benchmarks that look inside the model. */
export interface LapInspection {
  setup: CarSetup;
  limits: CarLimits;
  motion: Motion;
  /** Seconds since the session start of the lap's start. */
  start: number;
}

export class SimulatorSource implements SessionSource {
  readonly summary: SessionSummary;
  readonly cars: CarInfo[];
  readonly channels: ChannelInfo[] = CHANNELS.map((c) => ({ ...c }));
  readonly track: TrackGeometry;
  readonly batchMs: number;
  readonly epoch: string;
  readonly circuit: Circuit;
  private readonly startTime: number;
  private readonly seed: number;
  private readonly models: CarModel[];
  private readonly samplers: CarSampler[];
  private readonly tables: LapTable[];
  private readonly byId: Map<string, number>;

  constructor(options: SimulatorOptions) {
    const count = options.cars ?? 6;
    const batchMs = options.batchMs ?? 100;
    if (!Number.isInteger(count) || count < 1 || count > MAX_CARS)
      throw new RangeError(`cars must be 1 to ${MAX_CARS}`);
    if (!Number.isInteger(batchMs) || batchMs <= 0 || batchMs % SAMPLE_MS !== 0) {
      throw new RangeError(`batchMs must be a positive multiple of ${SAMPLE_MS}`);
    }
    if (!Number.isFinite(options.startTime)) throw new RangeError('startTime must be a finite epoch ms');
    this.seed = options.seed >>> 0;
    this.startTime = options.startTime;
    this.batchMs = batchMs;
    this.circuit = buildCircuit();
    this.track = this.circuit.geometry;
    const entrants = ENTRY_LIST.slice(0, count);
    this.cars = entrants.map(carInfo);
    this.byId = new Map(this.cars.map((c, i) => [c.id, i]));
    const ctx: SimulationContext = {
      seed: this.seed,
      circuit: this.circuit,
      env: sessionEnvironment(this.seed),
      laps: new Lru<string, LapData>(4 * count + 16),
    };
    this.models = entrants.map((e, i) => new CarModel(ctx, e.number, i));
    this.samplers = this.models.map((m) => new CarSampler(m, this.circuit));
    this.tables = this.models.map((m) => new LapTable(m));
    const a = hashKey(this.seed, this.startTime, count, batchMs, SIMULATOR_VERSION);
    const b = hashKey(a, this.seed ^ 0x5bd1e995, SIMULATOR_VERSION);
    this.epoch = a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
    this.summary = {
      id: options.id ?? 'live',
      name: `Live session — ${this.track.name}`,
      kind: 'live',
      live: true,
      startTime: this.startTime,
      track: this.track.name,
      carCount: count,
    };
    if (options.now !== undefined && options.now > this.startTime) {
      const t = (options.now - this.startTime) / 1000;
      for (const sampler of this.samplers) sampler.cursorAt(t);
    }
  }

  private get samplesPerBatch(): number {
    return this.batchMs / SAMPLE_MS;
  }

  lastSeq(now: number): number {
    return Math.floor((now - this.startTime) / this.batchMs) - 1;
  }

  batch(seq: number): SampleBatch {
    if (!Number.isInteger(seq) || seq < 0) throw new RangeError(`no batch ${seq}`);
    const k0 = seq * this.samplesPerBatch;
    return this.samples(
      k0,
      k0 + this.samplesPerBatch,
      this.models.map((_, i) => i),
    );
  }

  range(from: number, to: number, cars: readonly string[]): SampleBatch {
    const wanted = new Set(cars);
    const indices = this.cars.flatMap((c, i) => (wanted.has(c.id) ? [i] : []));
    return this.samples(this.sampleIndexAtOrAfter(from), this.sampleIndexAtOrAfter(to), indices);
  }

  /** The first sample index whose time is at or after `time`. */
  private sampleIndexAtOrAfter(time: number): number {
    if (!(time > this.startTime)) return 0;
    let k = Math.ceil((time - this.startTime) / SAMPLE_MS);
    while (k > 0 && this.startTime + (k - 1) * SAMPLE_MS >= time) k--;
    while (this.startTime + k * SAMPLE_MS < time) k++;
    return k;
  }

  private samples(k0: number, k1: number, cars: readonly number[]): SampleBatch {
    const perCar = Math.max(0, k1 - k0);
    const rows = perCar * cars.length;
    const { time, columns } = allocateColumns(rows);
    for (let j = 0; j < cars.length; j++) {
      const start = j * perCar;
      for (let k = k0; k < k1; k++) time[start + k - k0] = this.startTime + k * SAMPLE_MS;
      this.samplers[cars[j]].fill(k0, k1, columns, start);
    }
    const channels: Record<string, ChannelColumn> = {};
    CHANNELS.forEach((c, i) => (channels[c.name] = columns[i]));
    const runs = cars.map((c, j) => ({ car: this.cars[c].id, start: j * perCar, length: perCar }));
    return { time, cars: perCar > 0 ? runs : [], channels };
  }

  laps(now: number): LapRecord[] {
    if (!(now > this.startTime)) return [];
    const t = (now - this.startTime) / 1000;
    const completed: Array<{ record: LapRecord; order: number }> = [];
    const current: LapRecord[] = [];
    this.tables.forEach((table, c) => {
      for (const row of table.lapsUntil(t)) {
        if (row.end <= t) completed.push({ record: this.lapRecord(c, row), order: c });
      }
      current.push(this.lapInProgress(c, t));
    });
    completed.sort((a, b) => a.record.endTime! - b.record.endTime! || a.order - b.order);
    return [...completed.map((c) => c.record), ...current];
  }

  private epochMs(t: number): number {
    return this.startTime + t * 1000;
  }

  private lapRecord(c: number, row: SimulatedLap): LapRecord {
    return {
      car: this.cars[c].id,
      lap: row.number,
      startTime: this.epochMs(row.start),
      endTime: this.epochMs(row.end),
      lapTime: row.end - row.start,
      sectorTimes: [row.sectors[0] - row.start, row.sectors[1] - row.sectors[0], row.end - row.sectors[1]],
      valid: row.kind === 'flying',
      flags: { outLap: row.kind === 'out', inLap: row.kind === 'in', pit: row.kind !== 'flying', incomplete: false },
      length: row.length,
      energyUsed: row.used,
      energyRegen: row.regen,
    };
  }

  private lapInProgress(c: number, t: number): LapRecord {
    const progress = this.tables[c].progress(t);
    const sectorTimes: number[] = [];
    let previous = progress.start;
    for (const crossing of progress.sectors) {
      if (!(crossing <= t)) break;
      sectorTimes.push(crossing - previous);
      previous = crossing;
    }
    return {
      car: this.cars[c].id,
      lap: progress.number,
      startTime: this.epochMs(progress.start),
      sectorTimes,
      valid: false,
      flags: {
        outLap: progress.kind === 'out',
        inLap: progress.kind === 'in',
        pit: progress.kind !== 'flying',
        incomplete: true,
      },
      length: progress.distance,
      energyUsed: progress.used,
      energyRegen: progress.regen,
    };
  }

  events(from: number, to: number): RaceEvent[] {
    if (!Number.isFinite(to)) throw new RangeError('events need a finite end time');
    const t0 = (from - this.startTime) / 1000;
    const t1 = (to - this.startTime) / 1000;
    if (!(t1 > Math.max(0, t0)) && !(t0 <= 0 && t1 > 0)) return [];
    const out: Array<RaceEvent & { order: number }> = [];
    const add = (t: number, order: number, event: Omit<RaceEvent, 'time'>): void => {
      if (t >= t0 && t < t1) out.push({ ...event, time: this.epochMs(t), order });
    };
    add(0, -1, { kind: 'flag', flag: 'green', text: 'Green flag — session started' });
    for (const flag of yellowFlagsBetween(this.seed, this.circuit, t0, t1)) {
      add(flag.start, -1, {
        kind: 'flag',
        flag: 'yellow',
        sector: flag.sector,
        text: `Yellow flag in sector ${flag.sector}: ${flag.reason}`,
      });
      add(flag.end, -1, {
        kind: 'flag',
        flag: 'green',
        sector: flag.sector,
        text: `Green flag — sector ${flag.sector} clear`,
      });
    }
    this.tables.forEach((table, c) => {
      const car = this.cars[c].id;
      for (const row of table.lapsBetween(t0, t1)) {
        const lap = row.number;
        if (row.kind === 'out')
          add(row.pitOut, c, { kind: 'pit_out', car, lap, text: `Car ${car} leaves the pit lane` });
        if (row.kind === 'in') add(row.pitIn, c, { kind: 'pit_in', car, lap, text: `Car ${car} into the pit lane` });
        const crossings = [row.sectors[0], row.sectors[1], row.end];
        let previous = row.start;
        crossings.forEach((crossing, s) => {
          const duration = crossing - previous;
          add(crossing, c, {
            kind: 'sector',
            car,
            lap,
            sector: s + 1,
            duration,
            text: `Car ${car} lap ${lap} sector ${s + 1}: ${formatLapTime(duration)}`,
          });
          previous = crossing;
        });
        const name = row.kind === 'out' ? 'out-lap' : row.kind === 'in' ? 'in-lap' : 'lap';
        const duration = row.end - row.start;
        add(row.end, c, {
          kind: 'lap',
          car,
          lap,
          duration,
          text: `Car ${car} ${name} ${lap}: ${formatLapTime(duration)}`,
        });
      }
    });
    out.sort((a, b) => a.time - b.time || a.order - b.order || kindOrder(a.kind) - kindOrder(b.kind));
    return out.map(({ order: _order, ...event }) => event);
  }

  private carIndex(car: string): number {
    const c = this.byId.get(car);
    if (c === undefined) throw new RangeError(`no car ${car}`);
    return c;
  }

  /** The lap's position in the session: its run and index within the run. */
  private lapAddress(c: number, lap: number): { run: number; index: number } {
    if (!Number.isInteger(lap) || lap < 1) throw new RangeError(`no lap ${lap}`);
    const model = this.models[c];
    const run = model.runOfLap(lap);
    return { run, index: lap - model.firstLap(run) };
  }

  /** The exact time–distance relation of a lap, from the motion the channels are sampled from. */
  groundTruth(car: string, lap: number): LapGroundTruth {
    const c = this.carIndex(car);
    const { run, index } = this.lapAddress(c, lap);
    const motion = this.models[c].lapData(run, index).motion;
    const start = this.models[c].lapStart(run, index);
    return {
      startTime: this.epochMs(start),
      lapLength: motion.length,
      timeAtDistance: (s) => motion.timeAtDistance(s) + motion.t[0] - start,
    };
  }

  inspectLap(car: string, lap: number): LapInspection {
    const c = this.carIndex(car);
    const { run, index } = this.lapAddress(c, lap);
    const model = this.models[c];
    return {
      setup: model.setup,
      limits: carLimits(model.setup),
      motion: model.lapData(run, index).motion,
      start: model.lapStart(run, index),
    };
  }
}

const F64_CHANNELS = CHANNELS.filter((c) => c.type === 'f64').length;

/**
 * The time column and every channel column of a batch, as views into one buffer: a batch is allocated at once
 * rather than as 43 separate arrays (float64 columns first, keeping their 8-byte alignment).
 */
function allocateColumns(rows: number): { time: Float64Array; columns: ChannelColumn[] } {
  const f64Bytes = (1 + F64_CHANNELS) * rows * 8;
  const buffer = new ArrayBuffer(f64Bytes + (CHANNELS.length - F64_CHANNELS) * rows * 4);
  const time = new Float64Array(buffer, 0, rows);
  let f64 = rows * 8;
  let f32 = f64Bytes;
  const columns = CHANNELS.map((c): ChannelColumn => {
    if (c.type === 'f64') {
      const column = new Float64Array(buffer, f64, rows);
      f64 += rows * 8;
      return column;
    }
    const column = new Float32Array(buffer, f32, rows);
    f32 += rows * 4;
    return column;
  });
  return { time, columns };
}

const KIND_ORDER: Record<string, number> = { flag: 0, pit_in: 1, sector: 2, lap: 3, pit_out: 4 };
function kindOrder(kind: string): number {
  return KIND_ORDER[kind] ?? 9;
}

/** The live session simulator: deterministic in (seed, startTime, cars), endless, cheap to resume at any time. */
export function createSimulatorSource(options: SimulatorOptions): SimulatorSource {
  return new SimulatorSource(options);
}
