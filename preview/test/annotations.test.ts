/** @jest-environment jsdom */
// Dashboard annotations as Grafana runs them: the request from the datasource's annotation support, the events
// frame read into events, their colour and regions, the panels they reach, and what the time series draws of them.
import fs from 'node:fs';
import path from 'node:path';

import {
  DataSourceApi,
  DataTopic,
  dateTime,
  LoadingState,
  type AnnotationQuery,
  type DataQueryRequest,
  type DataQueryResponse,
  type PanelData,
} from '@grafana/data';
import { firstValueFrom, of, skipWhile, type Observable } from 'rxjs';

import { DataSource } from '../../datasource/src/datasource';
import { eventFrame } from '../../datasource/src/frames/event-frames';
import { annotationFrame, annotationsForPanel, withDashboardAnnotations } from '../src/dashboard/annotation-events';
import {
  annotationRequest,
  runAnnotation,
  runnableAnnotations,
  type AnnotationOptions,
  type AnnotationResult,
} from '../src/dashboard/annotation-queries';
import { annotationMarks, placeMarks } from '../src/panels/annotation-marks';

const dashboard = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'dashboards', 'lap-comparison.json'), 'utf8'),
);
const saved: AnnotationQuery = dashboard.annotations.list[0];
const T0 = Date.UTC(2026, 0, 1, 12);

const settings = {
  uid: 'eracing-telemetry',
  name: 'eRacing Telemetry',
  type: 'eracing-telemetry-datasource',
  id: 1,
  meta: {} as never,
  jsonData: { url: 'ws://127.0.0.1:1' } as Record<string, unknown>,
  access: 'proxy' as const,
  readOnly: true,
};

const events = [
  { time: T0 + 1000, kind: 'lap' as const, car: '7', lap: 3, duration: 91.2, text: 'Car 7 lap 3: 1:31.200' },
  { time: T0 + 5000, kind: 'pit_in' as const, car: '7', lap: 4, text: 'Car 7 into the pit lane' },
  { time: T0 + 9000, kind: 'pit_out' as const, car: '7', lap: 4, text: 'Car 7 leaves the pit lane' },
];

/** The datasource plugin's own class, typed as the host sees any datasource. */
const telemetryDataSource = () => new DataSource(settings) as unknown as DataSourceApi;

/** Answers every query with the datasource's own events frame, and keeps the requests. */
class EventsDataSource extends DataSourceApi {
  requests: DataQueryRequest[] = [];
  constructor() {
    super(settings);
    this.annotations = telemetryDataSource().annotations;
  }
  query(request: DataQueryRequest): Observable<DataQueryResponse> {
    this.requests.push(request);
    return of({ data: [eventFrame(events, 'Anno', {})], state: LoadingState.Done });
  }
  async testDatasource() {
    return { status: 'success', message: '' };
  }
}

/** The first result after loading. */
const answered = (results: Observable<AnnotationResult>) =>
  firstValueFrom(results.pipe(skipWhile((r) => r.state === LoadingState.Loading)));

const options: AnnotationOptions = {
  dashboardUID: dashboard.uid,
  range: { from: dateTime(T0), to: dateTime(T0 + 60_000), raw: { from: 'now-1m', to: 'now' } },
  timezone: 'browser',
  maxDataPoints: 600,
  colorByName: (color) => `named(${color})`,
};

