/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// History, laps, track, events, variables and annotations against the real reference server on 127.0.0.1.
import { formatLapTime } from '@eracing/telemetry-core/laps';
import { LoadingState, type DataFrame, type DataQueryResponse } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import type { DataSource } from '../datasource';
import { makeDataSource, makeRequest } from '../testing/datasource';
import { installTemplateVariables } from '../testing/template-service';
import { serveTelemetry, stopAllServers, installNodeWebSocket, type SimSession } from '../testing/telemetry-server';
import type { TelemetryQuery } from '../types';
import { utcSeconds } from './session-span';

let ds: DataSource;
let sim: SimSession;
let now = 0;

beforeAll(async () => {
  installNodeWebSocket();
  installTemplateVariables({ car: ['1', '7'], session: 'live', lap: '2', channel: ['speed', 'brake'] });
  const { server, session } = await serveTelemetry();
  sim = session;
  now = Date.now();
  ds = makeDataSource({ url: server.url }, { idleCloseMs: 200 });
});
afterAll(stopAllServers);

async function run(
  query: Omit<TelemetryQuery, 'refId'>,
  options: { from?: number; to?: number; maxDataPoints?: number } = {},
) {
  const request = makeRequest([{ refId: 'A', ...query }], { from: now - 60_000, to: now, ...options });
  const response: DataQueryResponse = await lastValueFrom(ds.query(request));
  if (response.errors?.length) throw new Error(JSON.stringify(response.errors));
  expect(response.state).toBe(LoadingState.Done);
  return response.data as DataFrame[];
}

const values = (frame: DataFrame, name: string) =>
  Array.from(frame.fields.find((f) => f.name === name)!.values as number[]);

function completedLaps(car: string) {
  return sim.source.laps(now).filter((lap) => lap.car === car && lap.endTime !== undefined);
}

describe('history telemetry', () => {
  const channels = ['speed', 'throttle', 'brake'];
  const span = () => ({ from: now - 180_000, to: now - 60_000 });

  it('thins a time range to maxDataPoints by whole samples, keeping every extreme', async () => {
    const [full] = await run(
      { queryType: 'telemetry', mode: 'history', lapPosition: true, cars: ['1'], channels },
      { ...span(), maxDataPoints: 100_000 },
    );
    const [thin] = await run(
      { queryType: 'telemetry', mode: 'history', lapPosition: true, cars: ['1'], channels },
      { ...span(), maxDataPoints: 300 },
    );
    expect(full.length).toBe(12_000);
    expect(full.meta?.custom).toEqual({ rows: 12_000, decimated: false });
    expect(thin.length).toBeLessThanOrEqual(300);
    expect(thin.length).toBeGreaterThan(100);
    expect(thin.meta?.custom?.decimated).toBe(true);
    expect(thin.meta?.notices?.[0].text).toBe(
      'Thinned on the server to at most 300 samples per car, keeping whole samples with every peak.',
    );

    // Every kept row is a real instant: all its channels are the values at that time.
    const rowAt = new Map(values(full, 'time').map((time, i) => [time, i]));
    const names = ['lap', 'lap_distance', ...channels];
    const thinTime = values(thin, 'time');
    thinTime.forEach((time, i) => {
      const j = rowAt.get(time);
      expect(j).toBeDefined();
      for (const name of names) expect(values(thin, name)[i]).toBe(values(full, name)[j!]);
    });
    expect(thinTime[0]).toBe(values(full, 'time')[0]);
    expect(thinTime[thinTime.length - 1]).toBe(values(full, 'time')[full.length - 1]);
    for (const name of channels) {
      expect(Math.max(...values(thin, name))).toBe(Math.max(...values(full, name)));
      expect(Math.min(...values(thin, name))).toBe(Math.min(...values(full, name)));
    }
  });

  it('returns every sample of a lap, whatever maxDataPoints says', async () => {
    const lap = completedLaps('1').find((l) => l.lap === 2)!;
    const [frame] = await run(
      {
        queryType: 'telemetry',
        mode: 'history',
        lapPosition: true,
        cars: ['1'],
        channels: ['speed'],
        lapChoice: 'laps',
        laps: '2',
      },
      { maxDataPoints: 50 },
    );
    const time = values(frame, 'time');
    const first = sim.startTime + Math.ceil((lap.startTime - sim.startTime) / 10) * 10;
    const expected = Math.ceil((lap.endTime! - first) / 10);
    expect(frame.length).toBe(expected);
    expect(time[0]).toBe(first);
    time.forEach((t, i) => i > 0 && expect(t - time[i - 1]).toBe(10));
    expect(new Set(values(frame, 'lap'))).toEqual(new Set([2]));
    expect(frame.meta?.custom).toEqual({ rows: expected, decimated: false });
  });

  it("reads each car's best valid lap and the last laps, one frame per car", async () => {
    const best = await run({
      queryType: 'telemetry',
      mode: 'history',
      lapPosition: true,
      channels: ['speed'],
      lapChoice: 'best',
      cars: ['1', '7'],
    });
    expect(best.map((f) => f.name)).toEqual(['car 1', 'car 7']);
    for (const frame of best) {
      const car = frame.fields[1].labels!.car;
      const laps = completedLaps(car).filter((l) => l.valid);
      const fastest = laps.reduce((a, b) => (a.lapTime! <= b.lapTime! ? a : b));
      expect(new Set(values(frame, 'lap'))).toEqual(new Set([fastest.lap]));
    }
    const [last2] = await run({
      queryType: 'telemetry',
      mode: 'history',
      lapPosition: true,
      cars: ['1'],
      channels: ['speed'],
      lapChoice: 'last',
      lastLaps: 2,
    });
    const wanted = completedLaps('1')
      .slice(-2)
      .map((l) => l.lap);
    expect(new Set(values(last2, 'lap'))).toEqual(new Set(wanted));
  });

  it('expands multi-value template variables in cars, channels, laps and session', async () => {
    const frames = await run({
      queryType: 'telemetry',
      mode: 'history',
      lapPosition: true,
      session: '$session',
      cars: ['$car'],
      channels: ['${channel}'],
      lapChoice: 'laps',
      laps: '$lap',
    });
    expect(frames.map((f) => f.name)).toEqual(['car 1', 'car 7']);
    expect(frames[0].fields.map((f) => f.name)).toEqual(['time', 'lap', 'lap_distance', 'speed', 'brake']);
  });

  it('says when the session ran if the time range holds none of it, and draws nothing', async () => {
    const before = { from: sim.startTime - 3_600_000, to: sim.startTime - 1_800_000 };
    const [frame] = await run({ queryType: 'telemetry', mode: 'history', cars: ['1'], channels: ['speed'] }, before);
    expect(frame.fields).toHaveLength(0);
    expect(frame.meta?.notices?.map((n) => n.text)).toEqual([
      `The time range holds none of session live: it started at ${utcSeconds(sim.startTime)}. ` +
        'Set the time range to the session to see it.',
    ]);
    const [inside] = await run({ queryType: 'telemetry', mode: 'history', cars: ['1'], channels: ['speed'] }, span());
    expect(inside.fields.length).toBeGreaterThan(0);
    expect((inside.meta?.notices ?? []).map((n) => n.text).join()).not.toContain('holds none');
  });

  it('reports a server error with its message and code', async () => {
    const response = await lastValueFrom(
      ds.query(
        makeRequest([{ refId: 'B', queryType: 'telemetry', mode: 'history', cars: ['99'] }], {
          from: now - 1000,
          to: now,
        }),
      ),
    );
    expect(response.state).toBe(LoadingState.Error);
    expect(response.errors).toEqual([
      {
        refId: 'B',
        statusText: 'unknown_car',
        message: 'Unknown car: 99; the session has 1, 22, 7, 48 (unknown_car)',
      },
    ]);
  });
});

