/**
 * Live data through the backend survives the telemetry server's crash (preview, not Grafana): the plugin's RunStream
 * fails, the host runs it again with Grafana's backoff, and the page keeps streaming without a reload. Runs in the
 * `preview-backend` project, against a reference server of this file's own.
 */
import { expect, test, type Page } from '@playwright/test';

import {
  DATASOURCE_UID,
  expectLiveValues,
  LIVE_DASHBOARD,
  openWithOwnServer,
  PANELS,
  plotPicture,
  type OwnServerPage,
} from './preview-helpers';

let own: OwnServerPage;

test.beforeAll(async ({ browser, request }, testInfo) => {
  own = await openWithOwnServer(browser, request, testInfo, 18920, LIVE_DASHBOARD);
});

test.afterAll(({ request }) => own.close(request));

const batteries = (page: Page) => plotPicture(page, PANELS.battery);

interface LiveStats {
  channels: Array<{ channel: string; runs: number; packets: number }>;
}

test('a telemetry server restart mid-stream resumes in the page, without a reload', async ({ request }) => {
  const { page, server } = own;
  await expectLiveValues(page, PANELS.battery, '%');
  let loads = 0;
  page.on('load', () => loads++);
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
  const before = (await (await request.get('/api/live/stats')).json()) as LiveStats;
  const ours = before.channels.filter((c) => c.channel.startsWith(`ds/${DATASOURCE_UID}/`));
  expect(ours.length).toBeGreaterThan(0);
  expect(ours.every((c) => c.runs === 1)).toBe(true);

  await server.kill();
  await page.waitForTimeout(1500);
  const down = await batteries(page);
  await page.waitForTimeout(1000);
  expect((await batteries(page)).equals(down), 'nothing new arrives while the server is down').toBe(true);
  await server.start();
  await expect
    .poll(async () => !(await batteries(page)).equals(down), { timeout: 30_000, intervals: [250] })
    .toBe(true);
  await expectLiveValues(page, PANELS.battery, '%');

  // RunStream failed and was run again (by the plugin host's backoff), on the same channels, with new packets.
  const after = (await (await request.get('/api/live/stats')).json()) as LiveStats;
  for (const channel of ours) {
    const now = after.channels.find((c) => c.channel === channel.channel);
    expect(now, channel.channel).toBeDefined();
    expect(now!.runs).toBeGreaterThan(1);
    expect(now!.packets).toBeGreaterThan(channel.packets);
  }
  expect(loads).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});
