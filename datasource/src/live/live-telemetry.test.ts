/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Live telemetry against the real reference server on 127.0.0.1: frames, the shared socket, coalescing.
import { FieldType, LoadingState, type DataFrame, type DataQueryResponse } from '@grafana/data';
import { get } from 'node:http';
import { lastValueFrom } from 'rxjs';

import { PAST_RANGE_NOTICE } from '../queries/past-range';
import { Emissions, makeDataSource, makeRequest, sleep } from '../testing/datasource';
import { startRelay, type Relay } from '../testing/relay';
import { serveTelemetry, stopAllServers, installNodeWebSocket } from '../testing/telemetry-server';
import type { TelemetryQuery } from '../types';

let url = '';
let relay: Relay;

beforeAll(async () => {
  installNodeWebSocket();
  const { server } = await serveTelemetry();
  url = server.url;
  relay = await startRelay(url);
});
afterAll(async () => {
  await relay.close();
  await stopAllServers();
});

/** Sockets of earlier tests close soon after their queries end. */
const QUICK_CLOSE = { idleCloseMs: 200 };

/** WebSockets the server holds, by its `/health`: the datasource's direct ones and the relay's upstream ones. */
function serverConnections(): Promise<number> {
  return new Promise((resolve, reject) => {
    get(`${url.replace(/^ws/, 'http')}/health`, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve(JSON.parse(body).connections));
    }).on('error', reject);
  });
}

/** Every socket the datasource opened has closed: the server and the relay hold none. */
async function untilNoSocket() {
  const open = async () => (await serverConnections()) + relay.connections;
  for (let i = 0; i < 50 && (await open()) > 0; i++) await sleep(50);
  expect(await open()).toBe(0);
}

const frames = (response: DataQueryResponse) => response.data as DataFrame[];
const field = (frame: DataFrame, name: string) => frame.fields.find((f) => f.name === name)!;
const liveQuery = (extra: Partial<TelemetryQuery> = {}): TelemetryQuery => ({
  refId: 'A',
  queryType: 'telemetry',
  mode: 'live',
  cars: ['1', '7'],
  channels: ['speed', 'tyre_temp_fl_inner'],
  ...extra,
});
const lastSeconds = (seconds: number) => ({ from: Date.now() - seconds * 1000, to: Date.now() });

/** Every step of the time column is one 10 ms sample: no gap, no repeat. */
function expectUnbroken(time: ArrayLike<number>) {
  const steps = new Set<number>();
  for (let i = 1; i < time.length; i++) steps.add(Math.round((time[i] - time[i - 1]) * 1000) / 1000);
  expect([...steps]).toEqual([10]);
}

