/**
 * The three packaged dashboards on an imported logger session: one car, no EV channels, laps from 0, cut at both
 * ends (an .ibt the test writes as a real one is, imported with `import` and served from the data directory). Every
 * panel answers; a panel shows data wherever the session has a channel it asks for, and names each one it lacks.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { writeIbt } from '../packages/reference-server/test/helpers/ibt-writer';
import { makeRealLog } from '../packages/reference-server/test/helpers/real-log';
import { collectConsoleErrors, ownServerPort, panel, ROOT, setDatasourceUrl } from './preview-helpers';

interface DashboardFile {
  uid: string;
  title: string;
  panels: Array<{
    id: number;
    type: string;
    title: string;
    targets?: Array<{ queryType?: string; mode?: string; lapChoice?: string; channels?: string[] }>;
  }>;
}

const dashboards = fs
  .readdirSync(path.join(ROOT, 'dashboards'))
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(fs.readFileSync(path.join(ROOT, 'dashboards', file), 'utf8')) as DashboardFile);

const SESSION = 'real-stint';
const CAR = '42'; // the test writer's session info
const CLI = path.join(ROOT, 'packages', 'reference-server', 'src', 'cli.ts');

test.describe.configure({ mode: 'serial' });

let dataDir = '';
let server: ChildProcess | undefined;
let providedUrl = '';
let channels: string[] = [];
let span = { startTime: 0, endTime: 0 };

/** A panel that charts history over the dashboard's time range (not laps). */
const byRange = (p: DashboardFile['panels'][number]) =>
  p.targets?.some((t) => t.queryType === 'telemetry' && t.mode === 'history' && (t.lapChoice ?? 'range') === 'range');

async function startServer(port: number): Promise<void> {
  const args = ['--import', 'tsx', CLI, 'serve', '--port', String(port), '--no-record', '--data-dir', dataDir];
  server = spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the reference server exited with ${server.exitCode}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the reference server on port ${port} did not answer /health within 30 s`);
}

test.beforeAll(async ({ request }, testInfo) => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-real-session-'));
  const file = path.join(dataDir, 'stint.ibt');
  writeIbt(file, makeRealLog({ lapSpeeds: [40, 42, 41, 43, 40] }));
  execFileSync(process.execPath, ['--import', 'tsx', CLI, 'import', file, '--data-dir', dataDir, '--id', SESSION], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const session = JSON.parse(fs.readFileSync(path.join(dataDir, 'sessions', SESSION, 'session.json'), 'utf8'));
  channels = session.channels.map((c: { name: string }) => c.name);
  span = { startTime: session.summary.startTime, endTime: session.summary.endTime };
  expect(span.endTime).toBeGreaterThan(span.startTime);
  expect(channels).not.toContain('battery_soc');
  const port = ownServerPort(testInfo, 20010);
  await startServer(port);
  providedUrl = await setDatasourceUrl(request, `ws://127.0.0.1:${port}`);
});

test.afterAll(async ({ request }: { request: APIRequestContext }) => {
  if (providedUrl) await setDatasourceUrl(request, providedUrl);
  server?.kill();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

for (const dashboard of dashboards) {
  test(`the ${dashboard.title} dashboard on an imported single-car session: data where it has it, and what it lacks`, async ({
    page,
  }) => {
    const errors = collectConsoleErrors(page);
    const ranged = dashboard.panels.filter(byRange);
    let range = '';
    if (ranged.length) {
      // The dashboard's own range (the last minutes) misses a stint recorded earlier: the chart says when it ran.
      await page.goto(`/d/${dashboard.uid}?var-session=${SESSION}&var-car=${CAR}`);
      for (const { id, title } of ranged) {
        await panel(page, id).scrollIntoViewIfNeeded();
        await expect(
          panel(page, id).getByLabel(new RegExp(`holds none of session ${SESSION}: it ran from .+ UTC to .+ UTC`)),
          `${title} says when the session ran`,
        ).toHaveCount(1, { timeout: 30_000 });
      }
      range = `&from=${Math.floor(span.startTime)}&to=${Math.ceil(span.endTime)}`;
    }
    await page.goto(`/d/${dashboard.uid}?var-session=${SESSION}&var-car=${CAR}${range}`);
    for (const { id, title, targets } of dashboard.panels) {
      if (!targets?.length) continue;
      const view = panel(page, id);
      await view.scrollIntoViewIfNeeded();
      await expect(view, title).toHaveAttribute('data-state', /Done|Streaming/, { timeout: 30_000 });
      // A channel variable ($channel) offers the session's own channels, so it is never one the session lacks.
      const named = targets.flatMap((t) => t.channels ?? []);
      const asked = named.filter((name) => !name.startsWith('$'));
      const lacking = [...new Set(asked.filter((name) => !channels.includes(name)))];
      const has =
        asked.some((name) => channels.includes(name)) ||
        named.length > asked.length ||
        targets.some((t) => t.queryType !== 'telemetry');
      if (has) {
        await expect
          .poll(async () => Number(await view.getAttribute('data-rows')), {
            message: `${title} shows the session's data`,
            timeout: 30_000,
          })
          .toBeGreaterThan(0);
      }
      for (const name of lacking) {
        await expect(
          view.getByLabel(new RegExp(`has no channel "${name}"`)),
          `${title} says it lacks ${name}`,
        ).toHaveCount(1);
      }
    }
    expect(errors).toEqual([]);
  });
}
