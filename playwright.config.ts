import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, findChromium } from './electron/host/chromium';

const PORT = Number(process.env.CASEFILE_E2E_PORT ?? 4317);
const baseURL = `http://127.0.0.1:${PORT}/`;

/** End-to-end tests drive the browser build, served by the same server as `npm run web`. */
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
        launchOptions: { executablePath: findChromium() ?? undefined, args: chromiumArgs() },
      },
    },
  ],
  webServer: {
    command: 'node electron/scripts/web.mjs',
    url: baseURL,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { PORT: String(PORT), CASEFILE_SKIP_BUILD: process.env.CASEFILE_SKIP_BUILD ?? '0' },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
