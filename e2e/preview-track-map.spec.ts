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

/** The start/finish line: the white pixels of the racing line's layer, how far apart the farthest two are, CSS px. */
async function startFinishBar(map: Locator): Promise<{ pixels: number; length: number; x: number; y: number }> {
  return map.getByTestId('trackmap-line').evaluate((canvas: HTMLCanvasElement) => {
    const { width, height } = canvas;
    const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
    const scale = width / canvas.clientWidth;
    const white: Array<[number, number]> = [];
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 255 && data[i] >= 250 && data[i + 1] >= 250 && data[i + 2] >= 250) {
        white.push([(i / 4) % width, Math.floor(i / 4 / width)]);
      }
    }
    let longest = 0;
    for (const [x1, y1] of white)
      for (const [x2, y2] of white) longest = Math.max(longest, Math.hypot(x2 - x1, y2 - y1));
    const rect = canvas.getBoundingClientRect();
    const mean = (k: 0 | 1) => white.reduce((sum, p) => sum + p[k], 0) / Math.max(1, white.length) / scale;
    return { pixels: white.length, length: longest / scale, x: rect.left + mean(0), y: rect.top + mean(1) };
  });
}

test('the start/finish line is a white bar across the track, as long as the track is wide, at every zoom', async () => {
  await expectMapReady(page);
  const map = trackMap(page);
  await whilePaused(page, async () => {
    const fitted = await startFinishBar(map);
    // The drawn track is 6 to 14 px wide; the bar reaches 4 px past each edge (the real 12 m line is a dot here).
    expect(fitted.pixels, 'white pixels of the start/finish line').toBeGreaterThan(30);
    expect(fitted.length).toBeGreaterThanOrEqual(12);
    expect(fitted.length).toBeLessThanOrEqual(24);

    await page.mouse.move(fitted.x, fitted.y);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -600);
    await page.keyboard.up('Control');
    await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBeGreaterThan(3);
    await page.waitForTimeout(300);
    const zoomed = await startFinishBar(map);
    expect(zoomed.pixels, 'white pixels of the start/finish line, zoomed in').toBeGreaterThan(30);
    expect(zoomed.length).toBeGreaterThanOrEqual(12);
    expect(zoomed.length).toBeLessThanOrEqual(24);
    expect(Math.hypot(zoomed.x - fitted.x, zoomed.y - fitted.y), 'zoomed about the line, it stays put').toBeLessThan(4);
    await map.dblclick({ position: { x: 5, y: 5 } });
    await expect(map).toHaveAttribute('data-zoom', '1.000');
  });
  await page.mouse.click(5, 5);
});

/**
 * Pixels of the trails' layer that lie on the racing line (both opaque) and differ from the line's colour there,
 * away from markers, labels and the legend: where a trail must show instead of the line. CSS px in the map.
 */
async function trailsOverLine(map: Locator): Promise<Array<{ x: number; y: number; rgb: number[] }>> {
  return map.evaluate((root: HTMLElement) => {
    const layer = (id: string) => root.querySelector<HTMLCanvasElement>(`[data-testid="${id}"]`)!;
    const pixels = (id: string) => {
      const canvas = layer(id);
      return canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    };
    const trails = pixels('trackmap-trails');
    const line = pixels('trackmap-line');
    const markers = pixels('trackmap-markers');
    const labels = pixels('trackmap-labels');
    const { width } = layer('trackmap-trails');
    const scale = width / layer('trackmap-trails').clientWidth;
    const legend = root.querySelector('[data-testid="trackmap-legend"]')?.getBoundingClientRect();
    const origin = root.getBoundingClientRect();
    const found: Array<{ x: number; y: number; rgb: number[] }> = [];
    for (let i = 0; i < trails.length; i += 4) {
      if (trails[i + 3] !== 255 || line[i + 3] !== 255 || markers[i + 3] !== 0 || labels[i + 3] !== 0) continue;
      const differs = Math.max(...[0, 1, 2].map((k) => Math.abs(trails[i + k] - line[i + k])));
      if (differs < 60) continue;
      const x = ((i / 4) % width) / scale;
      const y = Math.floor(i / 4 / width) / scale;
      const inLegend =
        legend &&
        x + origin.left >= legend.left - 2 &&
        x + origin.left <= legend.right + 2 &&
        y + origin.top >= legend.top - 2 &&
        y + origin.top <= legend.bottom + 2;
      if (!inLegend) found.push({ x, y, rgb: [trails[i], trails[i + 1], trails[i + 2]] });
    }
    return found;
  });
}

