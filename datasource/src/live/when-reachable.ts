/**
 * Starts a live query once the server answers. A dashboard opened while the server is down (or restarting) shows
 * "Waiting for …" and starts by itself when the server is back, instead of failing until a reload. Settings that
 * cannot work (a refused token, another protocol) fail at once.
 */
import type { DataQueryResponse } from '@grafana/data';
import { Observable, type Subscription } from 'rxjs';

import { retryDelay, type BackoffPolicy } from '../link/backoff';
import { LinkFailure } from '../link/handshake';
import { errorResponse, noticeResponse } from '../queries/responses';

export function whenReachable<T>(
  refId: string,
  prepare: () => Promise<T>,
  start: (prepared: T) => Observable<DataQueryResponse>,
  backoff?: BackoffPolicy,
): Observable<DataQueryResponse> {
  return new Observable<DataQueryResponse>((subscriber) => {
    let stopped = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stream: Subscription | undefined;
    const attemptStart = () =>
      prepare().then(
        (prepared) => {
          if (!stopped) stream = start(prepared).subscribe(subscriber);
        },
        (error: unknown) => {
          if (stopped) return;
          if (!(error instanceof LinkFailure) || error.terminal) {
            subscriber.next(errorResponse(refId, error));
            subscriber.complete();
            return;
          }
          const delayMs = retryDelay(++attempt, backoff);
          subscriber.next(
            noticeResponse(
              refId,
              `Waiting for the server: ${error.message} Next attempt in ${(delayMs / 1000).toFixed(1)} s.`,
            ),
          );
          timer = setTimeout(attemptStart, delayMs);
        },
      );
    attemptStart();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.unsubscribe();
    };
  });
}
