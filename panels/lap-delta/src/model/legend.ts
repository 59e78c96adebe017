/** The legend above the charts: each compared lap with where it stands, the reference, and a flag. */
import { formatDeltaSeconds } from './format';
import type { LapDeltaView } from './types';

export interface LegendEntry {
  key: string;
  label: string;
  /** The lap's time against the reference's, or where the lap in progress has got to; empty when neither. */
  end: string;
}

export interface Legend {
  laps: LegendEntry[];
  reference: string;
  /** The reason an explicitly chosen reference is not a valid lap; undefined when it is. */
  invalidReference?: string;
}

export function legend(view: LapDeltaView): Legend {
  const { reference } = view;
  return {
    laps: view.laps.map((lap, k) => ({ key: lap.key, label: lap.label, end: lapEnd(view, k) })),
    reference: `vs ${reference.label} (reference${reference.inProgress ? ', running' : ''})`,
    invalidReference: view.flagged ? reference.flags || 'invalid lap' : undefined,
  };
}

/** The lap's time against the reference's (as the sector table has it), or where the lap in progress has got to. */
export function lapEnd(view: LapDeltaView, k: number): string {
  const timed = view.lapDeltas.get(view.laps[k].key);
  if (timed !== undefined) return formatDeltaSeconds(timed);
  const delta = view.comparison.laps[k].slip.delta;
  for (let i = delta.length - 1; i >= 0; i--) if (Number.isFinite(delta[i])) return formatDeltaSeconds(delta[i]);
  return '';
}
