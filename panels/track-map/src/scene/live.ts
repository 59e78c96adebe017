import { carColour, firstAtOrAfter } from '@eracing/telemetry-core/channels';
import { cleanTrace } from '@eracing/telemetry-core/track';

import type { Trail } from '../render/trails';
import { columnRange } from './columns';
import type { MapCar } from './cars';

/** A live car: its trail (cleaned) and where it is now, in metres. */
export interface LiveCar {
  car: string;
  colour: string;
  trail: Trail;
  /** The latest good position; NaN when the car has none in the window. */
  x: number;
  y: number;
  /** The row of that position in the car's frame. */
  row: number;
}

/** Trails shorter than this still serve to clean the latest position. */
const MIN_WINDOW_MS = 2000;

/**
 * Each car's last `seconds` of positions (by its time column; the last samples when it has none), cleaned of
 * dropouts, and its latest good position.
 */
export function liveCars(cars: readonly MapCar[], seconds: number): LiveCar[] {
  return cars.map((car) => {
    const n = Math.min(car.x.length, car.y.length);
    const span = Math.max(seconds * 1000, MIN_WINDOW_MS);
    const from = car.time && n > 0 ? firstAtOrAfter(car.time, car.time[n - 1] - span, 0, n) : Math.max(0, n - 1000);
    const sub = (values: ArrayLike<number>) => columnRange(values, from, n);
    const clean = cleanTrace(sub(car.x), sub(car.y), car.time ? sub(car.time) : undefined, { farOutliers: false });
    let last = clean.x.length - 1;
    while (last >= 0 && clean.x[last] !== clean.x[last]) last--;
    const trailFrom = car.time ? firstAtOrAfter(car.time, car.time[n - 1] - seconds * 1000, from, n) - from : 0;
    const colour = carColour(car.car);
    return {
      car: car.car,
      colour,
      trail: {
        x: clean.x,
        y: clean.y,
        breakBefore: clean.breakBefore,
        colour,
        from: Math.max(0, trailFrom),
        to: clean.x.length,
      },
      x: last >= 0 ? clean.x[last] : NaN,
      y: last >= 0 ? clean.y[last] : NaN,
      row: last >= 0 ? from + last : -1,
    };
  });
}
