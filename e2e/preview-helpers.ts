/** What the preview browser tests share: a reference server of their own, the datasource's URL, screenshots. */
import { expect, type APIRequestContext, type Browser, type Locator, type Page, type TestInfo } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PORT_OFFSET } from '../playwright.config';

export const ROOT = path.resolve(__dirname, '..');
export const LIVE_DASHBOARD = '/d/eracing-live-session';
export const DATASOURCE_UID = 'eracing-telemetry';
export const PANELS = {
  speed: 1,
  trackMap: 2,
  carNow: 3,
  throttleBrake: 4,
  laps: 5,
  tyres: 6,
  lapDelta: 7,
  battery: 8,
};
export const PLUGIN_IDS = [
  'eracing-telemetry-datasource',
  'eracing-trackmap-panel',
  'eracing-lapdelta-panel',
  'eracing-tyreheatmap-panel',
];

/** A reference server run by one test file, which may pause, kill and restart it. */
export class TelemetryServer {
  private child?: ChildProcess;
  // The race is a function of seed and session start: a restarted server continues the same session.
  private readonly sessionStart = Date.now() - 20 * 60 * 1000;

  constructor(
    readonly port: number,
    private readonly cars = 6,
    /** Clients must send it in their hello. */
    private readonly token?: string,
    /** Serves the recorded sessions of this data directory beside the simulated one. */
    private readonly dataDir?: string,
  ) {}

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const cli = path.join(ROOT, 'packages', 'reference-server', 'src', 'cli.ts');
    const args = ['--import', 'tsx', cli, 'serve', '--port', String(this.port), '--no-record'];
    args.push('--cars', String(this.cars), '--seed', '7', '--session-start', String(this.sessionStart));
    if (this.token) args.push('--token', this.token);
    if (this.dataDir) args.push('--data-dir', this.dataDir);
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
    this.child = child;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the reference server exited with ${child.exitCode}`);
      const healthy = await fetch(`http://127.0.0.1:${this.port}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (healthy) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the reference server on port ${this.port} did not answer /health within 30 s`);
  }

  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** Kills the server without letting it say goodbye, as a crash would. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGCONT');
    child.kill('SIGKILL');
    await exited;
  }
}

/** Saves `url` as the provisioned datasource's server URL through the preview's datasource API; returns the old one. */
export async function setDatasourceUrl(request: APIRequestContext, url: string): Promise<string> {
  const saved = await (await request.get(`/api/datasources/uid/${DATASOURCE_UID}`)).json();
  const response = await request.put(`/api/datasources/uid/${DATASOURCE_UID}`, {
    data: { ...saved, jsonData: { ...saved.jsonData, url } },
  });
  expect(response.ok()).toBe(true);
  return saved.jsonData.url;
}

/** Every console error and uncaught exception of the page, from now on. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

export function panel(page: Page, id: number): Locator {
  return page.getByTestId(`preview-panel-${id}`);
}

/** A step between samples this long is a gap a chart shows (the live battery channel runs at 5 Hz). */
export const GAP_MS = 1000;

/**
 * The longest step (ms) between consecutive samples over the newest 10 s of each of the panel's frames: a stream
 * that lost samples shows a step as long as what it lost.
 */
export async function longestRecentStep(page: Page, id: number): Promise<number> {
  const step = await panel(page, id).getAttribute('data-longest-recent-step');
  if (step === null)
    throw new Error(`panel ${id} has no data-longest-recent-step: is the preview built from this tree?`);
  return Number(step);
}

/**
 * Runs `outage` (a telemetry server killed and started again, returning once the panel shows live values again)
 * and checks that the panel's chart has no gap for it: samples stream at their period before, and after it the
 * longest recent step is still under GAP_MS although the outage lasted more than twice that.
 */
export async function expectNoGapAcross(page: Page, id: number, outage: () => Promise<void>): Promise<void> {
  const longestStep = () => longestRecentStep(page, id);
  await expect
    .poll(longestStep, { message: 'samples stream 200 ms apart before the outage', timeout: 20_000 })
    .toBeLessThan(GAP_MS);
  const startedAt = Date.now();
  await outage();
  const lasted = Date.now() - startedAt;
  expect(lasted).toBeGreaterThan(2 * GAP_MS);
  expect(lasted, 'the outage is inside the 10 s the step is measured over').toBeLessThan(8_000);
  expect(await longestStep(), 'the longest step between samples after the outage (ms)').toBeLessThan(GAP_MS);
}

/** Waits until the panel has answered (done or streaming) and shows at least one row of data. */
export async function expectPanelRows(view: Locator, title: string, timeout = 30_000): Promise<void> {
  await expect(view, title).toHaveAttribute('data-state', /Done|Streaming/, { timeout });
  await expect
    .poll(async () => Number(await view.getAttribute('data-rows')), { message: `${title} has rows`, timeout })
    .toBeGreaterThan(0);
}

/** Waits until the panel's data streams (its query answered and stays open). */
export async function expectStreaming(page: Page, id: number, timeout = 20_000): Promise<void> {
  await expect(panel(page, id)).toHaveAttribute('data-state', 'Streaming', { timeout });
}

