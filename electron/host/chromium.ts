import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Find a Chromium to drive (e2e tests, PDF rendering in the web build, the CLI):
 * `CASEFILE_CHROMIUM`, then the system browser, then Playwright's own download.
 */
const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const explicit = env.CASEFILE_CHROMIUM;
  if (explicit && existsSync(explicit)) return explicit;
  for (const candidate of SYSTEM_CANDIDATES) if (existsSync(candidate)) return candidate;
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

/** Flags for a closed network and a root user: no background traffic, no first-run UI. */
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
