/**
 * Importing the packaged dashboards as a user does in Grafana, in a preview of its own: a fresh one, with nothing
 * provisioned, the datasource plugin installed from a copy of its dist/ (so that a test can ship a new revision of a
 * dashboard), and two datasources: the provisioned default, pointed where no server listens, and a second one on a
 * live reference server. A dashboard that draws live data is bound to the second one.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  collectConsoleErrors,
  expectPanelRows,
  ownServerPort,
  panel,
  ROOT,
  saveDocImage,
  TelemetryServer,
} from './preview-helpers';

const DATASOURCE_TYPE = 'eracing-telemetry-datasource';
const SECOND = { uid: 'telemetry-second', name: 'Telemetry (second)' };
/** Nothing listens here: the reserved "discard" port. */
const DEAD_URL = 'ws://127.0.0.1:9';

interface DashboardFile {
  uid: string;
  title: string;
  revision: number;
  panels: Array<{ id: number; type: string; title: string; targets?: unknown[] }>;
  __requires: Array<{ type: string; id: string; name: string; version: string }>;
  [key: string]: unknown;
}

const packaged = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'datasource', 'src', 'plugin.json'), 'utf8')).includes as Array<{
    type: string;
    path: string;
  }>
)
  .filter((include) => include.type === 'dashboard')
  .map((include) => ({
    path: include.path,
    dashboard: JSON.parse(fs.readFileSync(path.join(ROOT, include.path), 'utf8')) as DashboardFile,
  }));

test.describe.configure({ mode: 'serial' });

let telemetry: TelemetryServer;
let preview: ChildProcess | undefined;
let baseURL = '';
let folder = '';
/** The installed copy of the datasource plugin, whose dashboards a test may change. */
let installedPlugin = '';

async function startPreview(port: number, build: string): Promise<ChildProcess> {
  const provisioned = path.join(folder, 'provisioned-dashboards');
  fs.mkdirSync(provisioned);
  const args = ['--import', 'tsx', path.join(ROOT, 'preview', 'server', 'main.ts'), '--port', String(port)];
  args.push('--build', build, '--telemetry', DEAD_URL, '--plugin', installedPlugin);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, PREVIEW_DASHBOARDS: provisioned },
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the preview exited with ${child.exitCode}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the preview on port ${port} did not answer /api/health within 30 s`);
}

test.beforeAll(async ({ playwright }, testInfo) => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-import-'));
  installedPlugin = path.join(folder, 'plugins', DATASOURCE_TYPE);
  fs.cpSync(path.join(ROOT, 'datasource', 'dist'), installedPlugin, { recursive: true });
  telemetry = new TelemetryServer(ownServerPort(testInfo, 18880));
  await telemetry.start();
  const port = ownServerPort(testInfo, 13880);
  preview = await startPreview(port, testInfo.project.name === 'preview-compat' ? 'compat' : 'main');
  baseURL = `http://127.0.0.1:${port}`;
  const request = await playwright.request.newContext({ baseURL });
  const created = await request.post('/api/datasources', {
    data: { ...SECOND, type: DATASOURCE_TYPE, access: 'proxy', jsonData: { url: telemetry.url } },
  });
  expect(created.ok(), await created.text()).toBe(true);
  await request.dispose();
});

