import { type DataFrame, type Field, FieldType } from '@grafana/data';
import { carOf as frameCar, timeField } from '@eracing/telemetry-core/frames';
import { type GeoOrigin, projectGpsTrace, robustGeoCentre } from '@eracing/telemetry-core/track';

import type { PositionTrace } from '../positions';

/** A car on the map: its frame's samples, positions in metres (projected when the frame has GPS). */
export interface MapCar {
  car: string;
  frame: DataFrame;
  time?: ArrayLike<number>;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  lap?: ArrayLike<number>;
  lapDistance?: ArrayLike<number>;
}

function numberValues(frame: DataFrame, name: string): ArrayLike<number> | undefined {
  const f = frame.fields.find((field) => field.name === name && field.type === FieldType.number);
  return f?.values as ArrayLike<number> | undefined;
}

function timeValues(frame: DataFrame): ArrayLike<number> | undefined {
  return timeField(frame)?.values as ArrayLike<number> | undefined;
}

/**
 * The car a frame belongs to: the `car` label of its position field, else the frame's car as the core's frames
 * reader finds it; a frame of another datasource is named by its name, else its place.
 */
export function carOf(trace: PositionTrace, index: number): string {
  return trace.first.labels?.car ?? frameCar(trace.frame) ?? trace.frame.name ?? `${index + 1}`;
}

/**
 * The cars of the position frames. GPS is projected around `origin` (the track's, or the median fix of the first
 * GPS frame when there is no track), so every car shares one metric frame.
 */
export function readCars(traces: readonly PositionTrace[], origin?: GeoOrigin): { cars: MapCar[]; origin?: GeoOrigin } {
  let projectionOrigin = origin;
  const cars = traces.map((trace, index): MapCar => {
    const { frame } = trace;
    let x = trace.first.values as ArrayLike<number>;
    let y = trace.second.values as ArrayLike<number>;
    if (trace.kind === 'latlon') {
      projectionOrigin ??= robustGeoCentre(x, y);
      const projected = projectionOrigin ? projectGpsTrace(x, y, projectionOrigin) : { x: [], y: [] };
      x = projected.x;
      y = projected.y;
    }
    return {
      car: carOf(trace, index),
      frame,
      time: timeValues(frame),
      x,
      y,
      lap: numberValues(frame, 'lap'),
      lapDistance: numberValues(frame, 'lap_distance'),
    };
  });
  return { cars, origin: projectionOrigin };
}

/** The field a car's frame has under `name` (its number fields only). */
export function carField(car: MapCar, name: string): Field | undefined {
  return car.frame.fields.find((f) => f.name === name && f.type === FieldType.number);
}
