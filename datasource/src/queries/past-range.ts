/**
 * A live query on a time range that ended in the past: its live window would be "now", outside the range, and the
 * chart would go blank while stats and maps kept showing the present. It reads the range's history instead, and
 * says so on every frame.
 */
import type { DataFrame } from '@grafana/data';

/** A range that ended longer ago than this is in the past (a range ending "now" is a few ms old when it runs). */
export const PAST_RANGE_MS = 10_000;

export const PAST_RANGE_NOTICE =
  'Live query on a time range in the past: showing the recorded history of that range. Choose a range ending now for live data.';

/**
 * Whether a time range ended in the past. A range whose end is written `now` is live whatever its evaluated end
 * says (a host may hand a range evaluated a while ago to a panel that queries again).
 */
export function isPastRange(range: { to: number; rawTo?: unknown }, now: number = Date.now()): boolean {
  if (typeof range.rawTo === 'string' && range.rawTo.trim() === 'now') return false;
  return range.to < now - PAST_RANGE_MS;
}

/** The frames with the notice added to their meta (Grafana shows it in the panel header). */
export function withPastRangeNotice(frames: DataFrame[]): DataFrame[] {
  return frames.map((frame) => ({
    ...frame,
    meta: {
      ...frame.meta,
      notices: [...(frame.meta?.notices ?? []), { severity: 'info', text: PAST_RANGE_NOTICE }],
    },
  }));
}
