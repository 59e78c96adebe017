/**
 * Every packaged dashboard renders with data in the preview host (not Grafana): each panel's queries answer
 * without an error and return rows. Runs against both builds of the host.
 */
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

import { collectConsoleErrors, expectPanelRows, panel, ROOT, saveDocImage } from './preview-helpers';

interface DashboardFile {
  uid: string;
  title: string;
  panels: Array<{ id: number; type: string; title: string; targets?: unknown[] }>;
}

const dashboards = fs
  .readdirSync(path.join(ROOT, 'dashboards'))
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(fs.readFileSync(path.join(ROOT, 'dashboards', file), 'utf8')) as DashboardFile);

for (const dashboard of dashboards) {
  test(`the ${dashboard.title} dashboard renders every panel with data`, async ({ page }, testInfo) => {
    const errors = collectConsoleErrors(page);
    await page.goto(`/d/${dashboard.uid}`);
    for (const { id, title, targets } of dashboard.panels) {
      if (!targets?.length) continue;
      const view = panel(page, id);
      await expectPanelRows(view, title);
    }
    await expect(page.locator('[role="alert"]')).toHaveCount(0);
    // The README's picture of the dashboard (with PREVIEW_DOC_SCREENSHOTS=1), once every panel has drawn.
    await saveDocImage(`docs/img/${dashboard.uid}.png`, testInfo, async () => {
      await page.mouse.move(0, 0);
      await page.waitForTimeout(1500);
      return page.screenshot({ fullPage: true, animations: 'disabled' });
    });
    expect(errors).toEqual([]);
  });
}

test('the live dashboard on a past range shows the history of that range and says so', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  // Ten minutes into the test session (it began 20 minutes ago): laps, pit stops and history are there.
  const to = Date.now() - 8 * 60_000;
  const from = to - 2 * 60_000;
  await page.goto(`/d/eracing-live-session?from=${from}&to=${to}`);
  // Every panel with a live query: the charts, the readout, the map, the tyres, the lap delta and the battery tiles.
  const live = dashboards
    .find((d) => d.uid === 'eracing-live-session')!
    .panels.filter((p) => p.targets?.some((t) => (t as { mode?: string }).mode === 'live'));
  expect(live.map((p) => p.type)).toEqual(
    expect.arrayContaining([
      'timeseries',
      'stat',
      'eracing-trackmap-panel',
      'eracing-tyreheatmap-panel',
      'eracing-lapdelta-panel',
    ]),
  );
  for (const { id, title } of live) {
    const view = panel(page, id);
    await view.scrollIntoViewIfNeeded();
    // Not streaming "now" off the chart: answered once, with rows, and a notice saying why.
    await expect(view).toHaveAttribute('data-state', 'Done', { timeout: 30_000 });
    await expect.poll(async () => Number(await view.getAttribute('data-rows')), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(
      view.locator(
        '[data-testid="preview-panel-notice"][data-text*="time range in the past: showing the recorded history"]',
      ),
      title,
    ).toHaveCount(1);
  }
  expect(errors).toEqual([]);
});
