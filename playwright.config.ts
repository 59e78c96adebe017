import { defineConfig } from '@playwright/test';
import { chromiumPath } from './scripts/lib/chromium.cjs';

/** Port of the reference server the browser tests talk to (not the default 8765, so a running `npm start` is left alone). */
export const TEST_SERVER_PORT = 18765;
/** The simulated session began 20 minutes ago, so completed laps, pit stops and history exist from the start. */
const sessionStart = Date.now() - 20 * 60 * 1000;

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
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
  projects: [{ name: 'chromium', testMatch: 'protocol-client.spec.ts' }],
  webServer: [
    {
      command: `node --import tsx packages/reference-server/src/cli.ts serve --port ${TEST_SERVER_PORT} --no-record --cars 6 --seed 7 --session-start ${sessionStart}`,
      url: `http://127.0.0.1:${TEST_SERVER_PORT}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
    },
  ],
});
