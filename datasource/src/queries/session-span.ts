/**
 * A history query by time range on a session the range does not reach (an imported stint from last season, a
 * dashboard left on "last 15 minutes"): the chart would be empty with no reason given. The notice says when the
 * session ran, so that the engineer can set the range to it.
 */
import type { SessionSummary } from '@eracing/telemetry-core/protocol';
import type { QueryResultMetaNotice } from '@grafana/data';

/** `2026-03-14 13:02:07 UTC`: the form Go's backend writes too. */
export function utcSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The notice for a range that misses the session (ends before it started or starts after its last sample), if it does. */
export function sessionOutsideRange(
  session: Pick<SessionSummary, 'id' | 'startTime' | 'endTime'>,
  range: { from: number; to: number },
): QueryResultMetaNotice | undefined {
  const end = session.endTime;
  const before = range.to < session.startTime;
  const after = end !== undefined && range.from > end;
  if (!before && !after) return undefined;
  const span =
    end === undefined
      ? `started at ${utcSeconds(session.startTime)}`
      : `ran from ${utcSeconds(session.startTime)} to ${utcSeconds(end)}`;
  return {
    severity: 'info',
    text: `The time range holds none of session ${session.id}: it ${span}. Set the time range to the session to see it.`,
  };
}
