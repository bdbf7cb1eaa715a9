import { defineConfig, devices } from '@playwright/test';
import { E2E_PORT } from './test/e2e/seed-info';

const baseURL = `http://127.0.0.1:${E2E_PORT}`;

/** `npm run test:e2e` builds first; test/e2e/server.ts then runs the production build on a fresh database. */
export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL,
    trace: 'on-first-retry',
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // Playwright cannot download its own browser here: Debian's chromium is the one.
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--headless',
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
    },
  ],
  webServer: {
    command: 'node --import tsx test/e2e/server.ts',
    port: E2E_PORT,
    wait: { stdout: /e2e server ready/ },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    // The default is SIGKILL, which would leave postgres running: let server.ts stop it.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
  },
});
