#!/usr/bin/env node
// The command-line tools the test suite needs: Chromium (PDF rendering and the
// e2e tests), pandoc (Markdown parses with every footnote), poppler-utils
// (pdftotext, pdftoppm, pdfinfo), qpdf and redis-server (sync with two instances). `npm test` runs this first. A missing tool is installed from Debian
// when running as root (as CI and these machines do); otherwise it stops with
// the exact command to run, rather than letting tests skip.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A program's path on PATH, or null. */
export function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** Install Debian packages when running as root on Debian; false when that is not possible or fails. */
export function aptInstall(packages) {
  if (packages.length === 0) return true;
  if (process.getuid?.() !== 0 || !existsSync('/etc/debian_version')) return false;
  console.log(`tests: installing ${packages.join(', ')} from Debian (running as root)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env }) : update;
  if (install.status !== 0) console.error(`apt-get failed (exit ${install.status ?? install.signal}); see its output above.`);
  return install.status === 0;
}

// The same order as node/host/chromium.ts (TypeScript, which plain Node cannot import here).
const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** CASEFILE_CHROMIUM, then the system browser, then Playwright's own download; null when there is none. */
export function findChromium() {
  if (process.env.CASEFILE_CHROMIUM && existsSync(process.env.CASEFILE_CHROMIUM)) return process.env.CASEFILE_CHROMIUM;
  const system = SYSTEM_CHROMIUM.find((p) => existsSync(p));
  if (system) return system;
  try {
    const bundled = createRequire(import.meta.url)('playwright-core').chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // no bundled browser
  }
  return null;
}

const TOOLS = [
  { program: 'pandoc', pkg: 'pandoc' },
  { program: 'pdftotext', pkg: 'poppler-utils' },
  { program: 'pdftoppm', pkg: 'poppler-utils' },
  { program: 'pdfinfo', pkg: 'poppler-utils' },
  { program: 'qpdf', pkg: 'qpdf' },
  // The sync server's tests and benchmarks start their own Redis for the two-instance set-up.
  { program: 'redis-server', pkg: 'redis-server' },
];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // Chromium too: the unit tests of the PDF renderer print with it, before the e2e runner would install it.
  const missing = () => [...TOOLS.filter((t) => !onPath(t.program)), ...(findChromium() ? [] : [{ program: 'chromium', pkg: 'chromium' }])];
  const packages = [...new Set(missing().map((t) => t.pkg))];
  if (packages.length > 0) aptInstall(packages);
  const still = missing();
  if (still.length > 0) {
    const pkgs = [...new Set(still.map((t) => t.pkg))].join(' ');
    console.error(`tests: ${still.map((t) => t.program).join(', ')} not found. The export and sync tests need them: apt-get install ${pkgs}`);
    process.exit(1);
  }
}