/** Waits until the panel's data streams and its first values are drawn (a live query may open empty). */
export async function expectLiveValues(page: Page, id: number, text: string | RegExp, timeout = 20_000): Promise<void> {
  await expectStreaming(page, id, timeout);
  await expect(plotRegion(page, id)).toContainText(text, { timeout });
}

/**
 * Hovers a uPlot plot at `x` (and `x + 20`), `y` in its own pixels, as a user would: with the page already still.
 * Grafana's tooltip dismisses itself, and publishes DataHoverClearEvent, on any scroll of an element around the
 * plot; Playwright's hover (and an element screenshot) scrolls its target into view, and that scroll event can land
 * after the pointer. So scroll first, let the event pass, then move the pointer twice (the plot may be rebuilt while
 * the first frames arrive). A test that takes element screenshots while hovering needs a page that never scrolls.
 */
export async function hoverPlot(plot: Locator, x: number, y: number): Promise<void> {
  await plot.scrollIntoViewIfNeeded();
  await plot.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
  await plot.hover({ position: { x, y } });
  await plot.hover({ position: { x: x + 20, y } });
}

/** The plot of a panel, without its header (whose streaming indicator may blink). */
export function plotRegion(page: Page, id: number): Locator {
  return panel(page, id).getByTestId('data-testid panel content');
}

/** A still picture of a panel's plot region (animations stopped), to compare with another. */
export function plotPicture(page: Page, id: number): Promise<Buffer> {
  return plotRegion(page, id).screenshot({ animations: 'disabled' });
}

/** Saves a screenshot as a test artifact; with PREVIEW_DOC_SCREENSHOTS=1 (main build only) also into docs/screenshots. */
export async function saveScreenshot(target: Page | Locator, name: string, testInfo: TestInfo): Promise<Buffer> {
  const file = testInfo.outputPath(`${name}.png`);
  const image = await target.screenshot({ path: file, animations: 'disabled' });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
  if (process.env.PREVIEW_DOC_SCREENSHOTS === '1' && testInfo.project.name === 'preview') {
    const docs = path.join(ROOT, 'docs', 'screenshots');
    fs.mkdirSync(docs, { recursive: true });
    fs.copyFileSync(file, path.join(docs, `${name}.png`));
  }
  return image;
}

/**
 * With PREVIEW_DOC_SCREENSHOTS=1 (main build only), takes `image` and writes it as the screenshot a panel's README
 * shows: `panels/<folder>/src/img/screenshot.png`, which the build copies into the plugin. Otherwise takes nothing.
 */
export async function saveReadmeScreenshot(
  folder: string,
  testInfo: TestInfo,
  image: () => Buffer | Promise<Buffer>,
): Promise<void> {
  await saveDocImage(path.join('panels', folder, 'src', 'img', 'screenshot.png'), testInfo, image);
}

/** A port for a test file's own reference server, different per project so the two builds never share one. */
export function ownServerPort(testInfo: TestInfo, base: number): number {
  const shift: Record<string, number> = { 'preview-compat': 1, 'preview-backend': 2 };
  return base + PORT_OFFSET + (shift[testInfo.project.name] ?? 0);
}

/** A page fed by a reference server of its own: the datasource points at that server until `close` restores it. */
export interface OwnServerPage {
  server: TelemetryServer;
  page: Page;
  /** Console errors and uncaught exceptions of the page since it opened. */
  errors: string[];
  close(request: APIRequestContext): Promise<void>;
}

/**
 * For a test file's beforeAll: starts its own reference server on `ownServerPort(base)`, points the datasource at it
 * and opens `path` in a new page (of the project's viewport unless given); `close` (for afterAll) undoes all three.
 */
export async function openWithOwnServer(
  browser: Browser,
  request: APIRequestContext,
  testInfo: TestInfo,
  base: number,
  path: string,
  viewport = testInfo.project.use.viewport,
): Promise<OwnServerPage> {
  const server = new TelemetryServer(ownServerPort(testInfo, base));
  await server.start();
  const providedUrl = await setDatasourceUrl(request, server.url);
  const { baseURL } = testInfo.project.use;
  const page = await browser.newPage({ baseURL, viewport });
  const errors = collectConsoleErrors(page);
  await page.goto(path);
  return {
    server,
    page,
    errors,
    async close(request) {
      await page.close();
      await setDatasourceUrl(request, providedUrl);
      await server.kill();
    },
  };
}

/**
 * With PREVIEW_DOC_SCREENSHOTS=1 (main build only), takes `image` and writes it to `file` (relative to the repo), for
 * a README that shows it. Otherwise takes nothing.
 */
export async function saveDocImage(
  file: string,
  testInfo: TestInfo,
  image: () => Buffer | Promise<Buffer>,
): Promise<void> {
  if (process.env.PREVIEW_DOC_SCREENSHOTS !== '1' || testInfo.project.name !== 'preview') return;
  const target = path.join(ROOT, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, await image());
}
