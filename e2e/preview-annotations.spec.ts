/**
 * Dashboard annotations in the preview host: the lap comparison dashboard's annotation query (laps and pit stops of
 * the chosen car, from the datasource's events) is drawn on its history time series, follows the time range, and
 * goes when its switch is turned off.
 */
import { expect, test, type Locator } from '@playwright/test';

import { collectConsoleErrors, expectPanelRows, panel, saveScreenshot } from './preview-helpers';

const DASHBOARD = '/d/eracing-lap-comparison';
const HISTORY = 7;
// A fixed name: Grafana shows an annotation's name as it is written, without replacing variables.
const ANNOTATION = 'Annotation Laps and pit stops of the chosen car';
/** The datasource's texts for the kinds the annotation asks for (lap, pit_in, pit_out). */
const lapOrPit = (car: string) =>
  new RegExp(`^Car ${car} ((lap|out-lap|in-lap) \\d+: (\\d+:)?\\d+\\.\\d{3}|into the pit lane|leaves the pit lane)$`);

async function markers(view: Locator) {
  const all = view.getByTestId('preview-annotation');
  return Promise.all(
    (await all.all()).map(async (marker) => ({
      text: (await marker.getAttribute('aria-label')) ?? '',
      time: Number(await marker.getAttribute('data-time')),
      timeEnd: Number((await marker.getAttribute('data-time-end')) ?? NaN),
      color: await marker.evaluate((element) => getComputedStyle(element).backgroundColor),
    })),
  );
}

test('the history panel draws the laps and pit stops of the chosen car, and a range without events none', async ({
  page,
}, testInfo) => {
  const errors = collectConsoleErrors(page);
  await page.goto(DASHBOARD);
  const view = panel(page, HISTORY);
  await expectPanelRows(view, 'History panel');
  const car = (await view.textContent())!.match(/History of .+, car (\S+), over the time range/)![1];
  const drawn = view.getByTestId('preview-annotations');
  await expect.poll(async () => Number(await drawn.getAttribute('data-count')), { timeout: 30_000 }).toBeGreaterThan(2);

  const shown = await markers(view);
  expect(await drawn.getAttribute('data-count')).toBe(String(shown.length));
  for (const marker of shown) expect(marker.text).toMatch(lapOrPit(car));
  expect(shown.filter((m) => / lap \d+: /.test(m.text)).length).toBeGreaterThan(0);
  // The annotation's iconColor, not the frame's own colours per car or pit stop.
  expect(new Set(shown.map((m) => m.color))).toEqual(new Set(['rgb(87, 148, 242)']));
  await saveScreenshot(view, 'preview-annotations', testInfo);

  // Between two events with nothing in between, the panel still draws its channel and no annotation.
  const times = shown.flatMap((m) => [m.time, m.timeEnd]).filter((t) => !Number.isNaN(t));
  times.sort((a, b) => a - b);
  const inRegion = (t: number) => shown.some((m) => m.time <= t && t <= m.timeEnd);
  const gaps = times.slice(1).map((time, i) => ({ from: times[i] + 1000, to: time - 1000 }));
  const quiet = gaps.find(({ from, to }) => to - from > 5000 && !inRegion(from))!;
  expect(quiet, 'two events more than 7 s apart').toBeDefined();
  await page.goto(`${DASHBOARD}?from=${quiet.from}&to=${quiet.to}`);
  await expectPanelRows(view, 'History panel between two events');
  await expect(drawn).toHaveAttribute('data-count', '0', { timeout: 30_000 });
  await expect(view.getByTestId('preview-annotation')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('turning the annotation off takes its markers away, and on brings them back', async ({ page }) => {
  await page.goto(DASHBOARD);
  const view = panel(page, HISTORY);
  await expectPanelRows(view, 'History panel');
  const drawn = view.getByTestId('preview-annotations');
  await expect.poll(async () => Number(await drawn.getAttribute('data-count')), { timeout: 30_000 }).toBeGreaterThan(0);
  const count = await drawn.getAttribute('data-count');

  const toggle = page.getByLabel(ANNOTATION);
  await expect(toggle).toBeChecked();
  await toggle.click({ force: true });
  await expect(toggle).not.toBeChecked();
  await expect(view.getByTestId('preview-annotation')).toHaveCount(0);
  await expect(drawn).toHaveAttribute('data-count', '0');
  await expect(view).toHaveAttribute('data-state', 'Done');

  await toggle.click({ force: true });
  await expect(drawn).toHaveAttribute('data-count', count!, { timeout: 30_000 });
});
