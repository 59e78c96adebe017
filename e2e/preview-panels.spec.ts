/** How panels of one dashboard share the cursor (graphTooltip 1: shared crosshair), as in Grafana. */
import { expect, test } from '@playwright/test';

import { expectStreaming, hoverPlot, LIVE_DASHBOARD, panel, PANELS, saveScreenshot } from './preview-helpers';

test('hovering one panel shows the cursor in the others', async ({ page }, testInfo) => {
  await page.goto(LIVE_DASHBOARD);
  await expectStreaming(page, PANELS.speed);
  await expectStreaming(page, PANELS.throttleBrake);
  const otherCursor = panel(page, PANELS.throttleBrake).locator('.u-cursor-x');
  await expect(otherCursor).toHaveClass(/u-off/);

  const plot = panel(page, PANELS.speed).locator('.u-over');
  await hoverPlot(plot, 200, 60);

  // The other time series draws its crosshair (uPlot's cursor sync)…
  await expect(otherCursor).not.toHaveClass(/u-off/);
  // …and the plugin panels receive the hover on their event bus (DataHoverEvent), to draw their own cursor.
  for (const id of [PANELS.trackMap, PANELS.tyres, PANELS.lapDelta]) {
    await expect(panel(page, id), `panel ${id}`).toHaveAttribute('data-shared-hover', /^\d+$/);
  }
  await saveScreenshot(page, 'shared-cursor', testInfo);

  await page.mouse.move(5, 5);
  await expect(otherCursor).toHaveClass(/u-off/);
});