test.afterAll(async () => {
  preview?.kill();
  await telemetry?.kill();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

async function openPage(page: Page, route: string): Promise<string[]> {
  const errors = collectConsoleErrors(page);
  await page.goto(baseURL + route);
  return errors;
}

function dashboardRow(page: Page, uid: string) {
  return page.getByTestId(`preview-plugin-dashboard-${uid}`);
}

/** Every panel with queries reaches data, and the `ds` variable is the datasource the dashboard was bound to. */
async function expectRendersFrom(page: Page, dashboard: DashboardFile, datasourceName: string): Promise<void> {
  await expect(page.getByTestId('preview-variable-ds')).toContainText(datasourceName, { timeout: 20_000 });
  for (const { id, title, targets } of dashboard.panels) {
    if (!targets?.length) continue;
    const view = panel(page, id);
    await view.scrollIntoViewIfNeeded();
    await expectPanelRows(view, title);
  }
}

async function savedDashboard(request: APIRequestContext, uid: string) {
  const response = await request.get(`${baseURL}/api/dashboards/uid/${uid}`);
  expect(response.ok(), `GET /api/dashboards/uid/${uid}`).toBe(true);
  return (await response.json()).dashboard as DashboardFile & { templating: { list: Array<Record<string, unknown>> } };
}

test('the Dashboards tab of a second datasource imports each packaged dashboard, bound to that datasource', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const errors = await openPage(page, `/connections/datasources/edit/${SECOND.uid}/dashboards`);
  await expect(page.getByRole('tab', { name: 'Dashboards' })).toHaveAttribute('aria-selected', 'true');
  for (const { dashboard } of packaged) {
    const row = dashboardRow(page, dashboard.uid);
    await expect(row).toContainText(dashboard.title);
    await expect(row).toContainText(`revision ${dashboard.revision}`);
    await row.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByTestId('preview-dashboards-notice')).toContainText('Dashboard Imported');
    await expect(row).toHaveAttribute('data-imported', 'true');
    await expect(row.getByRole('button', { name: 'Re-import' })).toBeVisible();
    await expect(row.getByRole('link', { name: dashboard.title })).toBeVisible();
  }

  for (const { dashboard } of packaged) {
    const saved = await savedDashboard(request, dashboard.uid);
    expect(saved.templating.list.find((variable) => variable.name === 'ds')?.current).toEqual({
      text: SECOND.name,
      value: SECOND.name,
    });
    expect(saved).not.toHaveProperty('__inputs');

    await page.goto(`${baseURL}/connections/datasources/edit/${SECOND.uid}/dashboards`);
    await dashboardRow(page, dashboard.uid).getByRole('link', { name: dashboard.title }).click();
    await expect(page).toHaveURL(new RegExp(`/d/${dashboard.uid}/`));
    await expectRendersFrom(page, dashboard, SECOND.name);
  }

  await page.goto(`${baseURL}/dashboards`);
  for (const { dashboard } of packaged) {
    await expect(page.getByTestId(`preview-dashboard-card-${dashboard.uid}`)).toContainText(
      `imported from the plugin ${DATASOURCE_TYPE}`,
    );
  }
  expect(errors).toEqual([]);
});

test('a newer packaged revision offers Update, and updating keeps the datasource binding', async ({
  page,
  request,
}, testInfo) => {
  const { path: file, dashboard } = packaged[1];
  const shipped: DashboardFile = { ...dashboard, revision: dashboard.revision + 1, description: 'Revision two.' };
  fs.writeFileSync(path.join(installedPlugin, file), JSON.stringify(shipped, null, 2));

  await openPage(page, `/connections/datasources/edit/${SECOND.uid}/dashboards`);
  const row = dashboardRow(page, dashboard.uid);
  await expect(row).toContainText(`revision ${shipped.revision} packaged, revision ${dashboard.revision} imported`);
  const picture = await page.screenshot({ animations: 'disabled', clip: { x: 0, y: 0, width: 1000, height: 310 } });
  await testInfo.attach('datasource-dashboards-tab', { body: picture, contentType: 'image/png' });
  await saveDocImage('datasource/src/img/dashboards-tab.png', testInfo, () => picture);
  await row.getByRole('button', { name: 'Update' }).click();
  await expect(page.getByTestId('preview-dashboards-notice')).toContainText('Dashboard Imported');
  await expect(row).toContainText(`revision ${shipped.revision}, imported`);
  await expect(row.getByRole('button', { name: 'Re-import' })).toBeVisible();

  const saved = await savedDashboard(request, dashboard.uid);
  expect(saved.revision).toBe(shipped.revision);
  expect(saved.description).toBe('Revision two.');
  expect(saved.templating.list.find((variable) => variable.name === 'ds')?.current).toMatchObject({
    value: SECOND.name,
  });
});

