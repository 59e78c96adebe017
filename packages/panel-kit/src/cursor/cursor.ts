/**
 * The shared cursor. Panels publish it as the `point` of Grafana's `DataHoverEvent` payload and read it
 * back from other panels, so a hover on one panel places the cursor on all of them.
 */
export interface TelemetryCursor {
  /** Epoch milliseconds. */
  time: number;
  car?: string;
  lap?: number;
  /** Metres from the start/finish line. */
  lapDistance?: number;
}

/**
 * The payload to publish with `new DataHoverEvent(payload)`. It fits Grafana's `DataHoverPayload`, whose `point`
 * holds numbers only: `point` carries time, lap and lap distance, and the car (a string) rides beside it.
 */
export interface CursorHoverPayload {
  point: Record<string, number | null>;
  car?: string;
}

export function cursorPayload(cursor: TelemetryCursor): CursorHoverPayload {
  const point: Record<string, number | null> = { time: cursor.time };
  if (cursor.lap !== undefined) point.lap = cursor.lap;
  if (cursor.lapDistance !== undefined) point.lapDistance = cursor.lapDistance;
  return cursor.car === undefined ? { point } : { point, car: cursor.car };
}

/** Reads a cursor from any hover payload; undefined when the payload carries no usable time. */
export function readCursor(payload: unknown): TelemetryCursor | undefined {
  const hover = payload as { point?: Record<string, unknown>; car?: unknown } | undefined;
  const point = hover?.point;
  if (!point) return undefined;
  const time = point.time;
  if (typeof time !== 'number' || !Number.isFinite(time)) return undefined;
  const cursor: TelemetryCursor = { time };
  const car = hover.car ?? point.car;
  if (typeof car === 'string') cursor.car = car;
  if (typeof point.lap === 'number' && Number.isFinite(point.lap)) cursor.lap = point.lap;
  if (typeof point.lapDistance === 'number' && Number.isFinite(point.lapDistance))
    cursor.lapDistance = point.lapDistance;
  return cursor;
}
