/**
 * The datasource's settings in server mode (preview, not Grafana): the health check's messages, switching the
 * connection mode on the datasource page, a secret token that never reaches the browser, and a plugin that cannot
 * start. Runs in the `preview-backend` project.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  collectConsoleErrors,
  DATASOURCE_UID,
  expectLiveValues,
  LIVE_DASHBOARD,
  ownServerPort,
  PANELS,
  panel,
  ROOT,
  TelemetryServer,
} from './preview-helpers';

test.describe.configure({ mode: 'serial' });

const SETTINGS = `/connections/datasources/edit/${DATASOURCE_UID}`;
const resultBox = (page: Page) => page.getByTestId('data-testid Data source settings page test result');

type Saved = Record<string, unknown> & { jsonData: Record<string, unknown> };

async function saved(request: APIRequestContext): Promise<Saved> {
  return (await request.get(`/api/datasources/uid/${DATASOURCE_UID}`)).json() as Promise<Saved>;
}

async function put(request: APIRequestContext, body: object): Promise<string> {
  const response = await request.put(`/api/datasources/uid/${DATASOURCE_UID}`, { data: body });
  expect(response.ok()).toBe(true);
  return response.text();
}

let original: Saved;
test.beforeAll(async ({ request }) => {
  original = await saved(request);
});
test.afterEach(async ({ request }) => {
  await put(request, { ...original, secureJsonData: { token: '' } });
});

test("Save & test shows the backend's health messages", async ({ page, request }) => {
  await page.goto(SETTINGS);
  await page.getByRole('button', { name: 'Save & test' }).click();
  await expect(resultBox(page)).toContainText('Connected to eRacing telemetry server', { timeout: 20_000 });

  await put(request, { ...original, jsonData: { ...original.jsonData, url: 'ws://127.0.0.1:9' } });
  await page.goto(SETTINGS);
  await page.getByRole('button', { name: 'Save & test' }).click();
  await expect(resultBox(page)).toContainText('Cannot reach ws://127.0.0.1:9', { timeout: 20_000 });
  await expect(resultBox(page)).toContainText("Grafana's server connects itself");
});

test('the datasource page switches the connection mode, and the dashboard follows it', async ({ page }) => {
  const sockets: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  await page.goto(SETTINGS);
  await page.getByRole('radio', { name: 'Browser, direct WebSocket' }).check({ force: true });
  await page.getByRole('button', { name: 'Save & test' }).click();
  await expect(resultBox(page)).toContainText(/connected/i, { timeout: 20_000 });
  await page.goto(LIVE_DASHBOARD);
  await expectLiveValues(page, PANELS.battery, '%');
  expect(sockets.some((url) => url.startsWith(String(original.jsonData.url)))).toBe(true);
  expect(sockets.some((url) => url.endsWith('/api/live/ws'))).toBe(false);

  sockets.length = 0;
  await page.goto(SETTINGS);
  await page.getByRole('radio', { name: 'Grafana server' }).check({ force: true });
  await page.getByRole('button', { name: 'Save & test' }).click();
  await expect(resultBox(page)).toContainText('Connected to eRacing telemetry server', { timeout: 20_000 });
  await page.goto(LIVE_DASHBOARD);
  await expectLiveValues(page, PANELS.battery, '%');
  expect(sockets.some((url) => url.endsWith('/api/live/ws'))).toBe(true);
  expect(sockets.some((url) => url.startsWith(String(original.jsonData.url)))).toBe(false);
});

test('the token never reaches the browser in server mode', async ({ browser, request }, testInfo) => {
  const token = `pit-wall-${Date.now().toString(36)}`;
  const server = new TelemetryServer(ownServerPort(testInfo, 18900), 6, token);
  await server.start();
  try {
    const answer = await put(request, {
      ...original,
      jsonData: { ...original.jsonData, url: server.url, mode: 'server' },
      secureJsonData: { token },
    });
    expect(answer).not.toContain(token);
    const stored = await saved(request);
    expect(stored.secureJsonFields).toEqual({ token: true });
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify(await (await request.get('/api/datasources')).json())).not.toContain(token);

    const page = await browser.newPage();
    const seen: string[] = [];
    page.on('request', (r) => seen.push(`${r.url()} ${JSON.stringify(r.headers())} ${r.postData() ?? ''}`));
    page.on('response', async (r) => seen.push(await r.text().catch(() => '')));
    page.on('websocket', (socket) => {
      socket.on('framesent', (frame) => seen.push(String(frame.payload)));
      socket.on('framereceived', (frame) => seen.push(String(frame.payload)));
    });
    await page.goto(LIVE_DASHBOARD);
    // It streams, so the backend sent the token to the server, which refuses a hello without it.
    await expectLiveValues(page, PANELS.battery, '%');
    await page.goto(SETTINGS);
    await page.getByRole('button', { name: 'Save & test' }).click();
    await expect(resultBox(page)).toContainText('Connected to eRacing telemetry server', { timeout: 20_000 });
    const windowState = await page.evaluate(() =>
      JSON.stringify({
        boot: (window as unknown as { grafanaBootData?: unknown }).grafanaBootData,
        html: document.documentElement.outerHTML,
        local: { ...localStorage },
        session: { ...sessionStorage },
      }),
    );
    expect(seen.length).toBeGreaterThan(20);
    expect(seen.filter((text) => text.includes(token))).toEqual([]);
    expect(windowState).not.toContain(token);
    await page.close();
  } finally {
    await server.kill();
  }
});

test('a backend that cannot start answers "Plugin unavailable", on the datasource page and in the panels', async ({
  browser,
}, testInfo) => {
  // An installed copy of the datasource whose executable fails as a broken build would: it exits at once.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'eracing-broken-backend-'));
  fs.cpSync(path.join(ROOT, 'datasource', 'dist'), folder, { recursive: true });
  for (const file of fs.readdirSync(folder).filter((f) => f.startsWith('gpx_'))) {
    fs.writeFileSync(path.join(folder, file), '#!/bin/sh\necho "not a plugin" >&2\nexit 3\n', { mode: 0o755 });
  }
  const port = ownServerPort(testInfo, 13890);
  const preview = spawn(
    process.execPath,
    ['--import', 'tsx', 'preview/server/main.ts', '--port', String(port), '--plugin', folder].concat([
      '--datasource-mode',
      'server',
      '--telemetry',
      String(original.jsonData.url),
    ]),
    { cwd: ROOT, stdio: 'ignore' },
  );
  try {
    const base = `http://127.0.0.1:${port}`;
    await expect
      .poll(
        async () =>
          (
            await fetch(`${base}/api/health`).then(
              (r) => r.json(),
              () => ({}),
            )
          ).backends,
        {
          timeout: 60_000,
        },
      )
      .toMatchObject({ 'eracing-telemetry-datasource': { state: 'failed' } });
    const query = await fetch(`${base}/api/ds/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ queries: [{ refId: 'A', datasource: { uid: DATASOURCE_UID }, queryType: 'laps' }] }),
    });
    expect(query.status).toBe(500);
    expect(await query.json()).toMatchObject({ message: 'Plugin unavailable', messageId: 'plugin.unavailable' });

    const page = await browser.newPage({ baseURL: base });
    collectConsoleErrors(page);
    await page.goto(SETTINGS);
    await expect(page.getByText('Plugin unavailable').first()).toBeVisible({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Save & test' }).click();
    await expect(resultBox(page)).toContainText('Plugin unavailable', { timeout: 20_000 });
    await page.goto(LIVE_DASHBOARD);
    await expect(panel(page, PANELS.speed)).toHaveAttribute('data-state', 'Error', { timeout: 30_000 });
    await expect(page.getByText('Speed, car')).toBeVisible();
    await page.close();
  } finally {
    preview.kill('SIGTERM');
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
