import { defineConfig } from '@playwright/test';
import { launchOptions } from './tests/chromium.js';

/** Ports can be moved (TL_DEV_PORT, TL_PREVIEW_PORT) so two checkouts can test side by side. */
const DEV_PORT = Number(process.env['TL_DEV_PORT'] ?? 5174);
const PREVIEW_PORT = Number(process.env['TL_PREVIEW_PORT'] ?? 4174);

export default defineConfig({
  testDir: 'tests',
  testMatch: ['browser/**/*.spec.ts', 'e2e/**/*.spec.ts'],
  fullyParallel: false,
  // Runs measure threads on a 2-core machine: one test at a time keeps them from starving each other.
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  outputDir: 'reports/playwright-artifacts',
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  // No trace by default: recording one for every test (kept only on failure) made each test about a
  // fifth slower. For a failure to look into: npx playwright test <file> --trace retain-on-failure
  use: { browserName: 'chromium', launchOptions, trace: 'off' },
  projects: [
    { name: 'browser', testMatch: 'browser/**/*.spec.ts', use: { baseURL: `http://127.0.0.1:${DEV_PORT}` } },
    {
      name: 'e2e',
      testMatch: 'e2e/**/*.spec.ts',
      use: { baseURL: `http://127.0.0.1:${PREVIEW_PORT}`, viewport: { width: 1280, height: 720 } },
    },
  ],
  webServer: [
    {
      // The engine harness is served from source: it is a test page, not part of the app.
      command: `npx vite --host 127.0.0.1 --port ${DEV_PORT} --strictPort`,
      url: `http://127.0.0.1:${DEV_PORT}/tests/browser/harness.html`,
      // A port already taken fails the run: never test whatever stranger listens there.
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      // The app as it ships: built, then served with the isolation headers.
      command: `npx vite build --logLevel warn && npx vite preview --host 127.0.0.1 --port ${PREVIEW_PORT} --strictPort`,
      url: `http://127.0.0.1:${PREVIEW_PORT}/`,
      reuseExistingServer: false,
      timeout: 180_000,
    },
  ],
});
