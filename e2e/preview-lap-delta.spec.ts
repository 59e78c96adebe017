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

/** A loss zone by corner, with its distances: "T3–T4 1050 m – 1300 m", "T5 exit 1400 m – 1480 m". */
const ZONE_PLACE = /^(T\d+(–T\d+)?|T\d+ (entry|exit)|after T\d+|before T\d+) \d+ m – \d+ m$/;

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
  // Each loss zone named by the track's corners, its distances beside.
  const places = await view.getByTestId('lap-delta-zone-place').allTextContents();
  expect(places).toHaveLength(5);
  for (const place of places) expect(place).toMatch(ZONE_PLACE);
  // The legend's Δt at the line is the difference of the lap times in the table.
  const lapTimeDelta = await sectors.locator('tbody tr').nth(1).locator('td').last().locator('div').textContent();
  expect(await endDelta(page)).toBe(`${lapTimeDelta} s`);

  const shot = await saveScreenshot(view, 'lap-delta', testInfo);
  await saveReadmeScreenshot('lap-delta', testInfo, () => shot);

  // A loss zone zooms the distance axis of every row.
  const chart = view.getByTestId('lap-delta-chart');
  await expect(chart).not.toHaveAttribute('data-zoom', /\d/);
  const zone = view.getByTestId('lap-delta-zones').locator('li button').first();
  const [from] = ((await zone.getByTestId('lap-delta-zone-range').textContent()) ?? '').match(/\d+/)!;
  await zone.click();
  await expect(chart).toHaveAttribute('data-zoom', /^\d+-\d+$/);
  const [zoomFrom] = (await chart.getAttribute('data-zoom'))!.split('-').map(Number);
  expect(zoomFrom).toBeLessThan(Number(from));
  expect(errors).toEqual([]);
});

test('the sector table fits its panel at 1600 × 1000: no column is cut off', async ({ page }) => {
  expect(page.viewportSize()).toEqual({ width: 1600, height: 1000 });
  // The packaged dashboard as it opens (the session's best lap, of another car: the longest labels), and four laps
  // of which one is an out-lap (a flag beside its label).
  for (const url of [
    '/d/eracing-lap-comparison',
    '/d/eracing-lap-comparison?var-lap=1&var-lap=2&var-lap=3&var-lap=4&var-reference=session-best',
  ]) {
    await page.goto(url);
    const table = panel(page, LAP_DELTA).getByTestId('lap-delta-sectors');
    await expect(table.locator('tbody tr').nth(1)).toBeVisible({ timeout: 30_000 });
    const clipped = await table.evaluate((element) => {
      // The box the table is seen in: where every clipping box around it, up to the panel, overlaps.
      const root = element.closest('[data-testid="lap-delta-panel"]')!;
      let [left, right] = [-Infinity, Infinity];
      const problems: string[] = [];
      for (let box: Element | null = element.parentElement; box; box = box === root ? null : box.parentElement) {
        if (getComputedStyle(box).overflowX === 'visible') continue;
        const rect = box.getBoundingClientRect();
        [left, right] = [Math.max(left, rect.left), Math.min(right, rect.right)];
        if (box.scrollWidth > box.clientWidth) problems.push(`scrolls: ${box.scrollWidth} > ${box.clientWidth} px`);
      }
      const lastColumn = [...element.querySelectorAll('tbody tr')].map((row) => row.lastElementChild!);
      for (const cell of [...element.querySelectorAll('thead th'), ...lastColumn]) {
        const rect = cell.getBoundingClientRect();
        if (rect.left < left - 0.5 || rect.right > right + 0.5)
          problems.push(`"${cell.textContent}" at ${rect.left}–${rect.right} px, seen ${left}–${right} px`);
      }
      return problems;
    });
    expect(clipped, url).toEqual([]);
  }
});

test('the legend of four compared laps wraps inside the panel, and the charts start below it', async ({ page }) => {
  await page.goto('/d/eracing-lap-comparison?var-lap=4&var-lap=5&var-lap=6&var-lap=7&var-reference=previous');
  const view = panel(page, LAP_DELTA);
  const legend = view.getByTestId('lap-delta-legend');
  await expect(legend).toContainText('Lap 7', { timeout: 30_000 });
  await expect(legend).toContainText('(reference)');
  const layout = await view.evaluate((root) => {
    const panelRect = root.querySelector('[data-testid="lap-delta-panel"]')!.getBoundingClientRect();
    const legendEl = root.querySelector('[data-testid="lap-delta-legend"]')!;
    const items = [...legendEl.children].map((item) => ({
      text: item.textContent ?? '',
      rect: item.getBoundingClientRect(),
    }));
    const chartTop = root.querySelector('[data-testid="lap-delta-chart"]')!.getBoundingClientRect().top;
    const main = legendEl.parentElement!.parentElement!.getBoundingClientRect();
    return {
      cut: items
        .filter(({ rect }) => rect.right > main.right + 0.5 || rect.right > panelRect.right + 0.5)
        .map((i) => i.text),
      lines: new Set(items.map(({ rect }) => Math.round(rect.top))).size,
      legendBottom: Math.max(...items.map(({ rect }) => rect.bottom)),
      chartTop,
    };
  });
  expect(layout.cut).toEqual([]);
  expect(layout.lines).toBeGreaterThan(1);
  expect(layout.chartTop).toBeGreaterThanOrEqual(layout.legendBottom);
});

test('the y labels of the stacked rows stay inside their own rows', async ({ page }) => {
  await page.goto(comparison(4, '3'));
  const rows = panel(page, LAP_DELTA).locator('[data-testid="lap-delta-chart"] .uplot canvas');
  await expect(rows).toHaveCount(5, { timeout: 30_000 });
  // The labels are drawn on each row's canvas: count the inked pixels of the label column at its top and bottom edges
  // (a label cut by the edge runs over the next row's).
  const edges = () =>
    rows.evaluateAll((canvases: HTMLCanvasElement[]) =>
      canvases.map((canvas) => {
        const ratio = canvas.width / canvas.getBoundingClientRect().width;
        const context = canvas.getContext('2d')!;
        const labels = Math.floor(50 * ratio); // left of the tick marks at 60–64 px
        const edge = Math.ceil(2 * ratio);
        const inked = (y: number, height: number) => {
          const { data } = context.getImageData(0, y, labels, height);
          let count = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 60) count++;
          return count;
        };
        return { all: inked(0, canvas.height), top: inked(0, edge), bottom: inked(canvas.height - edge, edge) };
      }),
    );
  await expect.poll(async () => (await edges()).every((row) => row.all > 10)).toBe(true);
  const found = await edges();
  // The last row's bottom edge is the distance axis, below its labels.
  expect(found.map((row, k) => [row.top, k === found.length - 1 ? 0 : row.bottom])).toEqual(found.map(() => [0, 0]));
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