describe('laps, track and events', () => {
  it('answers a lap table whose aggregates name a channel the session lacks, and says which', async () => {
    const [table] = await run({ queryType: 'laps', cars: ['1'], channels: ['speed', 'tyre_temp_xx'] });
    expect(table.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['lap_time', 'speed_mean']));
    expect(table.fields.map((f) => f.name)).not.toContain('tyre_temp_xx_mean');
    expect(table.length).toBeGreaterThan(0);
    expect(table.meta?.notices).toEqual([
      expect.objectContaining({ severity: 'warning', text: expect.stringContaining('has no channel "tyre_temp_xx"') }),
    ]);
  });

  it('returns the lap table with sector times, validity, energy and channel aggregates', async () => {
    const [table] = await run({ queryType: 'laps', cars: ['1'], channels: ['speed'] });
    expect(table.name).toBe('laps');
    expect(table.fields.map((f) => f.name)).toEqual([
      'car',
      'lap',
      'start',
      'end',
      'lap_time',
      'sector_1',
      'sector_2',
      'sector_3',
      'valid',
      'best',
      'flags',
      'length',
      'energy_used',
      'energy_regen',
      'speed_mean',
      'speed_min',
      'speed_max',
    ]);
    const laps = sim.source.laps(Date.now()).filter((lap) => lap.car === '1');
    const done = laps.filter((lap) => lap.endTime !== undefined);
    expect(values(table, 'lap').slice(0, done.length)).toEqual(done.map((lap) => lap.lap));
    // Whole milliseconds, rounded as every lap time of the suite is, in Grafana's millisecond clock format.
    expect(values(table, 'lap_time').slice(0, done.length)).toEqual(done.map((lap) => Math.round(lap.lapTime! * 1000)));
    expect(table.fields.find((f) => f.name === 'lap_time')!.config).toEqual({
      unit: 'clockms',
      displayNameFromDS: 'Lap time',
    });
    expect(table.meta).toMatchObject({ type: 'table', typeVersion: [0, 1] });
    const flags = table.fields.find((f) => f.name === 'flags')!.values;
    expect(flags[0]).toBe('out-lap, pit');
    const best = table.fields.find((f) => f.name === 'best')!.values;
    expect(best.filter(Boolean)).toHaveLength(1);
    for (let i = 0; i < done.length; i++) {
      expect(values(table, 'speed_min')[i]).toBeLessThan(values(table, 'speed_mean')[i]);
      expect(values(table, 'speed_mean')[i]).toBeLessThan(values(table, 'speed_max')[i]);
    }
    expect(table.fields.find((f) => f.name === 'speed_max')!.config.unit).toBe('velocitykmh');
  });

  it('returns the track as centre line, start/finish, sectors and corners', async () => {
    const frames = await run({ queryType: 'track' });
    expect(frames.map((f) => [f.name, f.meta?.custom?.trackPart])).toEqual([
      ['centre line', 'centreLine'],
      ['start finish', 'startFinish'],
      ['sectors', 'sectors'],
      ['corners', 'corners'],
    ]);
    const track = sim.source.track;
    const [line, ends, sectors, corners] = frames;
    expect(line.length).toBe(track.centreLine.distance.length);
    expect(line.fields.map((f) => f.name)).toEqual(['distance', 'x', 'y', 'lat', 'lon']);
    expect(ends.length).toBe(2);
    expect(values(sectors, 'start')).toEqual(track.sectors.map((s) => s.start));
    expect(values(sectors, 'x')[0]).toBeCloseTo(track.centreLine.x[0], 6);
    expect(values(corners, 'distance')).toEqual(track.corners.map((c) => c.distance));
    expect(values(corners, 'lat')[0]).toBeCloseTo(track.origin.lat + track.corners[0].apex.y / 111_195, 4);
    expect(line.meta?.custom).toMatchObject({ track: track.name, length: track.length, session: 'live' });
  });

  it('returns the events of the kinds asked for, in the annotation shape', async () => {
    const [events] = await run(
      { queryType: 'events', mode: 'history', kinds: ['pit_in', 'pit_out', 'lap'] },
      { from: sim.startTime, to: now },
    );
    expect(events.fields.map((f) => f.name)).toEqual([
      'time',
      'timeEnd',
      'text',
      'tags',
      'color',
      'car',
      'kind',
      'lap',
      'sector',
      'duration',
      'flag',
    ]);
    const kinds = new Set(events.fields.find((f) => f.name === 'kind')!.values);
    expect(kinds).toEqual(new Set(['lap', 'pit_out']));
    const lapRow = events.fields.find((f) => f.name === 'kind')!.values.indexOf('lap');
    expect(events.fields.find((f) => f.name === 'tags')!.values[lapRow]).toEqual([
      'lap',
      `car ${values(events, 'car')[lapRow]}`,
    ]);
    expect(values(events, 'duration')[lapRow]).toBeGreaterThan(60);
  });

  it('runs annotation queries as history events queries', async () => {
    const query = ds.annotations!.prepareQuery!({ target: { refId: 'Anno', kinds: ['flag'] } } as never)!;
    expect(query).toMatchObject({ queryType: 'events', mode: 'history', kinds: ['flag'] });
    const response = await lastValueFrom(ds.query(makeRequest([query], { from: sim.startTime, to: now })));
    const frame = response.data[0] as DataFrame;
    expect(frame.fields.find((f) => f.name === 'text')!.values[0]).toBe('Green flag — session started');
    expect(frame.fields.find((f) => f.name === 'time')!.values[0]).toBe(sim.startTime);
  });
});

