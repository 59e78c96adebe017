/**
 * The lap delta panel in the preview host: the lap comparison dashboard draws the delta and the channel traces,
 * a different reference lap gives a different delta, and the cursor travels to and from the other panels.
 */
import { expect, test, type Page } from '@playwright/test';

import {
  collectConsoleErrors,
  expectStreaming,
  hoverPlot,
  LIVE_DASHBOARD,
  panel,
  PANELS,
  saveReadmeScreenshot,
  saveScreenshot,
} from './preview-helpers';

const LAP_DELTA = 1;
const TRACK_MAP = 2;
const comparison = (lap: number, reference: string) =>
  `/d/eracing-lap-comparison?var-lap=${lap}&var-reference=car-lap&var-reflap=${reference}`;

/** The legend's Δt at the end of the compared lap, e.g. "+0.412 s". */
async function endDelta(page: Page): Promise<string> {
  const item = panel(page, LAP_DELTA).getByTestId('lap-delta-legend').locator('span').first();
  return (await item.textContent())!.replace(/^Lap \d+\s*/, '').trim();
}

/** How many pixels of the delta row's canvas are mostly green and mostly red: the gain and loss shading. */
async function shading(page: Page): Promise<{ green: number; red: number }> {
  const canvas = panel(page, LAP_DELTA).locator('[data-testid="lap-delta-chart"] canvas').first();
  return canvas.evaluate((element: HTMLCanvasElement) => {
    const { data } = element.getContext('2d')!.getImageData(0, 0, element.width, element.height);
    let green = 0;
    let red = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a < 40) continue;
      if (g > r + 25 && g > b + 10) green++;
      if (r > g + 25 && r > b + 10) red++;
    }
    return { green, red };
  });
}

test('the lap comparison dashboard draws the delta, the channel traces, sectors and loss zones', async ({
  page,
}, testInfo) => {
  const errors = collectConsoleErrors(page);
  await page.goto(comparison(4, '3'));
  const view = panel(page, LAP_DELTA);
  await expect(view.getByTestId('lap-delta-legend')).toContainText('vs Lap 3 (reference)', { timeout: 30_000 });
  await expect(view.getByTestId('lap-delta-legend')).toContainText('Δt: positive = slower');
  // The delta on top and speed, throttle, brake and steering below: one uPlot each, on one distance axis.
  await expect(view.locator('[data-testid="lap-delta-chart"] .uplot')).toHaveCount(5);
  await expect.poll(() => shading(page)).toEqual({ green: expect.any(Number), red: expect.any(Number) });
  const { green, red } = await shading(page);
  expect(green + red).toBeGreaterThan(500);
  // Sector times of both laps, the theoretical best and the loss zones.
  const sectors = view.getByTestId('lap-delta-sectors');
  await expect(sectors.locator('tbody tr')).toHaveCount(2);
  await expect(sectors).toContainText('Lap 3 (ref)');
  await expect(view.getByTestId('lap-delta-theoretical')).toContainText('Theoretical best');
  await expect(view.getByTestId('lap-delta-zones').locator('li')).toHaveCount(5);
  // The legend's Δt at the line is the difference of the lap times in the table.
  const lapTimeDelta = await sectors.locator('tbody tr').nth(1).locator('td').last().locator('div').textContent();
  expect(await endDelta(page)).toBe(`${lapTimeDelta} s`);

  const shot = await saveScreenshot(view, 'lap-delta', testInfo);
  await saveReadmeScreenshot('lap-delta', testInfo, () => shot);

  // A loss zone zooms the distance axis of every row.
  const chart = view.getByTestId('lap-delta-chart');
  await expect(chart).not.toHaveAttribute('data-zoom', /\d/);
  const zone = view.getByTestId('lap-delta-zones').locator('li button').first();
  const [from] = ((await zone.locator('span').first().textContent()) ?? '').match(/\d+/)!;
  await zone.click();
  await expect(chart).toHaveAttribute('data-zoom', /^\d+-\d+$/);
  const [zoomFrom] = (await chart.getAttribute('data-zoom'))!.split('-').map(Number);
  expect(zoomFrom).toBeLessThan(Number(from));
  expect(errors).toEqual([]);
});

