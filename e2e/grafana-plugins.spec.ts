/**
 * Real Grafana, with @grafana/plugin-e2e: runs only when GRAFANA_URL is set (e.g. `npm run grafana`, then
 * GRAFANA_URL=http://localhost:3000 GRAFANA_ADMIN_PASSWORD=… npx playwright test --project grafana).
 * The project exists only then (playwright.config.ts says why when it does not).
 */
import { expect, test } from '@grafana/plugin-e2e';

const DATASOURCE_UID = 'eracing-telemetry';
const LIVE_DASHBOARD = 'eracing-live-session';

test('the telemetry datasource passes Save & test in Grafana', async ({ gotoDataSourceConfigPage }) => {
  const configPage = await gotoDataSourceConfigPage(DATASOURCE_UID);
  // A frontend datasource tests itself in the browser: the result is the alert, not a health request.
  await configPage.getByGrafanaSelector(configPage.ctx.selectors.pages.DataSource.saveAndTest).click();
  await expect(configPage).toHaveAlert('success');
});

test('the provisioned live session dashboard loads its panels without errors', async ({ gotoDashboardPage }) => {
  const dashboardPage = await gotoDashboardPage({ uid: LIVE_DASHBOARD });
  for (const title of ['Track map', 'Battery state of charge', 'Laps']) {
    const panel = dashboardPage.getPanelByTitle(title);
    await expect(panel.locator, title).toBeVisible();
    await expect(panel.getErrorIcon(), title).toHaveCount(0);
  }
});
