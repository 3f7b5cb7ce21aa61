import { chromium, expect, test as base, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { CHROMIUM_ARGS, findChromium } from '../../../node/host/chromium';

function requireChromium(): string {
  const executable = findChromium();
  if (!executable) throw new Error('No Chromium found for the e2e tests: install one (Debian: apt-get install chromium) or set CASEFILE_CHROMIUM.');
  return executable;
}

/**
 * Keep Chromium's file choosers intercepted for the whole life of a context's pages. Playwright turns
 * interception on when a test starts waiting for 'filechooser', but that request reaches the renderer by another
 * path than a key press: Ctrl+O right after `waitForEvent('filechooser')` could open an uncaught chooser, which a
 * headless Chromium cancels at once (the app then rightly does nothing, and the test waits for an event that never
 * comes). A listener for the whole page makes the interception a constant.
 */
export function holdFileChoosers(context: BrowserContext): void {
  const hold = (page: Page) => void page.on('filechooser', () => undefined);
  context.pages().forEach(hold);
  context.on('page', hold);
}

/** Console errors and uncaught exceptions seen on the test's page. */
export interface ConsoleErrors {
  readonly messages: readonly string[];
  /** Expect messages matching `pattern` (a test that provokes an error on purpose). */
  allow(pattern: RegExp): void;
}

/**
 * Playwright's `test` with an automatic check: a journey fails if the app
 * logged a console error or threw an uncaught exception, even when every
 * visible assertion passed. Tests that provoke an error declare it with
 * `consoleErrors.allow(/…/)`.
 */
export const test = base.extend<{ consoleErrors: ConsoleErrors }>({
  context: async ({ context }, use) => {
    holdFileChoosers(context);
    await use(context);
  },
  consoleErrors: [
    async ({ page }, use) => {
      const messages: string[] = [];
      const allowed: RegExp[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') messages.push(`console.error: ${message.text()}`);
      });
      page.on('pageerror', (error) => messages.push(`uncaught: ${error.message}`));
      await use({ messages, allow: (pattern) => void allowed.push(pattern) });
      const unexpected = messages.filter((text) => !allowed.some((pattern) => pattern.test(text)));
      expect(unexpected, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export interface PersistentApp {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Chromium on a real profile directory, for journeys that close the browser
 * and reopen it on the same IndexedDB (Playwright's default contexts are
 * incognito and lose everything on close).
 */
export async function persistentApp(userDataDir: string, opts: { baseURL?: string } = {}): Promise<PersistentApp> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: requireChromium(),
    args: [...CHROMIUM_ARGS],
    viewport: { width: 1280, height: 800 },
    ...(opts.baseURL ? { baseURL: opts.baseURL } : {}),
  });
  holdFileChoosers(context);
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, close: () => context.close() };
}

export interface SpawnedChromium {
  browser: Browser;
  page: Page;
  pid: number;
  /** Send a signal and wait until the process has gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Read Chromium's stderr until it prints its DevTools endpoint. */
function devToolsUrl(stderr: NodeJS.ReadableStream, exited: Promise<number | null>, timeoutMs: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let buffer = '';
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const timer = setTimeout(() => settle(() => reject(new Error(`Chromium did not start within ${timeoutMs / 1000} s: ${buffer.slice(-500)}`))), timeoutMs);
    // Keep draining stderr after the match, or a full pipe would stall the browser.
    stderr.on('data', (chunk: Buffer) => {
      if (settled) return;
      buffer += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(buffer);
      if (match) settle(() => resolve(match[1]!));
    });
    void exited.then((code) => settle(() => reject(new Error(`Chromium exited early (code ${code}): ${buffer.slice(-500)}`))));
  });
}

/** Signal a spawned browser's whole process group (it was started detached), or the process alone where groups are not available. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal);
  }
}

/**
 * Launch Chromium ourselves on a real profile directory and connect over CDP,
 * so a test can SIGKILL the browser process (a crash, not a clean close) and
 * relaunch it on the same profile. `launchPersistentContext` hides the pid.
 */
export async function spawnChromium(userDataDir: string, url: string): Promise<SpawnedChromium> {
  const child = spawn(
    requireChromium(),
    [...CHROMIUM_ARGS, '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${userDataDir}`, '--window-size=1280,800', 'about:blank'],
    // Its own process group, so a kill takes the renderer and helper processes too, as a crash would.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let browser: Browser;
  try {
    browser = await chromium.connectOverCDP(await devToolsUrl(child.stderr, exited, 20_000));
  } catch (error) {
    killGroup(child, 'SIGKILL');
    throw error;
  }
  const context = browser.contexts()[0] ?? (await browser.newContext());
  holdFileChoosers(context);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  return {
    browser,
    page,
    pid: child.pid!,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) killGroup(child, signal);
      await exited;
    },
  };
}
