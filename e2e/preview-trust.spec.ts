/**
 * What an engineer sees in the first minutes on the live session dashboard: the state-of-charge tiles coloured by
 * their thresholds (not by car), and each chart drawing only the channels it names (no lap or lap distance series);
 * and the lap comparison opening on a lap worth comparing.
 */
import { expect, test, type Locator } from '@playwright/test';

import {
  collectConsoleErrors,
  expectPanelRows,
  expectStreaming,
  LIVE_DASHBOARD,
  panel,
  PANELS,
  saveScreenshot,
} from './preview-helpers';

test('the state-of-charge tiles follow their red/orange/green thresholds, not the cars’ colours', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await page.goto(LIVE_DASHBOARD);
  await expectStreaming(page, PANELS.battery);
  const tiles = panel(page, PANELS.battery).locator('div', { hasText: /^Battery state of charge · car \d+/ });
  await expect.poll(() => tiles.count(), { timeout: 20_000 }).toBeGreaterThan(1);
  const seen = await tiles.evaluateAll((elements) =>
    elements
      .map((element) => ({ text: element.textContent ?? '', background: getComputedStyle(element).backgroundImage }))
      .filter((tile) => tile.background.startsWith('linear-gradient')),
  );
  expect(seen.length).toBeGreaterThan(1);
  for (const { text, background } of seen) {
    const percent = Number(/([\d.]+)\s*%/.exec(text)?.[1]);
    // The simulated cars run between about 40 and 100 %: above the green threshold (20 %).
    expect(percent).toBeGreaterThanOrEqual(20);
    const [r, g, b] = /rgb\((\d+), (\d+), (\d+)\)/.exec(background)!.slice(1).map(Number);
    expect(g, `${text}: ${background} is green`).toBeGreaterThan(r + 40);
    expect(g).toBeGreaterThan(b + 40);
  }
  // One colour for every car: the threshold's, not each car's own.
  expect(new Set(seen.map((tile) => tile.background)).size).toBe(1);
  expect(errors).toEqual([]);
});

test('each chart draws the channels it names, and no lap or lap distance series', async ({ page }) => {
  await page.goto(LIVE_DASHBOARD);
  const charts: Array<[number, string[]]> = [
    [PANELS.speed, ['Speed']],
    [PANELS.throttleBrake, ['Throttle', 'Brake']],
    [9, ['Pack current', 'Electrical power']],
    [10, ['Motor temperature', 'Inverter temperature']],
  ];
  for (const [id, names] of charts) {
    await expectStreaming(page, id);
    const series = panel(page, id).locator('[data-testid^="data-testid VizLegend series"]');
    await expect(series, `panel ${id}`).toHaveCount(names.length, { timeout: 20_000 });
    const labels = await series.allTextContents();
    names.forEach((name, k) => expect(labels[k]).toContain(name));
    expect(labels.join(' ')).not.toMatch(/\bLap\b|lap distance/i);
  }
});

test('the live laps table is titled by the chosen car and shows lap times, not start and end dates', async ({
  page,
}) => {
  await page.goto(`${LIVE_DASHBOARD}?var-car=48`);
  const table = panel(page, PANELS.laps);
  await expect(table).toHaveAttribute('data-state', 'Done', { timeout: 20_000 });
  await expect(table).toContainText('Laps, car 48');
  // Car 48's laps only. The test session began 20 minutes before the tests (which run for about 10 more): a car has
  // done 12 to 25 laps by now, six cars 80 or more.
  const rows = Number(await table.getAttribute('data-rows'));
  expect(rows).toBeGreaterThanOrEqual(10);
  expect(rows).toBeLessThanOrEqual(40);
  const headers = table.getByRole('columnheader');
  await expect(headers.first()).toBeVisible({ timeout: 20_000 });
  const names = (await headers.allTextContents()).map((text) => text.trim());
  expect(names.slice(0, 2)).toEqual(['lap', 'Lap time']);
  expect(names).not.toContain('start');
  expect(names).not.toContain('end');
  // The lap time column is inside the panel, not scrolled off to the right.
  const panelBox = (await table.boundingBox())!;
  const lapTime = (await headers.nth(1).boundingBox())!;
  expect(lapTime.x + lapTime.width).toBeLessThanOrEqual(panelBox.x + panelBox.width);
});

test('the live track map draws the chosen car’s lap and names that car', async ({ page }) => {
  await page.goto(`${LIVE_DASHBOARD}?var-car=48`);
  const legend = panel(page, PANELS.trackMap).getByTestId('trackmap-legend');
  await expect(legend).toContainText(/car 48\b/i, { timeout: 20_000 });
  await expect(legend).not.toContainText(/car (?!48\b)\d+/i);
});

