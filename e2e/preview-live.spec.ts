/**
 * The live session dashboard against a reference server of this file's own, which the tests pause (SIGSTOP),
 * resume, kill and restart. The datasource is pointed at it through the preview's datasource API. The tests share
 * one page, in order, and move in it as a user would (links, not reloads).
 */
import { expect, test, type Page } from '@playwright/test';

import {
  expectLiveValues,
  expectStreaming,
  expectNoGapAcross,
  LIVE_DASHBOARD,
  panel,
  PANELS,
  plotPicture,
  saveScreenshot,
  openWithOwnServer,
  type OwnServerPage,
  TelemetryServer,
} from './preview-helpers';

test.describe.configure({ mode: 'serial' });

let own: OwnServerPage;
let server: TelemetryServer;
let page: Page;

test.beforeAll(async ({ browser, request }, testInfo) => {
  own = await openWithOwnServer(browser, request, testInfo, 18770, LIVE_DASHBOARD);
  ({ server, page } = own);
});

test.afterAll(({ request }) => own.close(request));

/** The stat of every car's state of charge: it changes only when data arrives (no sliding time axis). */
const batteries = (page: Page) => plotPicture(page, PANELS.battery);

/** The selected car's readout (speed, gear, throttle, brake, power). */
const carNow = (page: Page) => plotPicture(page, PANELS.carNow);

async function waitUntilChanged(page: Page, from: Buffer, timeoutMs: number): Promise<void> {
  await expect
    .poll(async () => !(await batteries(page)).equals(from), { timeout: timeoutMs, intervals: [250] })
    .toBe(true);
}

test('the live dashboard receives data, and stands still while the server is paused', async () => {
  await expectLiveValues(page, PANELS.battery, '%');
  await expectStreaming(page, PANELS.speed);

  const first = await batteries(page);
  await page.waitForTimeout(1000);
  const second = await batteries(page);
  expect(second.equals(first), 'the states of charge change within a second').toBe(false);
  await saveScreenshot(panel(page, PANELS.speed), 'live-speed', test.info());

  server.pause();
  try {
    await page.waitForTimeout(1000); // data already on its way still lands
    const paused = await batteries(page);
    await page.waitForTimeout(1000);
    expect((await batteries(page)).equals(paused), 'nothing changes while the server is paused').toBe(true);
    server.resume();
    await waitUntilChanged(page, paused, 10_000);
  } finally {
    server.resume();
  }
});

test('changing a panel option changes the picture', async () => {
  await page.getByRole('link', { name: /^Edit Now, car \d+$/ }).click();
  await expectLiveValues(page, PANELS.carNow, 'km/h');
  await expect(page.getByTestId('preview-options-pane')).toBeVisible();

  server.pause();
  try {
    await page.waitForTimeout(1000);
    const before = await carNow(page);
    await page.waitForTimeout(500);
    expect((await carNow(page)).equals(before), 'the picture is still before the change').toBe(true);

    await page.getByTestId('preview-options-pane').getByLabel('Background', { exact: true }).check({ force: true });
    await expect.poll(async () => !(await carNow(page)).equals(before), { timeout: 5000 }).toBe(true);
    await saveScreenshot(page, 'panel-editor', test.info());
  } finally {
    server.resume();
  }
  await page.getByRole('link', { name: 'Back to dashboard' }).click();
});

test('killing and restarting the server mid-stream recovers in the page, without a reload', async () => {
  await expectLiveValues(page, PANELS.battery, '%');
  let loads = 0;
  page.on('load', () => loads++);
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
  // The datasource resumed by sequence: the seconds the server was down are in the chart, not a gap.
  await expectNoGapAcross(page, PANELS.battery, async () => {
    await server.kill();
    await page.waitForTimeout(1000);
    const down = await batteries(page);
    await server.start();
    await waitUntilChanged(page, down, 30_000);
    await expectLiveValues(page, PANELS.battery, '%');
  });

  expect(loads).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});
