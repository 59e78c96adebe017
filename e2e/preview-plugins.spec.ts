/**
 * The preview host (not Grafana) loads each plugin's built module.js as Grafana does, and refuses the builds
 * Grafana would refuse. Runs against both builds of the host: Grafana 12.4 + React 18, and 13.2 + React 19.
 */
import { expect, test } from '@playwright/test';

import {
  collectConsoleErrors,
  expectStreaming,
  LIVE_DASHBOARD,
  panel,
  PANELS,
  PLUGIN_IDS,
  saveScreenshot,
} from './preview-helpers';

test('every plugin loads from its dist/ and the live dashboard runs, with no console errors', async ({
  page,
}, testInfo) => {
  const errors = collectConsoleErrors(page);
  await page.goto('/plugins');
  for (const id of PLUGIN_IDS) {
    await expect(page.getByTestId(`plugin-status-${id}`), id).toHaveAttribute('data-state', 'loaded');
  }

  await page.goto(LIVE_DASHBOARD);
  await expect(page.getByTestId('preview-label')).toHaveText('Preview — not Grafana');
  for (const id of Object.values(PANELS)) {
    await expect(panel(page, id)).not.toHaveAttribute('data-state', /loading|plugin-error|Error/, { timeout: 20_000 });
  }
  await expectStreaming(page, PANELS.speed);
  await expect(page.getByTestId('preview-plugin-error')).toHaveCount(0);
  await expect(page.locator('[role="alert"]')).toHaveCount(0);
  await page.waitForTimeout(1500); // let a few live updates draw
  await saveScreenshot(page, 'live-session', testInfo);
  // One picture per panel plugin, for its README.
  await saveScreenshot(panel(page, PANELS.trackMap), 'track-map', testInfo);
  await saveScreenshot(panel(page, PANELS.lapDelta), 'lap-delta', testInfo);
  await saveScreenshot(panel(page, PANELS.tyres), 'tyre-heatmap', testInfo);
  // The wrong-build fixtures on the plugins page fail on purpose, and say so on the console as Grafana does.
  expect(errors.filter((error) => !/^Plugin fixture-\w+-panel failed to load/.test(error))).toEqual([]);
});

const WRONG_BUILDS = [
  {
    id: 'fixture-bundledreact-panel',
    message: /bundles its own copy of React.*Mark them as externals/,
  },
  {
    id: 'fixture-noexport-panel',
    message: /has no "plugin" export \(it exports panel\)\. Grafana expects: export const plugin = new PanelPlugin/,
  },
  {
    id: 'fixture-unshareddep-panel',
    message: /depends on "rxjs\/webSocket", which Grafana does not provide to plugins/,
  },
];

test('plugins built wrong fail to load, each with a message that names the mistake', async ({ page }) => {
  await page.goto('/plugins');
  for (const { id, message } of WRONG_BUILDS) {
    const status = page.getByTestId(`plugin-status-${id}`);
    await expect(status, id).toHaveAttribute('data-state', 'failed');
    await expect(status, id).toContainText(`Plugin ${id} failed to load`);
    await expect(status, id).toContainText(message);
  }
});
