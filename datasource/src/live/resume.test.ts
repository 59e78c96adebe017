/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// A live stream across a restart of the real reference server on the same port.
import { createServer, type AddressInfo } from 'node:net';

import type { DataFrame, DataQueryResponse } from '@grafana/data';

import { Emissions, makeDataSource, makeRequest, sleep } from '../testing/datasource';
import {
  serveTelemetry,
  simSession,
  stopAllServers,
  stopServer,
  installNodeWebSocket,
} from '../testing/telemetry-server';

beforeAll(installNodeWebSocket);
afterAll(stopAllServers);

const TUNING = { idleCloseMs: 200, backoff: { firstMs: 100, maxMs: 400 } };
const WINDOW_MS = 20_000;

const frame = (response: DataQueryResponse) => response.data[0] as DataFrame | undefined;
const stream = (response: DataQueryResponse) => frame(response)?.meta?.custom?.stream;
const notices = (response: DataQueryResponse) => frame(response)?.meta?.notices?.map((notice) => notice.text) ?? [];

function expectUnbroken(time: ArrayLike<number>) {
  for (let i = 1; i < time.length; i++) {
    if (time[i] - time[i - 1] !== 10) throw new Error(`row ${i}: ${time[i - 1]} → ${time[i]}`);
  }
}

async function restartScenario(resumeWindowMs: number, downMs: number) {
  const session = simSession(Date.now() - 40_000);
  let { server } = await serveTelemetry({ session, resumeWindowMs });
  const port = server.port;
  const ds = makeDataSource({ url: server.url, liveRateHz: 10 }, TUNING);
  const now = Date.now();
  const query = {
    refId: 'A',
    queryType: 'telemetry' as const,
    mode: 'live' as const,
    cars: ['1'],
    channels: ['speed'],
  };
  const emissions = new Emissions(ds.query(makeRequest([query], { from: now - WINDOW_MS, to: now })));
  const started = await emissions.waitFor((r) => stream(r)?.lastSeq >= stream(r)?.firstSeq + 5);
  const seqBefore: number = stream(started).lastSeq;

  await stopServer(server);
  const down = await emissions.waitFor((r) => notices(r).some((text) => text.startsWith('Reconnecting to ws://')));
  await sleep(downMs);
  ({ server } = await serveTelemetry({ session: simSession(session.startTime), resumeWindowMs, port }));
  return { emissions, down, seqBefore };
}

describe('resuming a live stream', () => {
  it('resumes after a server restart with no gap and no duplicate, by sequence and by time', async () => {
    const { emissions, down, seqBefore } = await restartScenario(60_000, 1000);
    try {
      // While the server is down the panel keeps its data and says it is reconnecting.
      expect(frame(down)!.length).toBeGreaterThan(1000);
      expect(notices(down)[0]).toMatch(
        /^Reconnecting to ws:\/\/127\.0\.0\.1:\d+: The connection to .* closed \(code 1001/,
      );
      expect(notices(down)[0]).toMatch(/Showing data up to \d\d:\d\d:\d\d\.$/);

      const resumed = await emissions.waitFor(
        (r) => stream(r)?.reconnects >= 1 && stream(r)?.lastSeq >= seqBefore + 40,
      );
      const stats = stream(resumed);
      expect(stats).toMatchObject({ duplicates: 0, missingBatches: 0, overlapRows: 0 });
      // Every sequence number from the first to the last arrived exactly once …
      expect(stats.batches).toBe(stats.lastSeq - stats.firstSeq + 1);
      // … and the samples tile time: the whole window, across the restart, is one 100 Hz trace.
      const time = frame(resumed)!.fields[0].values;
      expectUnbroken(time);
      expect(time[time.length - 1] - time[0]).toBeGreaterThan(WINDOW_MS - 200);
      expect(notices(resumed)).toEqual([]);
    } finally {
      emissions.stop();
    }
  });

  it('names the span the server no longer holds and fills it from history', async () => {
    const { emissions, seqBefore } = await restartScenario(1500, 3000);
    try {
      const filled = await emissions.waitFor(
        (r) =>
          notices(r).some((text) => text.includes('it was reloaded from history')) &&
          stream(r)?.lastSeq > seqBefore + 50,
        15_000,
      );
      expect(notices(filled)).toEqual([
        expect.stringMatching(
          /^While disconnected, \d\d:\d\d:\d\d–\d\d:\d\d:\d\d \(\d\.\d s\) left the server's resume window; it was reloaded from history, possibly at a lower rate\.$/,
        ),
      ]);
      expect(stream(filled).missingBatches).toBe(0);
      expectUnbroken(frame(filled)!.fields[0].values);
    } finally {
      emissions.stop();
    }
  });

  it('waits for a server that is not up yet, saying so, and starts when it comes', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));

    const ds = makeDataSource({ url: `ws://127.0.0.1:${port}`, liveRateHz: 10 }, TUNING);
    const query = {
      refId: 'A',
      queryType: 'telemetry' as const,
      mode: 'live' as const,
      cars: ['1'],
      channels: ['speed'],
    };
    const emissions = new Emissions(ds.query(makeRequest([query], { from: Date.now() - 5000, to: Date.now() })));
    try {
      const waiting = await emissions.waitFor((r) => notices(r).length > 0);
      expect(notices(waiting)[0]).toMatch(
        /^Waiting for the server: Cannot reach ws:\/\/127\.0\.0\.1:\d+: nothing answered/,
      );
      expect(waiting.state).toBe('Streaming');
      await serveTelemetry({ session: simSession(Date.now() - 40_000), port });
      const live = await emissions.waitFor((r) => (frame(r)?.length ?? 0) > 100, 15_000);
      expect(frame(live)!.name).toBe('car 1');
      expect(notices(live)).toEqual([]);
    } finally {
      emissions.stop();
    }
  });
});
