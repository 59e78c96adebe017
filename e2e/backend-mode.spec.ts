/**
 * The datasource in "Grafana server" mode in the preview (not Grafana): its Go backend started from dist/ as Grafana
 * starts it, Grafana's HTTP API for queries, health and resources, and Grafana Live fan-out. Runs in the
 * `preview-backend` project, a preview whose provisioned datasource is in server mode.
 */
import { expect, test, type Page, type WebSocket as PageSocket } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

import {
  collectConsoleErrors,
  DATASOURCE_UID,
  expectLiveValues,
  expectPanelRows,
  LIVE_DASHBOARD,
  panel,
  PANELS,
  plotPicture,
  ROOT,
} from './preview-helpers';

test.describe.configure({ mode: 'serial' });

interface DashboardFile {
  uid: string;
  title: string;
  panels: Array<{ id: number; title: string; targets?: unknown[] }>;
}

interface LiveStats {
  connections: number;
  channels: Array<{ channel: string; subscribers: number; running: boolean; runs: number; packets: number }>;
}

const dashboards = ['live-session.json', 'lap-comparison.json', 'tyres-brakes.json'].map(
  (file) => JSON.parse(fs.readFileSync(path.join(ROOT, 'dashboards', file), 'utf8')) as DashboardFile,
);

/** Every WebSocket the page opens, by URL. */
function collectSockets(page: Page): PageSocket[] {
  const sockets: PageSocket[] = [];
  page.on('websocket', (socket) => sockets.push(socket));
  return sockets;
}

async function liveStats(page: Page): Promise<LiveStats> {
  return (await page.request.get('/api/live/stats')).json() as Promise<LiveStats>;
}

test('the backend runs as Grafana runs it, and the provisioned datasource uses it', async ({ request }) => {
  // On a fresh clone the preview builds its plugin host (Go) first: wait for the start, whatever it gives.
  test.setTimeout(240_000);
  const backendStatus = async () =>
    (await (await request.get('/api/health')).json()).backends['eracing-telemetry-datasource'];
  await expect.poll(async () => (await backendStatus()).state, { timeout: 220_000 }).not.toBe('starting');
  const backend = await backendStatus();
  expect(backend).toMatchObject({ state: 'running' });
  const saved = await (await request.get(`/api/datasources/uid/${DATASOURCE_UID}`)).json();
  expect(saved.jsonData.mode).toBe('server');
  if (process.platform === 'linux') {
    // The process is the dist/ executable, with Grafana's magic cookie and protocol version in its environment.
    const exe = fs.readlinkSync(`/proc/${backend.pid}/exe`);
    expect(exe).toBe(path.join(ROOT, 'datasource', 'dist', 'gpx_eracing_telemetry_linux_amd64'));
    const environ = fs.readFileSync(`/proc/${backend.pid}/environ`, 'utf8').split('\0');
    expect(environ).toEqual(expect.arrayContaining(['grafana_plugin_type=datasource', 'PLUGIN_PROTOCOL_VERSIONS=2']));
  } else {
    console.log(`ⓘ Skipped the /proc checks of the plugin process: ${process.platform} has no /proc`);
  }
});

test("Grafana's API: a failed query answers 400 with the error in its result; health and resources", async ({
  request,
}) => {
  const query = (session: string) =>
    request.post('/api/ds/query', {
      data: {
        from: String(Date.now() - 60_000),
        to: String(Date.now()),
        queries: [{ refId: 'A', datasource: { uid: DATASOURCE_UID }, queryType: 'laps', session }],
      },
    });
  const good = await query('live');
  expect(good.status()).toBe(200);
  expect((await good.json()).results.A.frames.length).toBeGreaterThan(0);
  const bad = await query('no-such-session');
  expect(bad.status()).toBe(400);
  expect((await bad.json()).results.A.error).toContain('no-such-session');

  const health = await request.get(`/api/datasources/uid/${DATASOURCE_UID}/health`);
  expect(health.status()).toBe(200);
  expect((await health.json()).status).toBe('OK');
  const cars = await request.get(`/api/datasources/uid/${DATASOURCE_UID}/resources/cars?session=live`);
  expect(cars.status()).toBe(200);
  expect((await cars.json()).length).toBe(6);
  const unknown = await request.get('/api/datasources/uid/no-such-datasource/health');
  expect(unknown.status()).toBe(404);
});

