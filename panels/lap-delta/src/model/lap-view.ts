/**
 * From frames to what the panel shows: the laps found in the data, the reference chosen among them, the comparison,
 * sector times and the theoretical best — or a message saying precisely what is missing.
 */
import type { PanelData } from '../data/frames';
import { chooseLaps, noLapsMessage } from './choose-laps';
import { compareChosen } from './comparison';
import { lapsInData } from './laps-in-data';
import { lossZones } from './loss-zones';
import { boundariesFromReference, lapDeltas, sectorCells, theoreticalBest, timedSectors } from './sectors';
import type { LapDeltaState, ViewRequest } from './types';

export function buildView(data: PanelData, request: ViewRequest): LapDeltaState {
  if (data.cars.length === 0) return noLapsMessage(data);
  const laps = lapsInData(data);
  if (laps.length === 0) return noLapsMessage(data);
  const chosen = chooseLaps(data, laps, request);
  if ('kind' in chosen) return chosen;
  const { primary, reference, flagged, compared } = chosen;
  const { comparison, channels } = compareChosen(chosen, request);
  // The track frames' distances are on the centre line: scaled to the reference lap's length.
  const onReference = (d: number) => (data.trackLength ? (d * comparison.referenceLength) / data.trackLength : d);
  // Where the reference lap crossed its sector lines, from its own sector times: on its own line, unlike the track's
  // centre-line boundaries.
  const sectors =
    reference.sectorTimes.length > 1
      ? boundariesFromReference(reference, comparison)
      : (data.sectorBoundaries ?? []).map(onReference);
  const corners = data.corners.map((c) => ({ ...c, distance: onReference(c.distance) }));
  const drawn = [reference, ...compared];
  for (const lap of drawn) {
    if (lap.sectorTimes.length === 0 && sectors.length) lap.sectorTimes = timedSectors(lap, sectors);
  }
  return {
    kind: 'view',
    reference,
    flagged,
    laps: compared,
    comparison,
    channels,
    sectors,
    zones: lossZones(comparison, corners),
    sectorCells: sectorCells(drawn, data.laps),
    lapDeltas: lapDeltas(reference, compared),
    theoreticalBest: theoreticalBest(primary.car, data.laps),
  };
}