describe('annotation queries', () => {
  it('asks the datasource with its own annotation support: one target, refId Anno, over the range', () => {
    const prepared = annotationRequest(saved, telemetryDataSource(), options)!;
    expect(prepared.request.targets).toEqual([
      {
        refId: 'Anno',
        queryType: 'events',
        mode: 'history',
        session: '$session',
        cars: ['$car'],
        kinds: ['lap', 'pit_in', 'pit_out'],
      },
    ]);
    expect(prepared.request.range).toBe(options.range);
    expect(prepared.request.intervalMs).toBe(100); // 60 s over 600 points
    expect(prepared.request.scopedVars.__annotation?.text).toBe('Laps and pit stops of the chosen car');
  });

  it('reads the events frame into events in the annotation’s colour, a pit stop as a region', async () => {
    const datasource = new EventsDataSource();
    const result = await answered(runAnnotation(saved, datasource, options));
    expect(datasource.requests).toHaveLength(1);
    expect(result.state).toBe(LoadingState.Done);
    expect(
      result.events.map(({ time, timeEnd, text, tags, color, isRegion, type }) => ({
        time,
        timeEnd,
        text,
        tags,
        color,
        isRegion,
        type,
      })),
    ).toEqual([
      {
        time: T0 + 1000,
        timeEnd: undefined,
        text: 'Car 7 lap 3: 1:31.200',
        tags: ['lap', 'car 7'],
        color: 'named(#5794F2)',
        isRegion: false,
        type: saved.name,
      },
      {
        time: T0 + 5000,
        timeEnd: T0 + 9000,
        text: 'Car 7 into the pit lane',
        tags: ['pit_in', 'car 7'],
        color: 'named(#5794F2)',
        isRegion: true,
        type: saved.name,
      },
      expect.objectContaining({ text: 'Car 7 leaves the pit lane', isRegion: false }),
    ]);
  });

  it('says why when the query fails', async () => {
    const datasource = new EventsDataSource();
    datasource.query = () => of({ data: [], error: { message: 'no session x' }, state: LoadingState.Error });
    const result = await answered(runAnnotation(saved, datasource, options));
    expect(result).toEqual({ events: [], state: LoadingState.Error, error: 'no session x' });
  });

  it('runs the enabled annotations with a datasource, not Grafana’s built-in one; a switch overrides `enable`', () => {
    const list: AnnotationQuery[] = [
      {
        name: 'Annotations & Alerts',
        builtIn: 1,
        enable: true,
        iconColor: 'blue',
        datasource: { type: 'grafana', uid: '-- Grafana --' },
      },
      saved,
      { ...saved, name: 'off', enable: false },
      { name: 'no datasource', enable: true, iconColor: 'blue' },
    ];
    const names = (switched: Map<number, boolean>) => runnableAnnotations(list, switched).map((a) => a.annotation.name);
    expect(names(new Map())).toEqual([saved.name]);
    expect(names(new Map([[1, false]]))).toEqual([]);
    expect(names(new Map([[2, true]]))).toEqual([saved.name, 'off']);
  });
});

describe('annotations in panels', () => {
  const shown = [
    { time: 10, text: 'a', color: 'blue', isRegion: false, source: saved },
    { time: 20, timeEnd: 40, text: 'b', color: 'blue', isRegion: true, source: saved },
  ];

  it('keeps what an annotation’s panel filter allows', () => {
    const only7 = shown.map((e) => ({ ...e, source: { ...saved, filter: { ids: [7] } } }));
    const not7 = shown.map((e) => ({ ...e, source: { ...saved, filter: { exclude: true, ids: [7] } } }));
    expect(annotationsForPanel(shown, 1)).toHaveLength(2);
    expect(annotationsForPanel(only7, 7)).toHaveLength(2);
    expect(annotationsForPanel(only7, 1)).toHaveLength(0);
    expect(annotationsForPanel(not7, 7)).toHaveLength(0);
  });

  it('hands them to the panel as one frame of the annotations topic, with every key any event has', () => {
    const data: PanelData = { state: LoadingState.Done, series: [], timeRange: options.range };
    expect(withDashboardAnnotations(data, [])).toBe(data);
    const [frame] = withDashboardAnnotations(data, shown).annotations!;
    expect(frame.meta?.dataTopic).toBe(DataTopic.Annotations);
    expect(frame.fields.find((f) => f.name === 'timeEnd')?.values).toEqual([undefined, 40]);
    expect(annotationFrame(shown).length).toBe(2);
  });

  it('the time series draws a line or a region for each one in the plot’s range, a region clipped to it', () => {
    const marks = annotationMarks([annotationFrame([...shown, { time: 90, text: 'late', color: 'red' }])]);
    expect(marks.map((m) => [m.text, m.region])).toEqual([
      ['a', false],
      ['b', true],
      ['late', false],
    ]);
    const placed = placeMarks(marks, { min: 0, max: 30 }, (time) => time * 10);
    expect(placed.map(({ text, left, width }) => ({ text, left, width }))).toEqual([
      { text: 'a', left: 100, width: 0 },
      { text: 'b', left: 200, width: 100 },
    ]);
  });
});
