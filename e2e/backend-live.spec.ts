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
  expectNoGapAcross,
  openWithOwnServer,
  PANELS,
  plotPicture,
  type OwnServerPage,
} from './preview-helpers';

test.describe.configure({ mode: 'serial' });

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

  // The chart holds the seconds the server was down, filled from the resume: no step as long as the outage.
  await expectNoGapAcross(page, PANELS.battery, async () => {
    await server.kill();
    await page.waitForTimeout(1500);
    const down = await batteries(page);
    await server.start();
    await expect
      .poll(async () => !(await batteries(page)).equals(down), { timeout: 30_000, intervals: [250] })
      .toBe(true);
    await expectLiveValues(page, PANELS.battery, '%');
  });

  // The same channels carry new packets: the backend resumed upstream (its client reconnects, or RunStream failed
  // and the plugin host ran it again with backoff, whichever came first), and the tabs never resubscribed.
  const after = (await (await request.get('/api/live/stats')).json()) as LiveStats;
  for (const channel of ours) {
    expect(
      after.channels.find((c) => c.channel === channel.channel),
      channel.channel,
    ).toBeDefined();
  }
  const packets = (channels: LiveStats['channels']) => channels.reduce((sum, c) => sum + c.packets, 0);
  expect(packets(after.channels)).toBeGreaterThan(packets(ours));
  expect(loads).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});

test('a plugin process that dies is started again, as Grafana does, and the page streams on', async ({ request }) => {
  const { page } = own;
  const backend = async () =>
    (await (await request.get('/api/health')).json()).backends['eracing-telemetry-datasource'] as {
      state: string;
      pid: number;
    };
  const before = await backend();
  expect(before.state).toBe('running');
  await expectLiveValues(page, PANELS.battery, '%');
  process.kill(before.pid, 'SIGKILL');
  await expect
    .poll(
      async () => {
        const now = await backend();
        return now.state === 'running' && now.pid !== before.pid;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  const after = await batteries(page);
  await expect
    .poll(async () => !(await batteries(page)).equals(after), { timeout: 30_000, intervals: [250] })
    .toBe(true);
});