describe('variables', () => {
  it('lists sessions, cars, laps with their times and validity, and channels with units', async () => {
    expect(await ds.metricFindQuery('sessions')).toEqual([{ text: sim.source.summary.name, value: 'live' }]);
    const cars = await ds.metricFindQuery('cars($session)');
    expect(cars.map((car) => car.value)).toEqual(['1', '22', '7', '48']);
    expect(cars[0].text).toMatch(/^1 — .+ \(.+\)$/);
    const laps = await ds.metricFindQuery('laps(live, 1)');
    const first = completedLaps('1')[0];
    // The best valid lap first (the variable's default), then every lap in order.
    expect(laps[0].text).toMatch(/^Lap \d+ — 1:\d\d\.\d{3} \(best\)$/);
    const rest = laps.slice(1);
    expect(rest[0]).toEqual({ text: `Lap 1 — ${formatLapTime(first.lapTime!)} (invalid: out-lap, pit)`, value: 1 });
    expect(rest.map((lap) => Number(lap.value))).toEqual(
      [...rest.map((lap) => Number(lap.value))].sort((a, b) => a - b),
    );
    expect(rest[rest.length - 1].text).toMatch(/^Lap \d+ — in progress$/);
    const channels = await ds.metricFindQuery('channels()');
    expect(channels).toContainEqual({ text: 'Speed (km/h)', value: 'speed' });
    expect(channels).toContainEqual({ text: 'Gear', value: 'gear' });
    await expect(ds.metricFindQuery('drivers')).rejects.toThrow('Unknown variable query "drivers"');
  });
});
