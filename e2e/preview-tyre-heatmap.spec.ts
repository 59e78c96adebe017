/**
 * The tyre heatmap panel on the tyres & brakes dashboard, against a reference server of this file's own (paused with
 * SIGSTOP to prove the car view stands still without data): the car view updates live, the heatmap shows the run lap
 * by lap, and hovering a time series moves the car view to that moment.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';

import {
  expectStreaming,
  hoverPlot,
  panel,
  plotRegion,
  saveReadmeScreenshot,
  saveScreenshot,
  openWithOwnServer,
  type OwnServerPage,
  TelemetryServer,
} from './preview-helpers';

const DASHBOARD = '/d/eracing-tyres-brakes';
/** Panel ids; `lowest` is the one at the bottom of the dashboard. */
const TYRES = { carView: 5, heatmap: 9, frontLeft: 1, lowest: 7 };

test.describe.configure({ mode: 'serial' });

let own: OwnServerPage;
let server: TelemetryServer;
let page: Page;
let errors: string[];

test.beforeAll(async ({ browser, request }, testInfo) => {
  // Tall enough for the whole dashboard: the page never scrolls, so screenshots taken while a time series is hovered
  // do not dismiss its tooltip and, with it, the shared cursor (see hoverPlot).
  own = await openWithOwnServer(browser, request, testInfo, 18840, DASHBOARD, { width: 1600, height: 1700 });
  ({ server, page, errors } = own);
  await expect(panel(page, TYRES.lowest)).toBeVisible();
  expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight)).toBe(true);
});

test.afterAll(({ request }) => own.close(request));

const carView = (page: Page) => panel(page, TYRES.carView).getByTestId('tyre-car-view');
const carPicture = (page: Page) => carView(page).screenshot({ animations: 'disabled' });
/** The element is on screen whole, inside `container` (not cut off by the panel). */
async function expectInside(element: Locator, container: Locator) {
  const inner = (await element.boundingBox())!;
  const outer = (await container.boundingBox())!;
  expect(inner.x).toBeGreaterThanOrEqual(outer.x);
  expect(inner.y).toBeGreaterThanOrEqual(outer.y);
  expect(inner.x + inner.width).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
  expect(inner.y + inner.height).toBeLessThanOrEqual(outer.y + outer.height + 0.5);
}
/** The fill of every zone, left to right, front to rear. */
const zoneFills = (page: Page) =>
  carView(page)
    .getByTestId('tyre-zone')
    .evaluateAll((zones) => zones.map((zone) => zone.querySelector('rect')?.getAttribute('fill') ?? ''));

test('the car view shows live tyre temperatures, and stands still while the server is paused', async () => {
  await expectStreaming(page, TYRES.carView);
  await expect(carView(page).getByTestId('tyre-zone')).toHaveCount(12, { timeout: 20_000 });
  await expect(plotRegion(page, TYRES.carView)).toContainText('°C');
  await expect(plotRegion(page, TYRES.carView)).toContainText('bar');

  const first = await carPicture(page);
  await expect
    .poll(async () => !(await carPicture(page)).equals(first), { timeout: 5000, intervals: [250] })
    .toBe(true);
  // As the tyres heat and cool through the thresholds, zones change colour.
  const fills = await zoneFills(page);
  await expect
    .poll(async () => (await zoneFills(page)).join() !== fills.join(), { timeout: 60_000, intervals: [500] })
    .toBe(true);
  await saveScreenshot(plotRegion(page, TYRES.carView), 'tyre-car-view', test.info());

  server.pause();
  try {
    await page.waitForTimeout(1000); // data already on its way still lands
    const paused = await carPicture(page);
    await page.waitForTimeout(1500);
    expect((await carPicture(page)).equals(paused), 'nothing changes while the server is paused').toBe(true);
  } finally {
    server.resume();
  }
  await expect
    .poll(async () => !(await carPicture(page)).equals(first), { timeout: 10_000, intervals: [250] })
    .toBe(true);
});

test('the heatmap shows each zone lap by lap, with the value on hover', async () => {
  const heatmap = panel(page, TYRES.heatmap).getByTestId('tyre-heatmap');
  // The session began 20 minutes ago: laps 1 to about 13 are in the laps table, the running lap comes live.
  await expect
    .poll(async () => Number(await heatmap.getAttribute('data-columns')), { timeout: 30_000 })
    .toBeGreaterThan(8);
  expect(await heatmap.getAttribute('data-first-lap')).toBe('1');
  expect(await heatmap.getAttribute('data-rows')).toBe('16');
  await expect(plotRegion(page, TYRES.heatmap)).toContainText(/lap mean · \d+ laps · from laps table and telemetry/);

  const box = (await heatmap.boundingBox())!;
  // The second lap's column, the first row (FL inner).
  const columns = Number(await heatmap.getAttribute('data-columns'));
  const cellWidth = (box.width - 96) / columns;
  await heatmap.hover({ position: { x: 96 + cellWidth * 1.5, y: 30 } });
  await expect(panel(page, TYRES.heatmap).getByTestId('tyre-heatmap-tooltip')).toHaveText(
    /^lap 2 · FL inner, lap mean: \d+\.\d °C/,
  );
  await saveScreenshot(plotRegion(page, TYRES.heatmap), 'tyre-heatmap', test.info());
  await page.mouse.move(5, 5);
  await expect(panel(page, TYRES.heatmap).getByTestId('tyre-heatmap-tooltip')).toHaveCount(0);
});

