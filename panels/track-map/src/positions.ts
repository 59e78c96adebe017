import { type DataFrame, FieldType } from '@grafana/data';

/** How a frame places the car on the track: local metres or GPS degrees. */
export type PositionKind = 'xy' | 'latlon';

export interface PositionTrace {
  frame: DataFrame;
  kind: PositionKind;
}

function hasNumberFields(frame: DataFrame, names: readonly string[]): boolean {
  return names.every((name) => frame.fields.some((field) => field.name === name && field.type === FieldType.number));
}

/** Track geometry frames from the datasource's `track` query, which have x/y too but are not cars. */
function isTrackFrame(frame: DataFrame): boolean {
  return frame.meta?.custom?.trackPart !== undefined;
}

/** The frames that carry car positions; x/y wins over lat/lon when a frame has both. */
export function findPositionTraces(series: readonly DataFrame[]): PositionTrace[] {
  return series.flatMap((frame): PositionTrace[] => {
    if (isTrackFrame(frame)) return [];
    if (hasNumberFields(frame, ['x', 'y'])) return [{ frame, kind: 'xy' }];
    if (hasNumberFields(frame, ['lat', 'lon'])) return [{ frame, kind: 'latlon' }];
    return [];
  });
}
