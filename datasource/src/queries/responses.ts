import { LoadingState, type DataQueryResponse } from '@grafana/data';

import { describeFailure } from '../link/server-error';

/** A query's failure as Grafana shows it: the message (with the server's code) on the query's row. */
export function errorResponse(refId: string, error: unknown): DataQueryResponse {
  const { message, code } = describeFailure(error);
  return {
    data: [],
    key: refId,
    state: LoadingState.Error,
    errors: [{ message, refId, ...(code ? { statusText: code } : {}) }],
  };
}

/** A live query that has no data yet but something to say: an empty frame carrying a warning notice. */
export function noticeResponse(refId: string, text: string): DataQueryResponse {
  return {
    data: [{ name: 'status', refId, fields: [], length: 0, meta: { notices: [{ severity: 'warning', text }] } }],
    key: refId,
    state: LoadingState.Streaming,
  };
}