for (const dashboard of dashboards) {
  test(`the ${dashboard.title} dashboard renders every panel with data through the backend`, async ({ page }) => {
    const errors = collectConsoleErrors(page);
    const sockets = collectSockets(page);
    const queries: string[] = [];
    const failed: string[] = [];
    page.on('request', (r) => r.url().includes('/api/ds/query') && queries.push(r.url()));
    page.on('response', async (r) => {
      if (!r.url().includes('/api/ds/query') || r.status() < 400) return;
      const body = (await r.json().catch(() => ({}))) as { results?: Record<string, { error?: string }> };
      for (const result of Object.values(body.results ?? {})) if (result.error) failed.push(result.error);
    });
    await page.goto(`/d/${dashboard.uid}`);
    for (const { id, title, targets } of dashboard.panels) {
      if (!targets?.length) continue;
      const view = panel(page, id);
      // The tyre panel's 20 live channels too: their channel list fits Grafana Live's 160-character channel name.
      await expectPanelRows(view, title);
    }
    expect(failed, 'no query fails').toEqual([]);
    expect(errors).toEqual([]);
    expect(queries.length, 'queries go to /api/ds/query').toBeGreaterThan(0);
    // The browser never opens the telemetry server's WebSocket: at most the tab's one Grafana Live socket.
    const urls = sockets.map((socket) => new URL(socket.url()).pathname);
    expect(urls.every((url) => url === '/api/live/ws')).toBe(true);
    expect(urls.length).toBeLessThanOrEqual(1);
  });
}

test('the live dashboard streams through Grafana Live: one RunStream per channel for two tabs', async ({
  browser,
  request,
}) => {
  const pages = [await browser.newPage(), await browser.newPage()];
  const errors = pages.map((p) => collectConsoleErrors(p));
  for (const p of pages) {
    await p.goto(LIVE_DASHBOARD);
    await expectLiveValues(p, PANELS.battery, '%');
  }
  const first = await plotPicture(pages[0], PANELS.battery);
  await expect
    .poll(async () => !(await plotPicture(pages[0], PANELS.battery)).equals(first), { timeout: 10_000 })
    .toBe(true);
  await expect
    .poll(
      async () => {
        const stats = await liveStats(pages[0]);
        return stats.channels.length > 0 && stats.channels.every((c) => c.subscribers === 2 && c.runs === 1);
      },
      { message: 'every channel has both tabs and one RunStream', timeout: 15_000 },
    )
    .toBe(true);
  const stats = await liveStats(pages[0]);
  expect(stats.connections).toBe(2);
  expect(stats.channels.every((c) => c.channel.startsWith(`ds/${DATASOURCE_UID}/`) && c.packets > 0)).toBe(true);

  await pages[1].close();
  await expect
    .poll(async () => (await liveStats(pages[0])).channels.every((c) => c.subscribers === 1), { timeout: 10_000 })
    .toBe(true);
  await pages[0].close();
  // Stopped a few seconds (2 s in the tests) after the last subscriber leaves, as Grafana does after about 15 s.
  await expect
    .poll(async () => (await request.get('/api/live/stats')).json(), { timeout: 10_000 })
    .toMatchObject({ channels: [] });
  expect(errors.flat()).toEqual([]);
});

test('variables come from the backend through resources', async ({ page }) => {
  const resources: string[] = [];
  page.on('request', (r) => r.url().includes('/resources/') && resources.push(new URL(r.url()).pathname));
  await page.goto(LIVE_DASHBOARD);
  await expectLiveValues(page, PANELS.battery, '%');
  expect(resources).toContain(`/api/datasources/uid/${DATASOURCE_UID}/resources/variable`);
  // Longer than the backend's past-range margin (10 s) after the page evaluated "now-5m to now": a variable change
  // runs the queries on the range evaluated again, as Grafana does, so the backend still sees a live range.
  await page.waitForTimeout(11_000);
  await page.locator('#var-car').click();
  const options = page.getByRole('option');
  await expect(options).toHaveCount(6);
  await options.filter({ hasText: /^7 — / }).click();
  await expect(page).toHaveURL(/var-car=7/);
  await expect(page.getByText('Speed, car 7')).toBeVisible();
  await expectLiveValues(page, PANELS.speed, /\d/);
});
