import { type DataFrame, type Field, FieldType, formattedValueToString, getFieldDisplayName } from '@grafana/data';
import { type TelemetryCursor } from '@eracing/panel-kit/cursor';
import { indexNearestTime } from '@eracing/panel-kit/glide';

import type { MapCar } from './cars';
import type { ColouredLine } from './line';
import type { LiveCar } from './live';

/** The fields a tooltip leaves out: positions and the ones it shows in its heading. */
const NOT_CHANNELS = new Set(['x', 'y', 'lat', 'lon', 'lap', 'lap_distance']);

/** A sample under the pointer. */
export interface HoverSample {
  car: string;
  /** The car's frame and row, when the sample is still in the data. */
  trace?: MapCar;
  row: number;
  time?: number;
  lap?: number;
  lapDistance?: number;
  /** World position, metres. */
  x: number;
  y: number;
  /** The colour field's value the line kept for this sample. */
  colourValue?: number;
}

export interface TooltipRow {
  label: string;
  value: string;
  colour?: string;
}

function format(field: Field, value: unknown): string {
  if (field.display) return formattedValueToString(field.display(value));
  return typeof value === 'number' ? value.toFixed(2) : String(value);
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * The sample of the line under index j, found again by its time in the car's current frame (a live window moves
 * on, and the line may outlive the samples it was drawn from: then only what the line kept is shown).
 */
export function lineSample(line: ColouredLine, j: number, cars: readonly MapCar[]): HoverSample {
  const name = line.slice.car.car;
  const time = line.time[j];
  const car = cars.find((c) => c.car === name);
  let row = -1;
  if (car?.time && Number.isFinite(time)) {
    const i = indexNearestTime(car.time, time);
    if (i >= 0 && car.time[i] === time) row = i;
  } else if (car === line.slice.car) {
    row = line.slice.start + j;
  }
  return {
    car: name,
    trace: row >= 0 ? car : undefined,
    row,
    time: finite(time),
    lap: finite(line.slice.lap),
    lapDistance: finite(line.lapDistance[j]),
    x: line.x[j],
    y: line.y[j],
    colourValue: finite(line.values[j]),
  };
}

export function liveSample(live: LiveCar, trace: MapCar): HoverSample {
  return {
    car: live.car,
    trace,
    row: live.row,
    time: finite(trace.time?.[live.row]),
    lap: finite(trace.lap?.[live.row]),
    lapDistance: finite(trace.lapDistance?.[live.row]),
    x: live.x,
    y: live.y,
  };
}

/** The tooltip's rows: car, lap, lap distance, time, then every channel of the sample in its unit. */
export function tooltipRows(
  sample: HoverSample,
  formatTime: (time: number) => string,
  colour?: { field: string; title: string; display?: (value: number) => string },
): TooltipRow[] {
  const rows: TooltipRow[] = [{ label: 'Car', value: sample.car }];
  if (sample.lap !== undefined) rows.push({ label: 'Lap', value: String(sample.lap) });
  if (sample.lapDistance !== undefined) rows.push({ label: 'Distance', value: `${sample.lapDistance.toFixed(0)} m` });
  if (sample.time !== undefined) rows.push({ label: 'Time', value: formatTime(sample.time) });
  const frame: DataFrame | undefined = sample.trace?.frame;
  if (!frame || sample.row < 0) {
    // The samples have left the data window: the line still knows its colour value.
    if (colour?.display && sample.colourValue !== undefined) {
      rows.push({ label: colour.title, value: colour.display(sample.colourValue) });
    }
    return rows;
  }
  const colourField = colour?.field;
  const channels = frame.fields.filter((f) => f.type === FieldType.number && !NOT_CHANNELS.has(f.name));
  channels.sort((a, b) => Number(b.name === colourField) - Number(a.name === colourField));
  for (const field of channels) {
    const value = field.values[sample.row];
    if (!Number.isFinite(value)) continue;
    rows.push({
      label:
        field.config.displayName ??
        field.config.displayNameFromDS?.replace(/ · car .*$/, '') ??
        getFieldDisplayName(field, frame),
      value: format(field, value),
    });
  }
  return rows;
}

/** The cursor a hover publishes for the other panels. */
export function cursorOf(sample: HoverSample): TelemetryCursor | undefined {
  if (sample.time === undefined) return undefined;
  return { time: sample.time, car: sample.car, lap: sample.lap, lapDistance: sample.lapDistance };
}

/**
 * Where another panel's cursor falls on the map, in metres: the car's position at that time; else, on the line,
 * the sample at that lap distance (a lap comparison hovers by distance) or at that time.
 */
export function cursorPosition(
  cursor: TelemetryCursor,
  cars: readonly MapCar[],
  line: ColouredLine | undefined,
  maxTimeGapMs = 2000,
): { x: number; y: number } | undefined {
  const onLineByTime = () => {
    if (!line) return undefined;
    const j = indexNearestTime(line.time, cursor.time);
    return j >= 0 && Math.abs(line.time[j] - cursor.time) <= maxTimeGapMs ? { x: line.x[j], y: line.y[j] } : undefined;
  };
  const sameLap =
    line &&
    (cursor.car === undefined || cursor.car === line.slice.car.car) &&
    (cursor.lap === undefined || cursor.lap === line.slice.lap);
  if (sameLap) {
    const hit = onLineByTime();
    if (hit && hit.x === hit.x) return hit;
  }
  for (const car of cars) {
    if (cursor.car !== undefined && car.car !== cursor.car) continue;
    if (!car.time) continue;
    const i = indexNearestTime(car.time, cursor.time);
    if (
      i >= 0 &&
      Math.abs(car.time[i] - cursor.time) <= maxTimeGapMs &&
      car.x[i] === car.x[i] &&
      car.y[i] === car.y[i]
    ) {
      return { x: car.x[i], y: car.y[i] };
    }
    if (cursor.car !== undefined) break;
  }
  if (line && cursor.lapDistance !== undefined) {
    let best = -1;
    let bestGap = Infinity;
    for (let j = 0; j < line.lapDistance.length; j++) {
      const gap = Math.abs(line.lapDistance[j] - cursor.lapDistance);
      if (gap < bestGap && line.x[j] === line.x[j]) {
        bestGap = gap;
        best = j;
      }
    }
    if (best >= 0) return { x: line.x[best], y: line.y[best] };
  }
  return undefined;
}