test('Remove deletes the imported dashboard; the tab offers Import again', async ({ page, request }) => {
  const { dashboard } = packaged[2];
  await openPage(page, `/connections/datasources/edit/${SECOND.uid}/dashboards`);
  const row = dashboardRow(page, dashboard.uid);
  await row.getByRole('button', { name: `Remove ${dashboard.title}` }).click();
  await expect(page.getByTestId('preview-dashboards-notice')).toContainText('Dashboard Deleted');
  await expect(row).toHaveAttribute('data-imported', 'false');
  await expect(row.getByRole('button', { name: 'Import' })).toBeVisible();
  expect((await request.get(`${baseURL}/api/dashboards/uid/${dashboard.uid}`)).status()).toBe(404);
});

test('a dashboard JSON downloaded from the repository imports through the import page', async ({ page }, testInfo) => {
  const { path: file, dashboard } = packaged[0];
  const download = testInfo.outputPath(path.basename(file));
  fs.copyFileSync(path.join(ROOT, file), download);

  const errors = await openPage(page, '/dashboard/import');
  await page.locator('input[type="file"]').setInputFiles(download);
  await expect(page.locator('#import-title')).toHaveValue(dashboard.title);
  await expect(page.getByTestId('preview-import-missing-plugins')).toHaveCount(0);
  // The input starts on the default datasource; this one is bound to the second.
  await page.locator('#import-input-DS_ERACING_TELEMETRY').click();
  await page.getByRole('option', { name: SECOND.name }).click();
  await page.locator('#import-uid').fill('live-from-a-file');
  await page.locator('#import-title').fill(`${dashboard.title} (from a file)`);
  await page.getByRole('button', { name: 'Import', exact: true }).click();

  await expect(page).toHaveURL(/\/d\/live-from-a-file\//);
  await expect(page.getByText(`${dashboard.title} (from a file)`).first()).toBeVisible();
  // Its first two panels are enough to show it draws live data from the datasource chosen; the Dashboards tab's
  // test has checked every panel of every dashboard.
  await expectRendersFrom(page, { ...dashboard, panels: dashboard.panels.slice(0, 2) }, SECOND.name);
  expect(errors).toEqual([]);
});

test('importing a dashboard again under its uid asks to overwrite', async ({ page }) => {
  await openPage(page, '/dashboard/import');
  await page.locator('#import-json').fill(fs.readFileSync(path.join(ROOT, packaged[0].path), 'utf8'));
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await page.locator('#import-uid').fill('live-from-a-file');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('preview-import-error')).toContainText('A dashboard with the same uid already exists');
  await page.getByRole('button', { name: 'Import (Overwrite)' }).click();
  await expect(page).toHaveURL(/\/d\/live-from-a-file\//);
});

test('a dashboard whose plugins are missing is named before import', async ({ page }) => {
  const { dashboard } = packaged[2];
  const foreign = {
    ...dashboard,
    uid: 'needs-other-plugins',
    __inputs: [
      ...((dashboard.__inputs as unknown[]) ?? []),
      { name: 'DS_INFLUXDB', label: 'InfluxDB', type: 'datasource', pluginId: 'influxdb', pluginName: 'InfluxDB' },
    ],
    __requires: [
      ...dashboard.__requires,
      { type: 'panel', id: 'acme-windrose-panel', name: 'Wind rose', version: '2.0.0' },
      { type: 'datasource', id: 'influxdb', name: 'InfluxDB', version: '1.0.0' },
    ],
    panels: [
      ...dashboard.panels,
      { id: 99, type: 'acme-windrose-panel', title: 'Wind', gridPos: { x: 0, y: 40, w: 8, h: 8 } },
    ],
  };
  await openPage(page, '/dashboard/import');
  await page.locator('#import-json').fill(JSON.stringify(foreign));
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  const missing = page.getByTestId('preview-import-missing-plugins');
  await expect(missing).toContainText('Wind rose (acme-windrose-panel 2.0.0)');
  await expect(missing).toContainText('InfluxDB (influxdb 1.0.0)');
  await expect(missing).not.toContainText('eRacing');
  await expect(page.getByText('No data sources of type InfluxDB found').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();

  await page.locator('#import-json').fill('{"title": "broken",');
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(page.getByTestId('preview-import-error')).toContainText('Not valid JSON');
});
