import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './node/host/chromium';

/**
 * End-to-end tests drive the browser build in Chromium, served by the same
 * server as `npm run web`. Run them with `npm run test:e2e`: the runner finds
 * Chromium, builds the renderer once and picks a free port. Started directly
 * (`npx playwright test`), this config builds the renderer itself on port 4317.
 * With CASEFILE_BASE_URL set, tests target that already running server instead.
 */
const PORT = Number(process.env.CASEFILE_E2E_PORT ?? 4317);
const externalBaseURL = process.env.CASEFILE_BASE_URL;
const baseURL = externalBaseURL ?? `http://127.0.0.1:${PORT}/`;
const executablePath = findChromium();

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        launchOptions: { ...(executablePath ? { executablePath } : {}), args: [...CHROMIUM_ARGS] },
      },
    },
  ],
  ...(externalBaseURL
    ? {}
    : {
        webServer: {
          command: 'node scripts/web.mjs',
          url: baseURL,
          reuseExistingServer: false,
          // The runner has already built the renderer (CASEFILE_SKIP_BUILD=1); a direct run builds it here.
          timeout: process.env.CASEFILE_SKIP_BUILD === '1' ? 60_000 : 300_000,
          env: { PORT: String(PORT), CASEFILE_SKIP_BUILD: process.env.CASEFILE_SKIP_BUILD ?? '0' },
          stdout: 'ignore',
          stderr: 'pipe',
        },
      }),
});
