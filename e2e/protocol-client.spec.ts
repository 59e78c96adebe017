import { expect, test } from '@playwright/test';
import { TEST_SERVER_PORT } from '../playwright.config';

/**
 * A client written from docs/protocol.md alone, running in Chromium: no code of ours is loaded into the page.
 * It proves the protocol works from a real browser, binary frames included.
 */
test('a browser client lists sessions, streams binary batches without gaps and fetches a whole lap', async ({
  page,
}) => {
  // A page served from this machine: the server's default origin allow-list admits only local pages.
  await page.goto(`http://127.0.0.1:${TEST_SERVER_PORT}/`);
  const result = await page.evaluate(async (url) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    const inbox: Array<string | ArrayBuffer> = [];
    const waiters: Array<() => void> = [];
    ws.onmessage = (event) => {
      inbox.push(event.data);
      waiters.splice(0).forEach((wake) => wake());
    };
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    const next = async (): Promise<string | ArrayBuffer> => {
      while (!inbox.length) await new Promise<void>((wake) => waiters.push(wake));
      return inbox.shift()!;
    };
    const nextJson = async (type: string) => {
      for (;;) {
        const message = await next();
        if (typeof message === 'string' && JSON.parse(message).type === type) return JSON.parse(message);
      }
    };
    const decode = (buffer: ArrayBuffer) => {
      const view = new DataView(buffer);
      const metaLength = view.getUint32(8, true);
      const layoutLength = view.getUint32(12, true);
      const text = (from: number, length: number) => new TextDecoder().decode(new Uint8Array(buffer, from, length));
      const header = { ...JSON.parse(text(16, metaLength)), ...JSON.parse(text(16 + metaLength, layoutLength)) };
      let offset = 16 + metaLength + layoutLength;
      const time = new Float64Array(buffer, offset, header.rows);
      offset += header.rows * 8;
      const columns: Record<string, Float32Array | Float64Array> = {};
      for (const column of header.columns) {
        const size = column.type === 'f64' ? 8 : 4;
        columns[column.name] =
          column.type === 'f64'
            ? new Float64Array(buffer, offset, header.rows)
            : new Float32Array(buffer, offset, header.rows);
        offset += Math.ceil((header.rows * size) / 8) * 8;
      }
      return { magic: text(0, 4), header, time, columns };
    };

    ws.send(JSON.stringify({ type: 'hello', protocol: 1, encoding: 'binary', client: 'browser-e2e' }));
    const hello = await nextJson('hello');
    ws.send(JSON.stringify({ type: 'catalog', id: 'c1' }));
    const catalog = await nextJson('catalog');
    ws.send(
      JSON.stringify({ type: 'subscribe', id: 'r1', subscription: 'live', channels: ['speed', 'lap_distance', 'lat'] }),
    );
    const subscribed = await nextJson('subscribed');
    const seqs: number[] = [];
    let maxSpeed = 0;
    let rows = 0;
    let latType = '';
    while (seqs.length < 10) {
      const message = await next();
      if (typeof message === 'string') continue;
      const batch = decode(message);
      seqs.push(batch.header.seq);
      rows += batch.header.rows;
      latType = batch.columns.lat.constructor.name;
      for (const v of batch.columns.speed) maxSpeed = Math.max(maxSpeed, v);
    }
    ws.send(JSON.stringify({ type: 'unsubscribe', id: 'u1', subscription: 'live' }));
    await nextJson('unsubscribed');

    const car = catalog.session.cars[0].id;
    const lap = catalog.session.laps.find((l: { car: string; lapTime?: number }) => l.car === car && l.lapTime);
    ws.send(JSON.stringify({ type: 'query', id: 'q1', cars: [car], channels: ['speed'], laps: [lap.lap] }));
    let lapRows = 0;
    let lapFirst = Infinity;
    let lapLast = -Infinity;
    for (;;) {
      const message = await next();
      if (typeof message === 'string') {
        const parsed = JSON.parse(message);
        if (parsed.type === 'complete') break;
        continue;
      }
      const batch = decode(message);
      lapRows += batch.header.rows;
      lapFirst = Math.min(lapFirst, batch.time[0]);
      lapLast = Math.max(lapLast, batch.time[batch.time.length - 1]);
    }
    ws.close();
    return { hello, catalog, subscribed, seqs, maxSpeed, rows, latType, lap, lapRows, lapFirst, lapLast };
  }, `ws://127.0.0.1:${TEST_SERVER_PORT}`);

  expect(result.hello.protocol).toBe(1);
  expect(result.hello.encoding).toBe('binary');
  expect(result.catalog.sessions.length).toBeGreaterThan(0);
  expect(result.catalog.session.cars).toHaveLength(6);
  expect(result.subscribed.channels).toEqual(['speed', 'lap_distance', 'lat']);
  for (let i = 1; i < result.seqs.length; i++) expect(result.seqs[i]).toBe(result.seqs[i - 1] + 1);
  expect(result.rows).toBeGreaterThan(0);
  expect(result.maxSpeed).toBeGreaterThan(30);
  expect(result.maxSpeed).toBeLessThan(350);
  expect(result.latType).toBe('Float64Array');
  // A whole lap at 100 Hz: one row every 10 ms from the line to the line.
  const expectedRows = Math.round((result.lap.endTime - result.lap.startTime) / 10);
  expect(Math.abs(result.lapRows - expectedRows)).toBeLessThanOrEqual(1);
  expect(result.lapFirst).toBeGreaterThanOrEqual(result.lap.startTime);
  expect(result.lapLast).toBeLessThanOrEqual(result.lap.endTime);
});