test('the lap comparison opens on the car’s best valid lap against the session’s best, not on the out-lap', async ({
  page,
}) => {
  await page.goto('/d/eracing-lap-comparison');
  const lap = page.getByTestId('preview-variable-lap');
  await expect(lap).toContainText(/Lap \d+ — \d:\d\d\.\d{3} \(best\)/, { timeout: 20_000 });
  await expect(lap).not.toContainText('out-lap');
  await expect(page.getByTestId('preview-variable-reference')).toContainText('Session best');
  await expectPanelRows(panel(page, 1), 'Lap delta');
});

/** The colour of a legend item's series icon, as [r, g, b]. */
async function legendColour(view: Locator, name: string): Promise<number[]> {
  const item = view.locator('[data-testid^="data-testid VizLegend series"]', { hasText: name });
  const icon = item.getByTestId('series-icon').first();
  const colour = await icon.evaluate((element) => getComputedStyle(element).backgroundColor);
  return /rgba?\((\d+), (\d+), (\d+)/.exec(colour)!.slice(1, 4).map(Number);
}

test('brake is drawn red and throttle green, as engineers read them', async ({ page }) => {
  await page.goto(LIVE_DASHBOARD);
  await expectStreaming(page, PANELS.throttleBrake);
  const view = panel(page, PANELS.throttleBrake);
  const [r, g, b] = await legendColour(view, 'Brake');
  expect(r, `brake is red, not rgb(${r}, ${g}, ${b})`).toBeGreaterThan(g + 80);
  expect(r).toBeGreaterThan(b + 80);
  const [tr, tg, tb] = await legendColour(view, 'Throttle');
  expect(tg, `throttle is green, not rgb(${tr}, ${tg}, ${tb})`).toBeGreaterThan(tr + 40);
  expect(tg).toBeGreaterThan(tb + 40);
});

test('the lap comparison’s energy per lap is drawn as bars, used in orange and regenerated in green', async ({
  page,
}, testInfo) => {
  const errors = collectConsoleErrors(page);
  await page.goto('/d/eracing-lap-comparison');
  const view = panel(page, 5);
  await expectPanelRows(view, 'Energy per lap');
  await expect(view.getByTestId('preview-core-placeholder')).toHaveCount(0);
  const bars = view.getByTestId('preview-bar');
  // The test session began 20 minutes ago: a dozen laps or more, two bars each.
  await expect.poll(() => bars.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2 * 10);
  const fills = await bars.evaluateAll((rects) =>
    rects.map((rect) => ({
      title: rect.textContent ?? '',
      fill: getComputedStyle(rect).fill,
      height: (rect as SVGRectElement).getBBox().height,
    })),
  );
  const used = fills.filter((bar) => bar.title.includes('· Used:'));
  const regenerated = fills.filter((bar) => bar.title.includes('· Regenerated:'));
  expect(used.length).toBeGreaterThanOrEqual(10);
  expect(regenerated.length).toBe(used.length);
  // Every finished lap used and regenerated energy; the lap in progress (the newest) may have just begun.
  const lapOf = (bar: { title: string }) => Number(/^lap (\d+) /.exec(bar.title)?.[1]);
  const newest = Math.max(...used.map(lapOf));
  expect(newest, 'bars are titled by lap').toBeGreaterThanOrEqual(10);
  for (const bar of [...used, ...regenerated].filter((b) => lapOf(b) < newest)) {
    expect(bar.height, bar.title).toBeGreaterThan(0);
  }
  const rgb = (fill: string) => /rgb\((\d+), (\d+), (\d+)\)/.exec(fill)!.slice(1).map(Number);
  const [ur, ug, ub] = rgb(used[0].fill);
  expect(ur, `used is orange, not ${used[0].fill}`).toBeGreaterThan(ug);
  expect(ug).toBeGreaterThan(ub + 40);
  const [rr, rg, rb] = rgb(regenerated[0].fill);
  expect(rg, `regenerated is green, not ${regenerated[0].fill}`).toBeGreaterThan(rr + 40);
  expect(rg).toBeGreaterThan(rb + 40);
  // Used energy per lap is several times what regeneration gives back.
  const mean = (list: typeof used) => list.reduce((sum, bar) => sum + bar.height, 0) / list.length;
  expect(mean(used)).toBeGreaterThan(mean(regenerated));
  // The laps under the bars are lap numbers, not kWh.
  await expect(view.locator('svg text', { hasText: /^1$/ })).toHaveCount(1);
  await expect(view.locator('svg text', { hasText: /^\d+ kWh$/ })).toHaveCount(0);
  await expect(view.getByText('Used', { exact: true })).toBeVisible();
  await expect(view.getByText('Regenerated', { exact: true })).toBeVisible();
  await saveScreenshot(view, 'energy-per-lap', testInfo);
  expect(errors).toEqual([]);
});
