import { isTrackFrame } from '@eracing/telemetry-core/frames';
import { type DataFrame, type Field, FieldType } from '@grafana/data';

import type { TrackMapOptions } from './types';

/** How a frame places the car on the track: local metres or GPS degrees. */
export type PositionKind = 'xy' | 'latlon';

export interface PositionTrace {
  frame: DataFrame;
  kind: PositionKind;
  /** x and y, or lat and lon. */
  first: Field;
  second: Field;
}

type PositionChoice = Pick<TrackMapOptions, 'positions' | 'xField' | 'yField' | 'latField' | 'lonField'>;

const AUTO: PositionChoice = { positions: 'auto' };

function numberField(frame: DataFrame, name: string | undefined): Field | undefined {
  if (!name) return undefined;
  return frame.fields.find((field) => field.name === name && field.type === FieldType.number);
}

function pair(frame: DataFrame, kind: PositionKind, a?: string, b?: string): PositionTrace | undefined {
  const first = numberField(frame, a);
  const second = numberField(frame, b);
  return first && second ? { frame, kind, first, second } : undefined;
}

/** The fields the panel looks for, for the message shown when no frame has them. */
export function wantedFields(choice: PositionChoice): string {
  if (choice.positions === 'xy') return `${choice.xField || 'x'} and ${choice.yField || 'y'} (metres)`;
  if (choice.positions === 'latlon') return `${choice.latField || 'lat'} and ${choice.lonField || 'lon'} (degrees)`;
  return 'x and y (metres), or lat and lon (degrees)';
}

/** The frames that carry car positions; in auto mode x/y wins over lat/lon when a frame has both. */
export function findPositionTraces(series: readonly DataFrame[], choice: PositionChoice = AUTO): PositionTrace[] {
  return series.flatMap((frame): PositionTrace[] => {
    if (isTrackFrame(frame)) return [];
    const found =
      choice.positions === 'xy'
        ? pair(frame, 'xy', choice.xField || 'x', choice.yField || 'y')
        : choice.positions === 'latlon'
          ? pair(frame, 'latlon', choice.latField || 'lat', choice.lonField || 'lon')
          : (pair(frame, 'xy', 'x', 'y') ?? pair(frame, 'latlon', 'lat', 'lon'));
    return found ? [found] : [];
  });
}
