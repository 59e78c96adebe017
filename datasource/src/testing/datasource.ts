/** Building the datasource as Grafana does, and watching what its queries emit. */
import {
  dateTime,
  type DataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type ScopedVars,
} from '@grafana/data';
import type { Observable, Subscription } from 'rxjs';

import { DataSource } from '../datasource';
import type { LinkTuning } from '../link/telemetry-link';
import type { TelemetryOptions, TelemetryQuery } from '../types';

export function makeDataSource(jsonData: TelemetryOptions, tuning: Partial<LinkTuning> = {}): DataSource {
  return new DataSource(
    {
      id: 1,
      uid: 'telemetry',
      type: 'eracing-telemetry-datasource',
      name: 'Telemetry',
      jsonData,
    } as DataSourceInstanceSettings<TelemetryOptions>,
    tuning,
  );
}

export function makeRequest(
  targets: TelemetryQuery[],
  options: { from: number; to: number; maxDataPoints?: number; scopedVars?: ScopedVars },
): DataQueryRequest<TelemetryQuery> {
  const from = dateTime(options.from);
  const to = dateTime(options.to);
  return {
    requestId: 'test',
    interval: '1s',
    intervalMs: 1000,
    maxDataPoints: options.maxDataPoints,
    range: { from, to, raw: { from, to } },
    scopedVars: options.scopedVars ?? {},
    targets,
    timezone: 'utc',
    app: 'dashboard',
    startTime: Date.now(),
  } as DataQueryRequest<TelemetryQuery>;
}

/** Everything an observable emits, with a way to wait for an emission that satisfies a test. */
export class Emissions {
  readonly all: DataQueryResponse[] = [];
  private readonly subscription: Subscription;
  private waiters: Array<() => void> = [];
  done = false;

  constructor(source: Observable<DataQueryResponse>) {
    this.subscription = source.subscribe({
      next: (response) => {
        this.all.push(response);
        this.waiters.forEach((wake) => wake());
      },
      complete: () => {
        this.done = true;
        this.waiters.forEach((wake) => wake());
      },
    });
  }

  get last(): DataQueryResponse | undefined {
    return this.all[this.all.length - 1];
  }

  /** The first emission from now on (or already seen when `since` is 0) that satisfies `match`. */
  waitFor(match: (response: DataQueryResponse) => boolean, timeoutMs = 10_000, since = 0): Promise<DataQueryResponse> {
    return new Promise((resolve, reject) => {
      let scanned = since;
      const check = () => {
        for (; scanned < this.all.length; scanned++) {
          if (match(this.all[scanned])) {
            finish();
            resolve(this.all[scanned]);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no matching emission in ${timeoutMs} ms; last: ${JSON.stringify(describe(this.last))}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((wake) => wake !== check);
      };
      this.waiters.push(check);
      check();
    });
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}

/** A short description of a response for failure messages. */
export function describe(response: DataQueryResponse | undefined) {
  if (!response) return undefined;
  return {
    state: response.state,
    errors: response.errors,
    frames: response.data.map((frame: DataFrame) => ({
      name: frame.name,
      length: frame.length,
      notices: frame.meta?.notices?.map((notice) => notice.text),
      stream: frame.meta?.custom?.stream,
    })),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
