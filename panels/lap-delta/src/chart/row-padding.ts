/**
 * The room around each row's plot. A y label is drawn centred on its tick, so the labels of ticks at the plot's top
 * and bottom edges (0 % and 100 % of throttle) stick out half a line: without room for that half, the bottom label of
 * one row is drawn over the top label of the row below.
 */

/** Size of the axis text, px. */
export const AXIS_FONT_PX = 11;
/** Height of a line of axis text, as a multiple of its size. */
const LINE_HEIGHT = 1.2;
/** Space between a row's outermost y label and the row's edge, px. */
export const LABEL_GAP_PX = 2;
/** Headroom above the delta, for the sector names drawn at the top of its plot. */
const DELTA_TOP_PX = 14;
const RIGHT_PX = 10;

/** How far a y label centred on a tick at the plot's edge reaches past it, px. */
export function labelOverhang(fontPx: number = AXIS_FONT_PX): number {
  return Math.ceil((fontPx * LINE_HEIGHT) / 2);
}

/**
 * uPlot's padding of a row, [top, right, bottom, left] px: each label stays inside its own row with a gap to the edge.
 * The bottom row has the distance axis below its plot, which is room enough.
 */
export function rowPadding(row: { delta: boolean; bottom: boolean }): [number, number, number, number] {
  const room = labelOverhang() + LABEL_GAP_PX;
  return [row.delta ? Math.max(DELTA_TOP_PX, room) : room, RIGHT_PX, row.bottom ? 0 : room, 0];
}
