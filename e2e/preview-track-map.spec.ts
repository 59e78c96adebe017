/**
 * The track map in the live session dashboard, against a reference server of this file's own (paused with SIGSTOP
 * where a test needs a still picture). The tests share one page, in order.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';

import {
  expectStreaming,
  hoverPlot,
  LIVE_DASHBOARD,
  panel,
  PANELS,
  plotPicture,
  plotRegion,
  saveReadmeScreenshot,
  saveScreenshot,
  openWithOwnServer,
  type OwnServerPage,
  TelemetryServer,
} from './preview-helpers';

test.describe.configure({ mode: 'serial' });

let own: OwnServerPage;
let server: TelemetryServer;
let page: Page;
let errors: string[];

test.beforeAll(async ({ browser, request }, testInfo) => {
  own = await openWithOwnServer(browser, request, testInfo, 18800, LIVE_DASHBOARD);
  ({ server, page, errors } = own);
});

test.afterAll(({ request }) => own.close(request));

const trackMap = (page: Page) => panel(page, PANELS.trackMap).getByTestId('trackmap');
const plot = (page: Page) => plotPicture(page, PANELS.trackMap);

/** Waits until the map shows live cars on a coloured line (the legend names the line's car and lap). */
async function expectMapReady(page: Page): Promise<void> {
  await expectStreaming(page, PANELS.trackMap, 30_000);
  await expect(panel(page, PANELS.trackMap).getByTestId('trackmap-legend')).toContainText(/car \d+, lap \d+/, {
    timeout: 30_000,
  });
  await expect(panel(page, PANELS.trackMap).getByTestId('trackmap-legend')).toContainText('km/h');
}

/** Runs `body` with the server paused and the markers settled, so the picture only changes by what body does. */
async function whilePaused(page: Page, body: () => Promise<void>): Promise<void> {
  server.pause();
  try {
    await page.waitForTimeout(1500); // data already on its way lands, glides settle
    await body();
  } finally {
    server.resume();
  }
}

/** A screen point on the coloured racing line (a saturated pixel of its layer), in page coordinates. */
async function pointOnLine(map: Locator): Promise<{ x: number; y: number }> {
  const found = await map.getByTestId('trackmap-line').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d')!;
    const { width, height } = canvas;
    const pixels = ctx.getImageData(0, 0, width, height).data;
    const scale = width / canvas.clientWidth;
    // Scan from the centre outwards along rows, for a pixel of vivid colour (the grey track is not).
    for (let dy = 0; dy < height / 2; dy += 2) {
      for (const row of [Math.floor(height / 2 + dy), Math.floor(height / 2 - dy)]) {
        for (let x = 0; x < width; x++) {
          const i = (row * width + x) * 4;
          const [r, g, b, a] = [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]];
          if (a > 250 && Math.max(r, g, b) - Math.min(r, g, b) > 90) {
            const rect = canvas.getBoundingClientRect();
            return { x: rect.left + x / scale, y: rect.top + row / scale };
          }
        }
      }
    }
    return undefined;
  });
  expect(found, 'a coloured pixel of the racing line').toBeDefined();
  return found!;
}

test('markers move between two screenshots, and stand still while the server is paused', async () => {
  test.setTimeout(120_000); // the first test also waits for the plugins to load and the first data
  await expectMapReady(page);
  const first = await plot(page);
  await page.waitForTimeout(1000);
  const second = await plot(page);
  expect(second.equals(first), 'the cars move within a second').toBe(false);
  await saveScreenshot(plotRegion(page, PANELS.trackMap), 'track-map-live', test.info());

  await whilePaused(page, async () => {
    const paused = await plot(page);
    await page.waitForTimeout(1000);
    expect((await plot(page)).equals(paused), 'nothing moves while the server is paused').toBe(true);
  });
  await expect.poll(async () => !(await plot(page)).equals(first), { timeout: 10_000 }).toBe(true);
  expect(errors).toEqual([]);
});

