/** Which lap the racing line shows: the current lap, the best valid lap, or a chosen lap number. */
import { bestValidLap } from './validity';

/** A run of consecutive samples with one lap number: samples start…end − 1. */
export interface LapRun {
  lap: number;
  start: number;
  end: number;
}

export type LapChoice = { kind: 'current' } | { kind: 'best' } | { kind: 'number'; lap: number };

/** The runs of equal lap numbers in a lap column, in sample order; samples with no lap number are skipped. */
export function lapRuns(lap: ArrayLike<number>): LapRun[] {
  const runs: LapRun[] = [];
  let current: LapRun | undefined;
  for (let i = 0; i < lap.length; i++) {
    const value = lap[i];
    if (!Number.isFinite(value)) {
      current = undefined;
      continue;
    }
    if (current && current.lap === value) {
      current.end = i + 1;
      continue;
    }
    current = { lap: value, start: i, end: i + 1 };
    runs.push(current);
  }
  return runs;
}

export interface CompletenessOptions {
  /** Track length, metres; defaults to the largest lap distance seen. */
  trackLength?: number;
  /** How close to the line a complete lap must start and end, as a fraction of the length. Default 0.05. */
  tolerance?: number;
}

/**
 * True when the run covers the whole lap: a later run follows it (the lap was finished) and, when lap distance
 * is logged, it starts just after the line and ends just before it (not cut by the edge of the data window).
 */
export function isCompleteRun(
  runs: readonly LapRun[],
  index: number,
  lapDistance?: ArrayLike<number>,
  options: CompletenessOptions = {},
): boolean {
  const run = runs[index];
  if (!run || index === runs.length - 1) return false;
  if (!lapDistance) return index > 0;
  let length = options.trackLength;
  if (!length) {
    length = 0;
    for (let i = 0; i < lapDistance.length; i++) if (lapDistance[i] > length) length = lapDistance[i];
  }
  if (!(length > 0)) return false;
  const tolerance = (options.tolerance ?? 0.05) * length;
  const first = lapDistance[run.start];
  const last = lapDistance[run.end - 1];
  return first <= tolerance && last >= length - tolerance;
}

/** A lap of one car, as a candidate for the line. */
export interface LapCandidate<K> {
  key: K;
  lap: number;
  /** Seconds; undefined when unknown (the lap is not complete). */
  lapTime?: number;
  /** False when the lap is known to be invalid (out-lap, in-lap, pit, incomplete). */
  valid: boolean;
  /** Epoch ms of the lap's last sample, to tell which lap is current. */
  lastTime: number;
}

/**
 * Picks the lap for the line. `current` is the lap with the latest sample; `best` the fastest valid lap with a
 * time; a lap number picks that lap (the latest one with that number when several cars have it).
 */
export function chooseLap<K>(candidates: readonly LapCandidate<K>[], choice: LapChoice): LapCandidate<K> | undefined {
  if (choice.kind === 'best') return bestValidLap(candidates);
  let chosen: LapCandidate<K> | undefined;
  for (const candidate of candidates) {
    switch (choice.kind) {
      case 'current':
        if (!chosen || candidate.lastTime > chosen.lastTime) chosen = candidate;
        break;
      case 'number':
        if (candidate.lap === choice.lap && (!chosen || candidate.lastTime > chosen.lastTime)) chosen = candidate;
        break;
    }
  }
  return chosen;
}

/** Parses the lap option: `current`, `best`, or a lap number (after template variables are replaced). */
export function parseLapChoice(text: string): LapChoice | undefined {
  const value = text.trim().toLowerCase();
  if (value === '' || value === 'current') return { kind: 'current' };
  if (value === 'best') return { kind: 'best' };
  const lap = Number(value);
  return Number.isInteger(lap) && lap >= 0 ? { kind: 'number', lap } : undefined;
}
