import { FieldType, type DataFrame } from '@grafana/data';

/** How far back from each frame's newest time `longestRecentStep` looks. */
export const RECENT_MS = 10_000;

/**
 * The longest step, in ms, between consecutive times of any frame over its newest `RECENT_MS`: what a browser test
 * reads to tell a stream that resumed whole from one that lost samples (its chart would show a gap that long).
 * Only the recent part, because the history a live query opens with is thinned to the panel's width.
 */
export function longestRecentStep(series: readonly DataFrame[] | undefined): number {
  let longest = 0;
  for (const frame of series ?? []) {
    const time = frame.fields.find((field) => field.type === FieldType.time);
    if (!time || frame.length < 2) continue;
    const values = time.values as ArrayLike<number>;
    const since = values[frame.length - 1] - RECENT_MS;
    for (let i = frame.length - 1; i > 0 && values[i - 1] >= since; i--)
      longest = Math.max(longest, values[i] - values[i - 1]);
  }
  return longest;
}