test('changing the reference lap changes the delta', async ({ page }) => {
  await page.goto(comparison(4, '3'));
  const legend = panel(page, LAP_DELTA).getByTestId('lap-delta-legend');
  await expect(legend).toContainText('vs Lap 3 (reference)', { timeout: 30_000 });
  const against3 = await endDelta(page);

  await page.goto(comparison(4, '5'));
  await expect(legend).toContainText('vs Lap 5 (reference)', { timeout: 30_000 });
  const against5 = await endDelta(page);
  expect(against5).toMatch(/^[+−±]\d+\.\d{3} s$/);
  expect(against5).not.toBe(against3);

  // The car's best valid lap as reference, chosen by the dashboard's variable.
  await page.goto('/d/eracing-lap-comparison?var-lap=4&var-reference=car-best');
  await expect(legend).not.toContainText('vs Lap 5', { timeout: 30_000 });
  await expect(legend).toContainText(/vs Lap \d+ \(reference\)/);
});

test('"Previous lap" compares each chosen lap with a sensible reference: the lap before the newest', async ({
  page,
}) => {
  const errors = collectConsoleErrors(page);
  // Two laps in one multi-value variable, as the dashboard's lap picker gives them.
  await page.goto('/d/eracing-lap-comparison?var-lap=4&var-lap=5&var-reference=previous');
  const view = panel(page, LAP_DELTA);
  const legend = view.getByTestId('lap-delta-legend');
  await expect(legend).toContainText('vs Lap 4 (reference)', { timeout: 30_000 });
  await expect(legend).not.toContainText('Invalid reference');
  await expect(view.getByTestId('lap-delta-sectors').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('preview-variable-lap')).toContainText('Lap 4');
  await expect(page.getByTestId('preview-variable-lap')).toContainText('Lap 5');

  // One lap chosen: the panel says which lap to add, instead of failing on missing samples.
  await page.goto('/d/eracing-lap-comparison?var-lap=5&var-reference=previous');
  await expect(view).toContainText('choose lap 4 as well as lap 5', { timeout: 30_000 });
  expect(errors).toEqual([]);
});

test('the cursor travels between the lap delta and the track map, and follows a time series', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000); // two dashboards, the live one on a loaded machine
  await page.goto(comparison(4, '3'));
  const view = panel(page, LAP_DELTA);
  await expect(view.getByTestId('lap-delta-legend')).toContainText('vs Lap 3', { timeout: 30_000 });
  const plot = view.locator('[data-testid="lap-delta-chart"] .u-over').first();
  await hoverPlot(plot, 300, 40);
  // Our hover reaches the track map with a time (and car, lap and lap distance)…
  await expect(panel(page, TRACK_MAP)).toHaveAttribute('data-shared-hover', /^\d+(\.\d+)?$/);
  await expect(view.getByTestId('lap-delta-readout')).toContainText(/\d+ m · Lap 4 [+−±]\d/);
  // …and the channel rows share the cursor.
  await expect(view.locator('.u-cursor-x').nth(2)).not.toHaveClass(/u-off/);
  await page.mouse.move(5, 5);
  await expect(panel(page, TRACK_MAP)).not.toHaveAttribute('data-shared-hover');

  // On the live dashboard, a time series' hover (time only) places our cursor on the lap in progress.
  await page.goto(LIVE_DASHBOARD);
  await expectStreaming(page, PANELS.speed);
  const live = panel(page, PANELS.lapDelta);
  await expect(live.getByTestId('lap-delta-legend')).toContainText('(reference)', { timeout: 30_000 });
  const speed = panel(page, PANELS.speed).locator('.u-over');
  const box = (await speed.boundingBox())!;
  await hoverPlot(speed, box.width - 40, 40);
  await expect(live.locator('.u-cursor-x').first()).not.toHaveClass(/u-off/);
  // The delta reads "–" when the lap in progress has only just begun (no time slip yet at the cursor).
  await expect(live.getByTestId('lap-delta-readout')).toContainText(/\d+ m · Lap \d+ ([+−±]\d|–)/);
  await live.screenshot({ path: testInfo.outputPath('live-lap-delta.png'), animations: 'disabled' });
});
