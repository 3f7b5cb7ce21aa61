import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Where a Chromium usually lives on Linux, in order of preference. The e2e
 * runner (`tests/run-e2e.mjs`) keeps the same list: it is plain JavaScript and
 * cannot import this file.
 */
export const SYSTEM_CHROMIUM_PATHS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/**
 * Find a Chromium to drive (e2e tests, PDF rendering in the web build, the
 * CLI). Playwright cannot download browsers on a closed network, so the
 * system browser comes before Playwright's own: `CASEFILE_CHROMIUM` when it
 * names an existing file, then the system paths, then Playwright's download.
 * Returns null rather than throwing so each caller can phrase its own advice.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const explicit = env.CASEFILE_CHROMIUM;
  if (explicit && existsSync(explicit)) return explicit;
  for (const candidate of SYSTEM_CHROMIUM_PATHS) if (existsSync(candidate)) return candidate;
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core') as { chromium: { executablePath(): string } };
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // playwright-core is a dev dependency; without it there is no bundled browser.
  }
  return null;
}

/**
 * Flags for a headless Chromium on a closed network: no background traffic
 * (updates, sync, component downloads, QUIC probes), no first-run UI, no GPU,
 * and /tmp instead of a small /dev/shm in containers. `--no-sandbox` only for
 * root, where Chromium refuses to start with its sandbox; everyone else keeps it.
 */
export function chromiumArgs(isRoot = process.getuid?.() === 0): string[] {
  return [
    ...(isRoot ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-dev-shm-usage',
  ];
}

/** `chromiumArgs()` for the current process's user. */
export const CHROMIUM_ARGS: readonly string[] = Object.freeze(chromiumArgs());