/**
 * The colours on screen at points of an element (CSS px from its corner), for each whole-pixel shift by -1, 0 or 1 in
 * x and y. The page is shot on whole pixels (an element's own screenshot at a fractional position is resampled);
 * the element's canvases land on whole pixels too, at most a pixel from where its box starts.
 */
async function coloursOnScreen(
  page: Page,
  element: Locator,
  points: Array<{ x: number; y: number }>,
): Promise<number[][][]> {
  const box = (await element.boundingBox())!;
  const clip = {
    x: Math.floor(box.x) - 1,
    y: Math.floor(box.y) - 1,
    width: Math.ceil(box.width) + 3,
    height: Math.ceil(box.height) + 3,
  };
  const png = await page.screenshot({ clip, animations: 'disabled', scale: 'css' });
  return page.evaluate(
    async ({ base64, points, dx0, dy0 }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      const data = ctx.getImageData(0, 0, image.width, image.height).data;
      const shifts = [-1, 0, 1].flatMap((dy) => [-1, 0, 1].map((dx) => [dx, dy]));
      return shifts.map(([dx, dy]) =>
        points.map(({ x, y }) => {
          const i = (Math.round(y + dy0 + dy) * image.width + Math.round(x + dx0 + dx)) * 4;
          return [data[i], data[i + 1], data[i + 2]];
        }),
      );
    },
    { base64: png.toString('base64'), points, dx0: box.x - clip.x, dy0: box.y - clip.y },
  );
}

test('car trails show above the racing line', async () => {
  await expectMapReady(page);
  const map = trackMap(page);
  await whilePaused(page, async () => {
    const onLine = await trailsOverLine(map);
    expect(onLine.length, 'opaque trail pixels over the racing line').toBeGreaterThan(20);
    const shifts = await coloursOnScreen(page, map, onLine);
    const shown = Math.max(
      ...shifts.map(
        (seen) =>
          seen.filter((rgb, i) => rgb.every((value, k) => Math.abs(value - onLine[i].rgb[k]) <= 8)).length /
          onLine.length,
      ),
    );
    expect(shown, 'share of those pixels where the screen shows the trail').toBeGreaterThan(0.9);
    // The README's picture: cars with their trails on the line, start/finish and labels, no tooltip over them.
    const shot = await saveScreenshot(plotRegion(page, PANELS.trackMap), 'track-map-trails', test.info());
    await saveReadmeScreenshot('track-map', test.info(), () => shot);
  });
});

test('sector and corner labels stand off the track', async () => {
  await expectMapReady(page);
  const map = trackMap(page);
  await whilePaused(page, async () => {
    const { labelled, onTrack } = await map.evaluate((root: HTMLElement) => {
      const pixels = (id: string) => {
        const canvas = root.querySelector<HTMLCanvasElement>(`[data-testid="${id}"]`)!;
        return canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      };
      const labels = pixels('trackmap-labels');
      const track = pixels('trackmap-track');
      let labelled = 0,
        onTrack = 0;
      for (let i = 3; i < labels.length; i += 4) {
        if (labels[i] < 128) continue;
        labelled++;
        if (track[i] > 0) onTrack++;
      }
      return { labelled, onTrack };
    });
    expect(labelled, 'pixels of the labels (text and halo)').toBeGreaterThan(500);
    expect(onTrack / labelled, 'share of label pixels on the drawn track').toBeLessThan(0.02);
  });
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
    await saveScreenshot(plotRegion(page, PANELS.trackMap), 'track-map-hover', test.info());
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
