/** A run: a car's laps from one departure from the box to the next arrival (out-lap, flying laps, in-lap). */
import type { LapKind } from './line';
import type { Motion } from './motion';
import type { ThermalTrace } from './thermal';

/** Laps of a run, in order: out-lap, flying laps, in-lap. */
export interface RunLap {
  kind: LapKind;
  number: number;
  /** When the car starts driving this lap: the departure from the box for an out-lap, else the lap's start. */
  driveStart: number;
  /** Line crossing at the end of the lap. */
  end: number;
  vEnd: number;
  /** Lap distance when driving starts and at the line. */
  driveDistance: number;
  length: number;
  /** Crossing times of the sector 1 and sector 2 lines. */
  sectors: [number, number];
  /** Pit entry (in-lap) and pit exit (out-lap) crossings, NaN when none. */
  pitIn: number;
  pitOut: number;
  /** Stint energy counters at the start and end of the lap, kWh. */
  usedStart: number;
  regenStart: number;
  used: number;
  regen: number;
}

export interface Run {
  index: number;
  departure: number;
  soc0: number;
  laps: RunLap[];
  /** The in-lap's line crossing, in the pit lane. */
  end: number;
  /** Thermal state at the start of each lap's driven part, filled in order on demand; one past the in-lap is the run's end. */
  thermal: Float64Array[];
}

/** What is cached per lap: its motion and its thermal traces. */
export interface LapData {
  motion: Motion;
  /** Thermal trace of the driven part (from `driveStart`). */
  drive?: ThermalTrace;
  /** Out-laps: the trace from the line to the departure (pit lane crawl, then the stop). */
  pre?: ThermalTrace;
}
