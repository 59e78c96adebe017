/**
 * The lap comparison against a lap of another car and a lap from another session: a server with the running
 * (simulated) session and a recorded practice session of the same track and cars (the frames fixture). The
 * dashboard offers both references, and the lap delta compares the car's lap with them.
 */
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  collectConsoleErrors,
  ownServerPort,
  panel,
  ROOT,
  saveScreenshot,
  setDatasourceUrl,
  TelemetryServer,
} from './preview-helpers';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'frames-session', 'data');
/** The fixture's practice session and its car 1's first timed lap (its laps count from 0, lap 0 being the out-lap). */
const OTHER_SESSION = 'fixture-fp1';
const LAP_DELTA = 1;

test.describe.configure({ mode: 'serial' });

let dataDir = '';
let server: TelemetryServer | undefined;
let providedUrl = '';

test.beforeAll(async ({ request }, testInfo) => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-references-'));
  fs.cpSync(FIXTURE, dataDir, { recursive: true });
  server = new TelemetryServer(ownServerPort(testInfo, 20020), 6, undefined, dataDir);
  await server.start();
  providedUrl = await setDatasourceUrl(request, server.url);
});

test.afterAll(async ({ request }) => {
  if (providedUrl) await setDatasourceUrl(request, providedUrl);
  await server?.kill();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the lap comparison offers a lap from another session as the reference', async ({ page }) => {
  await page.goto('/d/eracing-lap-comparison');
  const reference = page.getByTestId('preview-variable-reference');
  await expect(reference).toBeVisible({ timeout: 20_000 });
  await reference.getByRole('combobox').click();
  await expect(page.getByRole('option', { name: 'Lap from another session' })).toBeVisible();
  await page.keyboard.press('Escape');
  // The reference session lists both sessions, the running one first (the default, as for "Chosen lap").
  const sessions = page.getByTestId('preview-variable-refsession');
  await expect(sessions).toBeVisible();
  await sessions.getByRole('combobox').click();
  await expect(page.getByRole('option', { name: /Fixture practice 1/ })).toBeVisible();
  await page.keyboard.press('Escape');
});

test('the lap delta compares the car’s lap with a chosen lap of another car, in the running session by default', async ({
  page,
}) => {
  const errors = collectConsoleErrors(page);
  await page.goto('/d/eracing-lap-comparison?var-car=1&var-lap=4&var-reference=car-lap&var-refcar=22&var-reflap=3');
  const view = panel(page, LAP_DELTA);
  const legend = view.getByTestId('lap-delta-legend');
  await expect(legend).toContainText('vs Car 22 · lap 3 (reference)', { timeout: 30_000 });
  await expect(legend).toContainText('Car 1 · lap 4');
  await expect(view).not.toContainText('Reference lap missing');
  const sectors = view.getByTestId('lap-delta-sectors');
  await expect(sectors).toContainText('Car 22 · lap 3', { timeout: 20_000 });
  await expect(sectors).toContainText('Car 1 · lap 4');
  expect(errors).toEqual([]);
});

test('the lap delta compares the running session’s lap with a lap of the recorded practice session', async ({
  page,
}, testInfo) => {
  const errors = collectConsoleErrors(page);
  await page.goto(
    `/d/eracing-lap-comparison?var-car=1&var-reference=session-lap&var-refsession=${OTHER_SESSION}` +
      '&var-refcar=1&var-reflap=1',
  );
  const view = panel(page, LAP_DELTA);
  const legend = view.getByTestId('lap-delta-legend');
  // Two sessions in one view: each lap is named with its car and session.
  await expect(legend).toContainText(`vs Car 1 · lap 1 (${OTHER_SESSION}) (reference)`, { timeout: 30_000 });
  await expect(view).not.toContainText('Reference lap missing');
  // The recorded session is over and its lap 1 is a whole, valid lap: not "running", not flagged.
  await expect(legend).not.toContainText('running');
  await expect(view.getByTestId('lap-delta-invalid-reference')).toHaveCount(0);
  // A delta at the end of the lap: the two laps were driven on the same track, a few seconds apart at most.
  const delta = await legend.locator('span').first().textContent();
  const seconds = Number(/([+−-]\d+\.\d{3}) s/.exec(delta ?? '')?.[1].replace('−', '-'));
  expect(Number.isFinite(seconds), `a delta in "${delta}"`).toBe(true);
  expect(Math.abs(seconds)).toBeLessThan(10);
  // The sector table has the reference's sector times from the other session.
  await expect(view.getByTestId('lap-delta-sectors')).toContainText(`lap 1 (${OTHER_SESSION})`, { timeout: 20_000 });
  // The practice session was logged without steering: the panel says so and compares the other channels.
  await expect(view.getByTestId('preview-panel-notice')).toHaveAttribute(
    'data-text',
    `Session ${OTHER_SESSION} has no channel "steering"; the other channels are shown without it.`,
  );
  await saveScreenshot(view, 'reference-from-another-session', testInfo);
  expect(errors).toEqual([]);
});
