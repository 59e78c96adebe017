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

/** The payload shape to publish with `new DataHoverEvent(payload)`. */
export interface CursorHoverPayload {
  point: TelemetryCursor;
}

export function cursorPayload(cursor: TelemetryCursor): CursorHoverPayload {
  return { point: { ...cursor } };
}

/** Reads a cursor from any hover payload; undefined when the payload carries no usable time. */
export function readCursor(payload: unknown): TelemetryCursor | undefined {
  const point = (payload as { point?: Record<string, unknown> } | undefined)?.point;
  if (!point) return undefined;
  const time = point.time;
  if (typeof time !== 'number' || !Number.isFinite(time)) return undefined;
  const cursor: TelemetryCursor = { time };
  if (typeof point.car === 'string') cursor.car = point.car;
  if (typeof point.lap === 'number' && Number.isFinite(point.lap)) cursor.lap = point.lap;
  if (typeof point.lapDistance === 'number' && Number.isFinite(point.lapDistance))
    cursor.lapDistance = point.lapDistance;
  return cursor;
}