test('hovering the line shows the nearest sample and publishes the cursor to the other panels', async () => {
  await expectMapReady(page);
  const map = trackMap(page);
  await whilePaused(page, async () => {
    const at = await pointOnLine(map);
    await page.mouse.move(at.x - 3, at.y);
    await page.mouse.move(at.x, at.y);
    const tooltip = map.getByTestId('trackmap-tooltip');
    await expect(tooltip).toContainText('Car');
    await expect(tooltip).toContainText('Lap');
    await expect(tooltip).toContainText('Distance');
    await expect(tooltip).toContainText('km/h');
    // The shared cursor reaches another panel of the dashboard with the hovered sample's time.
    await expect(panel(page, PANELS.speed)).toHaveAttribute('data-shared-hover', /^\d{13}/);
    await expect(panel(page, PANELS.tyres)).toHaveAttribute('data-shared-hover', /^\d{13}/);
    const shot = await saveScreenshot(plotRegion(page, PANELS.trackMap), 'track-map-hover', test.info());
    await saveReadmeScreenshot('track-map', test.info(), () => shot);
    await page.mouse.move(5, 5);
    await expect(tooltip).toHaveCount(0);
  });
});

test("another panel's hover puts the cursor dot on the map", async () => {
  await expectStreaming(page, PANELS.speed);
  const map = trackMap(page);
  await expect(map).not.toHaveAttribute('data-cursor');
  const speedPlot = panel(page, PANELS.speed).locator('.u-over');
  await hoverPlot(speedPlot, 300, 60);
  await expect(map).toHaveAttribute('data-cursor', /^-?\d+(\.\d)?,-?\d+(\.\d)?$/);
  await page.mouse.move(5, 5);
  await expect(map).not.toHaveAttribute('data-cursor');
});

test('Ctrl + wheel zooms about the pointer, drag pans, double-click resets', async () => {
  await expectMapReady(page);
  const map = trackMap(page);
  const box = (await map.boundingBox())!;
  await whilePaused(page, async () => {
    const before = await plot(page);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    await expect(map).not.toHaveAttribute('data-zoom', '1.000');
    expect(Number(await map.getAttribute('data-zoom'))).toBeGreaterThan(1.5);
    await page.waitForTimeout(300);
    const zoomed = await plot(page);
    expect(zoomed.equals(before), 'the zoomed picture differs').toBe(false);

    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 30, { steps: 4 });
    await page.mouse.up();
    await page.waitForTimeout(300);
    expect((await plot(page)).equals(zoomed), 'dragging pans').toBe(false);

    await map.dblclick({ position: { x: box.width / 2, y: box.height / 2 } });
    await expect(map).toHaveAttribute('data-zoom', '1.000');
    await page.mouse.move(5, 5);
    await page.waitForTimeout(300);
    expect((await plot(page)).equals(before), 'double-click brings back the fitted view').toBe(true);
  });
  // Click elsewhere: the map no longer takes the wheel.
  await page.mouse.click(5, 5);
});

test('the plain wheel over the map scrolls the page; after a click on the map it zooms', async () => {
  await expectMapReady(page);
  const map = trackMap(page);
  await map.scrollIntoViewIfNeeded();
  const box = (await map.boundingBox())!;
  const top = box.y;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 200);
  await expect.poll(async () => (await map.boundingBox())!.y, { timeout: 5000 }).toBeLessThan(top - 50);
  await expect(map).toHaveAttribute('data-zoom', '1.000');

  const moved = (await map.boundingBox())!;
  await map.click({ position: { x: moved.width / 2, y: moved.height / 2 } });
  await page.mouse.wheel(0, -200);
  await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBeGreaterThan(1);
  expect((await map.boundingBox())!.y, 'the page did not scroll while the map zoomed').toBeCloseTo(moved.y, 0);
  await map.dblclick();
  await page.mouse.click(5, 5);
});

test("the line's colours follow the chosen channel", async () => {
  await page.goto(`${LIVE_DASHBOARD}?editPanel=${PANELS.trackMap}`);
  await expect(page.getByTestId('preview-options-pane')).toBeVisible();
  await expectMapReady(page);
  const legend = panel(page, PANELS.trackMap).getByTestId('trackmap-legend');
  await whilePaused(page, async () => {
    const bySpeed = await plot(page);
    const colourBy = page.getByTestId('preview-options-pane').getByRole('textbox', { name: /^Colour by/ });
    await colourBy.fill('lap_distance');
    await colourBy.press('Tab');
    await expect(legend).toContainText('Lap distance');
    await expect(legend).toContainText(/\d+ m/);
    await page.waitForTimeout(300);
    expect((await plot(page)).equals(bySpeed), 'the line is coloured by lap distance now').toBe(false);
    await saveScreenshot(plotRegion(page, PANELS.trackMap), 'track-map-by-distance', test.info());
  });
});
