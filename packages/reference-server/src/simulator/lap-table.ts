import type { LapKind } from './line';
import type { CarModel } from './race';

/** One lap of a car as the timing screen sees it (times in seconds since the session start). */
export interface SimulatedLap {
  number: number;
  kind: LapKind;
  start: number;
  end: number;
  /** Crossings of the sector 1 and sector 2 lines. */
  sectors: [number, number];
  pitIn: number;
  pitOut: number;
  /** Distance covered in the lap, metres. */
  length: number;
  /** Energy drawn and regenerated during the lap, kWh. */
  used: number;
  regen: number;
}

/** A lap in progress at some moment. */
export interface LapProgress {
  number: number;
  kind: LapKind;
  start: number;
  sectors: [number, number];
  distance: number;
  used: number;
  regen: number;
}

/**
 * A car's timing history, extended run by run as the session goes on. This is the only state that grows with
 * the session (about 150 bytes per lap): the timing screen shows every lap since the start.
 */
export class LapTable {
  private readonly laps: SimulatedLap[] = [];
  private runs = 0;
  private lastEnd = 0;

  constructor(private readonly model: CarModel) {}

  /** Every lap started by time t (some may end after t), in order. */
  lapsUntil(t: number): readonly SimulatedLap[] {
    while (this.runs === 0 || this.lastEnd <= t) this.appendRun();
    return this.laps;
  }

  /** The laps that end at or after t0 and start before t1. */
  lapsBetween(t0: number, t1: number): SimulatedLap[] {
    const laps = this.lapsUntil(t1);
    let lo = 0;
    let hi = laps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (laps[mid].end < t0) lo = mid + 1;
      else hi = mid;
    }
    const out: SimulatedLap[] = [];
    for (let i = lo; i < laps.length && laps[i].start < t1; i++) out.push(laps[i]);
    return out;
  }

  private appendRun(): void {
    const r = this.runs;
    const model = this.model;
    const run = model.run(r);
    run.laps.forEach((lap, j) => {
      const start = j === 0 ? this.lastEnd : run.laps[j - 1].end;
      const row: SimulatedLap = {
        number: lap.number,
        kind: lap.kind,
        start,
        end: lap.end,
        sectors: lap.sectors,
        pitIn: lap.pitIn,
        pitOut: lap.pitOut,
        length: lap.length,
        used: lap.used - lap.usedStart,
        regen: lap.regen - lap.regenStart,
      };
      if (j === 0) {
        if (r === 0) row.length -= model.boxDistance;
        else {
          row.used += model.approach.used;
          row.regen += model.approach.regen;
        }
      }
      this.laps.push(row);
    });
    this.lastEnd = run.end;
    this.runs++;
  }

  /** The lap in progress at time t. */
  progress(t: number): LapProgress {
    const model = this.model;
    const { run: r, lap: j } = model.locate(t);
    const run = model.run(r);
    const lap = run.laps[j];
    const start = model.lapStart(r, j);
    const motion = model.lapData(r, j).motion;
    const counters = new Float64Array(3);
    motion.countersAt(t, 0, counters);
    let used = counters[0] - lap.usedStart;
    let regen = counters[1] - lap.regenStart;
    if (j === 0 && r > 0) {
      const arrival = start + model.approach.duration;
      if (t < arrival) {
        used = counters[0] - motion.used[0];
        regen = counters[1] - motion.regen[0];
      } else {
        used = model.approach.used + (t < lap.driveStart ? 0 : counters[0]);
        regen = model.approach.regen + (t < lap.driveStart ? 0 : counters[1]);
      }
    }
    const distance = motion.distanceAt(t) - (r === 0 && j === 0 ? model.boxDistance : 0);
    return { number: lap.number, kind: lap.kind, start, sectors: lap.sectors, distance, used, regen };
  }
}
