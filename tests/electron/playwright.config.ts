/**
 * Playwright config for the Electron smoke suite. Not part of `npm test`: it needs the
 * Electron runtime, which `node tests/electron/run.mjs` locates (and which some machines,
 * including CI sandboxes without downloads, do not have). The runner passes the binary in
 * CASEFILE_ELECTRON_BINARY; started any other way, the suite stops with instructions.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: 'smoke.spec.ts',
  globalSetup: './requireBinary.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: '../../test-results/electron',
  use: { trace: 'retain-on-failure' },
});
