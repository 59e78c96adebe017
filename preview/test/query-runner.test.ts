/** @jest-environment jsdom */
import {
  DataSourceApi,
  dateTime,
  FieldType,
  LoadingState,
  toDataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  type PanelData,
} from '@grafana/data';
import { Observable, Subject } from 'rxjs';

import { buildRequest, runPanelQuery, type PanelQuery } from '../src/dashboard/query-runner';

/** A streaming datasource whose packets the test sends, and which counts its open streams. */
class PushDataSource extends DataSourceApi {
  readonly packets = new Subject<DataQueryResponse>();
  open = 0;
  requests: DataQueryRequest[] = [];

  constructor() {
    super({
      uid: 'push',
      name: 'push',
      type: 'push',
      id: 1,
      meta: {} as never,
      jsonData: {},
      access: 'proxy',
      readOnly: true,
    });
  }

  query(request: DataQueryRequest): Observable<DataQueryResponse> {
    this.requests.push(request);
    return new Observable((subscriber) => {
      this.open++;
      const subscription = this.packets.subscribe(subscriber);
      return () => {
        this.open--;
        subscription.unsubscribe();
      };
    });
  }

  async testDatasource() {
    return { status: 'success', message: '' };
  }
}

function frame(refId: string, name: string, value: number) {
  return toDataFrame({
    refId,
    name,
    fields: [
      { name: 'time', type: FieldType.time, values: [1] },
      { name: 'speed', type: FieldType.number, values: [value] },
    ],
  });
}

function query(datasource: DataSourceApi): PanelQuery {
  const to = dateTime(Date.UTC(2026, 0, 1, 12));
  const from = dateTime(to.valueOf() - 30_000);
  return {
    panelId: 3,
    panelPluginId: 'stat',
    dashboardUID: 'd',
    datasource,
    targets: [{ refId: 'A' }, { refId: 'B', hide: true }],
    range: { from, to, raw: { from: 'now-30s', to: 'now' } },
    timezone: 'browser',
    maxDataPoints: 600,
    liveStreaming: true,
  };
}

describe('runPanelQuery', () => {
  it('asks the datasource as Grafana does: range, interval from maxDataPoints, visible targets with their datasource', () => {
    const request = buildRequest(query(new PushDataSource()));
    expect(request.targets).toEqual([{ refId: 'A', datasource: { uid: 'push', type: 'push' } }]);
    expect(request.intervalMs).toBe(50); // 30 s over 600 points
    expect(request.scopedVars.__interval_ms?.value).toBe(50);
    expect(request.maxDataPoints).toBe(600);
    expect(request.liveStreaming).toBe(true);
  });

  it('keeps the latest packet per key, each replacing the one before, and closes the stream on unsubscribe', () => {
    const datasource = new PushDataSource();
    const seen: PanelData[] = [];
    const subscription = runPanelQuery(query(datasource)).subscribe((data) => seen.push(data));
    expect(seen[0].state).toBe(LoadingState.Loading);
    expect(datasource.open).toBe(1);

    datasource.packets.next({ key: 'car 7', state: LoadingState.Streaming, data: [frame('A', 'car 7', 100)] });
    datasource.packets.next({ key: 'car 22', state: LoadingState.Streaming, data: [frame('A', 'car 22', 200)] });
    datasource.packets.next({ key: 'car 7', state: LoadingState.Streaming, data: [frame('A', 'car 7', 110)] });

    const last = seen.at(-1)!;
    expect(last.state).toBe(LoadingState.Streaming);
    expect(last.series.map((f) => [f.name, f.fields[1].values[0]])).toEqual([
      ['car 7', 110],
      ['car 22', 200],
    ]);

    subscription.unsubscribe();
    expect(datasource.open).toBe(0);
  });

  it('keys a packet without a key by the refId of its first frame, and reports errors without losing the data', () => {
    const datasource = new PushDataSource();
    const seen: PanelData[] = [];
    runPanelQuery(query(datasource)).subscribe((data) => seen.push(data));
    datasource.packets.next({ state: LoadingState.Done, data: [frame('A', 'one', 1)] });
    datasource.packets.next({ state: LoadingState.Done, data: [frame('A', 'two', 2)] });
    expect(seen.at(-1)!.series.map((f) => f.name)).toEqual(['two']);

    datasource.packets.error(new Error('server gone'));
    expect(seen.at(-1)).toMatchObject({ state: LoadingState.Error, error: { message: 'server gone' } });
    expect(seen.at(-1)!.series.map((f) => f.name)).toEqual(['two']);
  });
});
