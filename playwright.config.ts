import { defineConfig } from '@playwright/test';

// End-to-end specs (tests/e2e/*.spec.ts) in Debian's Chromium against the demo's backend and
// emulator, which tests/e2e/global-setup.ts starts (quiet, free ports) after building the
// renderer if needed. Never `npx playwright install`: the browser is the system's.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  outputDir: 'test-results/e2e',
  // One backend for every spec, and two cores: one worker.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    timezoneId: 'America/Sao_Paulo',
    locale: 'pt-BR',
    viewport: { width: 1366, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
