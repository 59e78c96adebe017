import { defineConfig } from '@playwright/test';
import { chromiumPath } from './scripts/lib/chromium.cjs';

/** `E2E_PORT_OFFSET` moves every port the browser tests use, so two runs on one machine don't collide. */
export const PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
if (!Number.isInteger(PORT_OFFSET) || PORT_OFFSET < 0 || PORT_OFFSET > 40000) {
  throw new Error(`E2E_PORT_OFFSET must be a whole number from 0 to 40000, not ${process.env.E2E_PORT_OFFSET}`);
}

/** Port of the reference server the browser tests talk to (not the default 8765, so a running `npm start` is left alone). */
export const TEST_SERVER_PORT = 18765 + PORT_OFFSET;
/** The preview host (not Grafana): the build on Grafana 12.4 + React 18, and the compatibility build on 13.2 + React 19. */
export const PREVIEW_PORT = 13001 + PORT_OFFSET;
export const PREVIEW_COMPAT_PORT = 13002 + PORT_OFFSET;
/** The preview with the datasource in "Grafana server" mode: its Go backend started as Grafana starts it. */
export const PREVIEW_BACKEND_PORT = 13003 + PORT_OFFSET;
/** The simulated session began 20 minutes ago, so completed laps, pit stops and history exist from the start. */
const sessionStart = Date.now() - 20 * 60 * 1000;

const GRAFANA_URL = process.env.GRAFANA_URL;
if (!GRAFANA_URL && !process.env.TEST_WORKER_INDEX) {
  console.log(
    'ℹ Real Grafana: not tested. GRAFANA_URL is not set, so the @grafana/plugin-e2e project (e2e/grafana-*.spec.ts) ' +
      'does not run. Start Grafana with `npm run grafana` and set GRAFANA_URL=http://localhost:3000 to run it.',
  );
}

const preview = (port: number, build: 'main' | 'compat', mode: 'browser' | 'server' = 'browser') => ({
  command:
    `node --import tsx preview/server/main.ts --port ${port} --build ${build} --fixtures --datasource-mode ${mode} ` +
    `--live-stop-delay-ms 2000 --telemetry ws://127.0.0.1:${TEST_SERVER_PORT}`,
  url: `http://127.0.0.1:${port}/api/health`,
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: 'pipe' as const,
});

export default defineConfig({
  testDir: './e2e',
  outputDir: PORT_OFFSET ? `./test-results-${PORT_OFFSET}` : './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: PORT_OFFSET ? `playwright-report-${PORT_OFFSET}` : 'playwright-report' }],
  ],
  use: {
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1600, height: 1000 },
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'chromium', testMatch: 'protocol-client.spec.ts' },
    { name: 'preview', testMatch: /preview-.*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${PREVIEW_PORT}` } },
    {
      name: 'preview-compat',
      testMatch: /preview-.*\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${PREVIEW_COMPAT_PORT}` },
    },
    {
      name: 'preview-backend',
      testMatch: /backend-.*\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${PREVIEW_BACKEND_PORT}` },
    },
    ...(GRAFANA_URL
      ? [
          {
            name: 'grafana-auth',
            testDir: './node_modules/@grafana/plugin-e2e/dist/auth',
            testMatch: [/.*\.js/],
            use: { baseURL: GRAFANA_URL },
          },
          {
            name: 'grafana',
            testMatch: /grafana-.*\.spec\.ts/,
            dependencies: ['grafana-auth'],
            use: { baseURL: GRAFANA_URL, storageState: 'playwright/.auth/admin.json' },
          },
        ]
      : []),
  ],
  webServer: [
    {
      command: `node --import tsx packages/reference-server/src/cli.ts serve --port ${TEST_SERVER_PORT} --no-record --cars 6 --seed 7 --session-start ${sessionStart}`,
      url: `http://127.0.0.1:${TEST_SERVER_PORT}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
    },
    preview(PREVIEW_PORT, 'main'),
    preview(PREVIEW_COMPAT_PORT, 'compat'),
    preview(PREVIEW_BACKEND_PORT, 'main', 'server'),
  ],
});