describe('live telemetry', () => {
  it('streams one frame per car with units, display names, ranges and car labels on fields', async () => {
    const ds = makeDataSource({ url, liveRateHz: 10 }, QUICK_CLOSE);
    const query = liveQuery({ lapPosition: true, colourByCar: true });
    const emissions = new Emissions(ds.query(makeRequest([query], lastSeconds(10))));
    try {
      // The window is backfilled from history, so the first full emission already covers the time range.
      const first = await emissions.waitFor((r) => frames(r).length === 2 && frames(r)[0].length >= 990);
      expect(first.state).toBe(LoadingState.Streaming);
      expect(first.key).toBe('A');
      const [car1, car7] = frames(first);
      expect([car1.name, car7.name]).toEqual(['car 1', 'car 7']);
      expect(car1.refId).toBe('A');
      expect(car1.fields.map((f) => f.name)).toEqual(['time', 'lap', 'lap_distance', 'speed', 'tyre_temp_fl_inner']);
      expect(car1.fields[0].type).toBe(FieldType.time);
      expect(car1.fields[0].labels).toBeUndefined();
      const speed = field(car7, 'speed');
      expect(speed.type).toBe(FieldType.number);
      expect(speed.labels).toEqual({ car: '7', session: 'live' });
      expect(speed.config).toEqual({
        unit: 'velocitykmh',
        displayNameFromDS: 'Speed · car 7',
        min: 0,
        max: 350,
        color: { mode: 'fixed', fixedColor: '#f032e6' },
      });
      expect(field(car1, 'tyre_temp_fl_inner').config).toMatchObject({
        unit: 'celsius',
        displayNameFromDS: 'Tyre temp front left inner · car 1',
      });
      expect(field(car1, 'lap_distance').config.unit).toBe('lengthm');
      for (const frame of frames(first)) {
        expect(frame.length).toBeLessThanOrEqual(1101);
        expectUnbroken(frame.fields[0].values);
        expect(field(frame, 'speed').values.length).toBe(frame.length);
      }

      // Later emissions carry the whole moved window, not a delta, seamless from history to live.
      const firstEnd = car1.fields[0].values[car1.length - 1];
      const later = await emissions.waitFor(
        (r) => frames(r).length === 2 && frames(r)[0].fields[0].values[frames(r)[0].length - 1] > firstEnd + 500,
      );
      for (const frame of frames(later)) {
        const time = frame.fields[0].values;
        expect(time[frame.length - 1] - time[0]).toBeGreaterThanOrEqual(9_900);
        expect(time[frame.length - 1] - time[0]).toBeLessThanOrEqual(10_000);
        expectUnbroken(time);
      }
      const stream = frames(later)[0].meta?.custom?.stream;
      expect(stream).toMatchObject({ session: 'live', duplicates: 0, missingBatches: 0, overlapRows: 0 });
      expect(stream.batches).toBe(stream.lastSeq - stream.firstSeq + 1);
    } finally {
      emissions.stop();
    }
  });

  it('coalesces emissions to the configured rate however fast batches arrive', async () => {
    const ds = makeDataSource({ url, liveRateHz: 4 }, QUICK_CLOSE);
    const emissions = new Emissions(
      ds.query(makeRequest([liveQuery({ cars: undefined, channels: [] })], lastSeconds(5))),
    );
    try {
      await emissions.waitFor((r) => frames(r).length === 4);
      const before = emissions.all.length;
      await sleep(2000);
      const count = emissions.all.length - before;
      // Batches arrive at 10 per second; emissions are capped at 4 per second.
      expect(count).toBeGreaterThanOrEqual(3);
      expect(count).toBeLessThanOrEqual(9);
      expect(frames(emissions.last!)[0].fields.length).toBe(1 + 42);
    } finally {
      emissions.stop();
    }
  });

  it('gives a query its own slower rate, emitting in the same tasks as the faster query beside it', async () => {
    const ds = makeDataSource({ url, liveRateHz: 10 }, QUICK_CLOSE);
    const emitted: Array<{ refId: string; task: number; at: number }> = [];
    let task = 0;
    const ticker = setInterval(() => task++, 2);
    const subscriptions = (['A', 'B'] as const).map((refId) =>
      ds
        .query(makeRequest([liveQuery({ refId, ...(refId === 'B' ? { updateRateHz: 2 } : {}) })], lastSeconds(5)))
        .subscribe((response) => {
          if (response.data.length) emitted.push({ refId, task, at: performance.now() });
        }),
    );
    try {
      await sleep(1000);
      const start = emitted.length;
      await sleep(2000);
      const measured = emitted.slice(start);
      const ofA = measured.filter((e) => e.refId === 'A');
      const ofB = measured.filter((e) => e.refId === 'B');
      expect(ofA.length).toBeGreaterThanOrEqual(12);
      expect(ofB.length).toBeGreaterThanOrEqual(3);
      expect(ofB.length).toBeLessThanOrEqual(5);
      // A tick fires every query that is due in one task: an emission of A at the moment of one of B (A may have had
      // no new data at that tick) shares B's task, so the page renders once, not twice.
      let together = 0;
      for (const b of ofB) {
        const near = ofA.filter((a) => Math.abs(a.at - b.at) < 20);
        for (const a of near) expect(a.task).toBe(b.task);
        together += near.length;
      }
      expect(together).toBeGreaterThanOrEqual(1);
    } finally {
      clearInterval(ticker);
      subscriptions.forEach((s) => s.unsubscribe());
    }
  });

  it('keeps one socket for 100 query restarts, balances every subscribe, and closes it after the grace period', async () => {
    const ds = makeDataSource({ url: relay.url }, { idleCloseMs: 600 });
    const request = makeRequest([liveQuery({ cars: ['1'], channels: ['speed'] })], lastSeconds(2));
    await untilNoSocket();
    for (let restart = 0; restart < 100; restart++) {
      const emissions = new Emissions(ds.query(request));
      // Grafana unsubscribes at any moment: before the catalog, before subscribed, or mid-stream.
      if (restart % 4 === 0) await emissions.waitFor((r) => frames(r).length === 1);
      else await sleep(restart % 7);
      emissions.stop();
      expect(relay.connections).toBeLessThanOrEqual(1);
    }
    await sleep(100);
    expect(relay.accepted).toBe(1);
    expect(relay.connections).toBe(1);
    expect(await serverConnections()).toBe(1);
    expect(relay.subscribes).toBeGreaterThanOrEqual(25);
    expect(relay.unsubscribes).toBe(relay.subscribes);

    // The socket still serves a new stream (no subscription left behind: the server caps them at 64).
    const emissions = new Emissions(ds.query(request));
    await emissions.waitFor((r) => frames(r).length === 1 && frames(r)[0].length > 0);
    emissions.stop();
    const left = performance.now();

    // It closes after the grace period, not before.
    while (relay.connections > 0 && performance.now() - left < 5000) await sleep(20);
    const closedAfter = performance.now() - left;
    expect(closedAfter).toBeGreaterThanOrEqual(590);
    expect(closedAfter).toBeLessThan(3000);
    expect(relay.connections).toBe(0);
    await untilNoSocket();
    expect(ds.link.state.status).toBe('idle');
  });

  it('streams only the channels asked for, uncoloured, and names a channel the session lacks', async () => {
    const ds = makeDataSource({ url }, QUICK_CLOSE);
    const query = liveQuery({ cars: ['1'], channels: ['speed', 'sped'] });
    const emissions = new Emissions(ds.query(makeRequest([query], lastSeconds(5))));
    try {
      const first = await emissions.waitFor((r) => frames(r).length === 1 && frames(r)[0].length > 0);
      const [car1] = frames(first);
      expect(car1.fields.map((f) => f.name)).toEqual(['time', 'speed']);
      expect(field(car1, 'speed').config.color).toBeUndefined();
      expect(car1.meta).toMatchObject({ type: 'timeseries-wide', typeVersion: [0, 1] });
      expect(car1.meta?.notices).toContainEqual({
        severity: 'warning',
        text: 'Session live has no channel "sped"; the other channels are shown without it.',
      });
    } finally {
      emissions.stop();
    }
  });

  it('counts a malformed message in a notice and goes on streaming', async () => {
    const ds = makeDataSource({ url: relay.url, liveRateHz: 10 }, QUICK_CLOSE);
    const emissions = new Emissions(
      ds.query(makeRequest([liveQuery({ cars: ['1'], channels: ['speed'] })], lastSeconds(3))),
    );
    try {
      const before = await emissions.waitFor((r) => frames(r).length === 1 && frames(r)[0].length > 0);
      relay.injectAfterNextBatch('{"type":"data","session":');
      const noticed = await emissions.waitFor((r) =>
        Boolean(frames(r)[0]?.meta?.notices?.some((n) => n.text === '1 malformed message from the server ignored.')),
      );
      const seqAtNotice = frames(noticed)[0].meta!.custom!.stream.lastSeq;
      const after = await emissions.waitFor((r) => frames(r)[0]?.meta?.custom?.stream.lastSeq >= seqAtNotice + 5);
      expect(frames(after)[0].meta?.notices?.[0]).toEqual({
        severity: 'warning',
        text: '1 malformed message from the server ignored.',
      });
      expect(frames(after)[0].meta?.custom?.stream.missingBatches).toBe(0);
      expect(frames(before)[0].meta?.notices).toBeUndefined();
    } finally {
      emissions.stop();
    }
  });

  it('streams live events over the window, starting with the events already in it', async () => {
    const ds = makeDataSource({ url, liveRateHz: 10 }, QUICK_CLOSE);
    const query: TelemetryQuery = { refId: 'E', queryType: 'events', mode: 'live', kinds: ['sector', 'lap'] };
    const emissions = new Emissions(ds.query(makeRequest([query], lastSeconds(120))));
    try {
      const first = await emissions.waitFor((r) => frames(r).length === 1 && frames(r)[0].length > 0);
      const [events] = frames(first);
      expect(first.state).toBe(LoadingState.Streaming);
      expect(events.name).toBe('events');
      const kinds = new Set(field(events, 'kind').values);
      expect([...kinds].every((kind) => kind === 'sector' || kind === 'lap')).toBe(true);
      const times = field(events, 'time').values as number[];
      expect(times[times.length - 1] - times[0]).toBeLessThanOrEqual(120_000);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    } finally {
      emissions.stop();
    }
  });

  it('answers a live query on a past time range with the history of the range, and says so', async () => {
    const ds = makeDataSource({ url }, QUICK_CLOSE);
    const to = Date.now() - 3 * 60_000;
    const range = { from: to - 20_000, to };
    const telemetry = new Emissions(ds.query(makeRequest([liveQuery()], range)));
    const events = new Emissions(ds.query(makeRequest([{ refId: 'E', queryType: 'events', mode: 'live' }], range)));
    try {
      const answer = await telemetry.waitFor((r) => r.state === LoadingState.Done);
      expect(frames(answer).map((f) => f.name)).toEqual(['car 1', 'car 7']);
      for (const frame of frames(answer)) {
        const time = field(frame, 'time').values as number[];
        expect(time.length).toBeGreaterThan(100);
        expect(time[0]).toBeGreaterThanOrEqual(range.from);
        expect(time[time.length - 1]).toBeLessThanOrEqual(range.to);
        expect(frame.meta?.notices).toEqual([{ severity: 'info', text: PAST_RANGE_NOTICE }]);
      }
      const past = await events.waitFor((r) => r.state === LoadingState.Done);
      expect(frames(past)[0].meta?.notices).toEqual([{ severity: 'info', text: PAST_RANGE_NOTICE }]);
      // Laps and track queries have no live mode: nothing to say about them.
      const laps = await lastValueFrom(ds.query(makeRequest([{ refId: 'L', queryType: 'laps' }], range)));
      expect(frames(laps)[0].meta?.notices).toBeUndefined();
    } finally {
      telemetry.stop();
      events.stop();
    }
  });
});
