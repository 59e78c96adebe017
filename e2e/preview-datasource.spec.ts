/** The datasource's own config editor in the preview, and "Save & test" against a live and a dead server. */
import { expect, test } from '@playwright/test';

import { TEST_SERVER_PORT } from '../playwright.config';
import { DATASOURCE_UID, saveScreenshot, setDatasourceUrl } from './preview-helpers';

const SETTINGS_PAGE = `/connections/datasources/edit/${DATASOURCE_UID}`;
/** Nothing listens here: the reserved "discard" port. */
const DEAD_URL = 'ws://127.0.0.1:9';

test.describe.configure({ mode: 'serial' });

test.afterEach(async ({ request }) => {
  // Whatever a test saved, the next one starts from the provisioned server.
  await setDatasourceUrl(request, `ws://127.0.0.1:${TEST_SERVER_PORT}`);
});

test('Save & test passes against the reference server', async ({ page }, testInfo) => {
  await page.goto(SETTINGS_PAGE);
  await expect(page.locator('#eracing-server-url')).toHaveValue(`ws://127.0.0.1:${TEST_SERVER_PORT}`);
  await page.getByRole('button', { name: 'Save & test' }).click();
  await expect(page.getByTestId('data-testid Alert success')).toBeVisible({ timeout: 15_000 });
  await saveScreenshot(page, 'datasource-save-and-test', testInfo);
});

test('Save & test fails clearly against a port where no server listens', async ({ page }) => {
  await page.goto(SETTINGS_PAGE);
  await page.locator('#eracing-server-url').fill(DEAD_URL);
  await page.getByRole('button', { name: 'Save & test' }).click();
  const failure = page.getByTestId('data-testid Alert error');
  await expect(failure).toBeVisible({ timeout: 15_000 });
  await expect(failure).toContainText(DEAD_URL);

  // Saved: the settings page shows the dead address after a reload, as Grafana's does.
  await page.reload();
  await expect(page.locator('#eracing-server-url')).toHaveValue(DEAD_URL);
});