test('both views show their temperature scale, ends and operating window from the thresholds', async () => {
  for (const id of [TYRES.carView, TYRES.heatmap]) {
    const legend = panel(page, id).getByTestId('tyre-legend');
    await expect(legend).toBeVisible();
    // The packaged field config: min 20, max 130, the window the green step, 80 to 105 °C.
    await expect(legend).toHaveAttribute(
      'aria-label',
      'Temperature scale from 20 °C to 130 °C, steps at 70 °C, 80 °C, 105 °C, 115 °C; operating window 80 °C to 105 °C',
    );
    const ticks = legend.getByTestId('tyre-legend-tick');
    await expect(ticks.first()).toHaveText('20 °C');
    await expect(ticks.last()).toHaveText('130 °C');
    await expect(legend.getByTestId('tyre-legend-window')).toBeVisible();
    await expectInside(legend, plotRegion(page, id));
  }
  // The bands in the colours the cells get (the dark theme's blue, green and red): cold from 20 °C, green over the
  // window from 80 to 105 °C, overheating to 130 °C.
  const bar = await panel(page, TYRES.heatmap)
    .getByTestId('tyre-legend')
    .evaluate((legend) => getComputedStyle(legend.firstElementChild!).backgroundImage);
  expect(bar.startsWith('linear-gradient(to right, rgb(87, 148, 242) 0%,'), bar).toBe(true);
  expect(bar).toContain('rgb(115, 191, 105) 54.55%, rgb(115, 191, 105) 77.27%');
  expect(bar.endsWith('rgb(242, 73, 92) 100%)'), bar).toBe(true);
});

test('the car view says the session has no core temperature, which it was asked to show', async () => {
  const notice = panel(page, TYRES.carView).getByTestId('tyre-notice');
  await expect(notice).toHaveText(
    /^No core temperature in this session: tyre_core_temp_fl to tyre_core_temp_rr are not in the data\./,
  );
  await expectInside(notice, plotRegion(page, TYRES.carView));
  expect(await notice.evaluate((element) => element.scrollHeight <= element.clientHeight), 'all of it shows').toBe(
    true,
  );
  await expect(carView(page).getByTestId('wheel-info').first()).not.toContainText('Core');
});

test('hovering a time series shows the tyres at that moment, and leaving goes back to live', async () => {
  const tyres = panel(page, TYRES.carView).getByTestId('tyre-panel');
  await expect(tyres).toHaveAttribute('data-following', '');
  const plot = panel(page, TYRES.frontLeft).locator('.u-over');
  const box = (await plot.boundingBox())!;
  // A third of the way into the last 15 minutes: some five minutes ago.
  await hoverPlot(plot, box.width / 3 - 20, box.height / 2);
  await expect(tyres).toHaveAttribute('data-following', /^\d+(\.\d+)?$/);
  const following = Number(await tyres.getAttribute('data-following'));
  expect(Date.now() - following).toBeGreaterThan(2 * 60_000);
  await expect(tyres.getByTestId('tyre-footer')).toContainText('cursor');

  server.pause();
  try {
    await page.waitForTimeout(500);
    const atCursor = await carPicture(page);
    await plot.hover({ position: { x: (box.width * 2) / 3, y: box.height / 2 } });
    await expect
      .poll(async () => Number(await tyres.getAttribute('data-following')), { timeout: 5000 })
      .toBeGreaterThan(following);
    expect((await carPicture(page)).equals(atCursor), 'another moment shows other temperatures').toBe(false);
  } finally {
    server.resume();
  }
  await saveScreenshot(page, 'tyre-cursor', test.info());
  await saveReadmeScreenshot('tyre-heatmap', test.info(), async () => {
    // Both tyre panels, side by side.
    const top = await panel(page, TYRES.carView).boundingBox();
    const right = await panel(page, TYRES.heatmap).boundingBox();
    if (!top || !right) throw new Error('the tyre panels are not on screen for the README screenshot');
    const clip = {
      x: top.x,
      y: top.y,
      width: right.x + right.width - top.x,
      height: Math.max(top.height, right.height),
    };
    return page.screenshot({ clip });
  });

  await page.mouse.move(5, 5);
  await expect(tyres).toHaveAttribute('data-following', '');
  await expect(tyres.getByTestId('tyre-footer')).toContainText('live');
  expect(errors).toEqual([]);
});
