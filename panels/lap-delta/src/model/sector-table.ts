/** The sector table's rows: sector times and deltas to the reference per lap, the bests marked, the theoretical best. */
import { formatLapTime, formatTimeDelta, lapTimeDelta } from '@eracing/telemetry-core/laps';

import type { LapDeltaView } from './types';

/** A time against the reference's: the text and whether it is slower (positive). */
export interface DeltaText {
  text: string;
  slower: boolean;
}

export interface SectorTableCell {
  time: string;
  /** Undefined in the reference's row. */
  delta?: DeltaText;
  /** The session's fastest valid time of the sector, or else the car's. */
  best?: 'session' | 'personal';
}

export interface SectorTableRow {
  key: string;
  label: string;
  reference: boolean;
  /** Index of the compared lap (its colour); -1 for the reference. */
  lapIndex: number;
  /** The lap's flags when it is not valid (`invalid` when the table gives none). */
  flag?: string;
  /** One per sector; undefined where the lap has no time of it. */
  cells: (SectorTableCell | undefined)[];
  lapTime: string;
  lapDelta?: DeltaText;
}

export interface SectorTableModel {
  /** How many sector columns. */
  sectors: number;
  rows: SectorTableRow[];
  /** "Theoretical best, car 7:" with its time, and the best lap beside it. */
  theoretical?: { car: string; time: string; bestLap?: string };
}

const deltaText = (delta: number): DeltaText => ({ text: formatTimeDelta(delta), slower: delta > 0 });

/** The table of the reference and the compared laps; undefined when no lap has a sector time. */
export function sectorTable(view: LapDeltaView): SectorTableModel | undefined {
  const laps = [view.reference, ...view.laps];
  const sectors = Math.max(0, ...laps.map((lap) => lap.sectorTimes.length));
  if (sectors === 0) return undefined;
  const rows = laps.map((lap, row): SectorTableRow => {
    const reference = row === 0;
    const cells = view.sectorCells.get(lap.key) ?? [];
    const lapDelta = view.lapDeltas.get(lap.key);
    return {
      key: lap.key,
      label: lap.label,
      reference,
      lapIndex: row - 1,
      flag: lap.valid ? undefined : lap.flags || 'invalid',
      cells: Array.from({ length: sectors }, (_, k) => {
        const cell = cells[k];
        if (!cell) return undefined;
        return {
          time: formatLapTime(cell.time),
          delta: reference ? undefined : deltaText(cell.delta),
          best: cell.sessionBest ? 'session' : cell.personalBest ? 'personal' : undefined,
        };
      }),
      lapTime: lap.inProgress ? 'running' : formatLapTime(lap.lapTime),
      lapDelta: lapDelta === undefined ? undefined : deltaText(lapDelta),
    };
  });
  return { sectors, rows, theoretical: theoretical(view) };
}

function theoretical(view: LapDeltaView): SectorTableModel['theoretical'] {
  const best = view.theoreticalBest;
  if (!best) return undefined;
  const bestLap =
    best.bestLap === undefined
      ? undefined
      : `best lap ${formatLapTime(best.bestLap)}, ${formatTimeDelta(lapTimeDelta(best.time, best.bestLap))}`;
  return { car: best.car, time: formatLapTime(best.time), bestLap };
}
