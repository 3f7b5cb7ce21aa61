#!/usr/bin/env node
// `npm run test:e2e`: find a Chromium (system, else Playwright's, else install
// Debian's when running as root), build the renderer once, run Playwright.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { aptInstall, findChromium } from './tools.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
let chromium = findChromium();
if (!chromium && aptInstall(['chromium'])) chromium = findChromium();
if (!chromium) {
  console.error('No Chromium found for the end-to-end tests. Install one (Debian: apt-get install chromium) or set CASEFILE_CHROMIUM to its path.');
  process.exit(1);
}
console.log(`e2e: using Chromium at ${chromium}`);

console.log('e2e: building the renderer once for every spec…');
const vite = spawnSync(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (vite.status !== 0) {
  console.error('e2e: the renderer build failed (see above); no tests were run.');
  process.exit(vite.status ?? 1);
}

// A free loopback port, so a developer's running `npm run web` (or another test run) never collides.
const port =
  process.env.CASEFILE_E2E_PORT ??
  (await new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(String(free)));
    });
  }));

const result = spawnSync(process.execPath, [`${root}node_modules/@playwright/test/cli.js`, 'test', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CASEFILE_CHROMIUM: chromium, CASEFILE_SKIP_BUILD: '1', CASEFILE_E2E_PORT: port },
});
process.exit(result.status ?? 1);
