import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { chromiumArgs, findChromium } from '../../../electron/host/chromium';

export interface SpawnedChromium {
  browser: Browser;
  page: Page;
  pid: number;
  /** Send a signal and wait until the process has gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Launch Chromium ourselves on a real profile directory and connect over CDP,
 * so a test can SIGKILL the browser process (a crash, not a clean close) and
 * relaunch it on the same profile.
 */
export async function spawnChromium(userDataDir: string, url: string): Promise<SpawnedChromium> {
  const executable = findChromium();
  if (!executable) throw new Error('No Chromium found (set CASEFILE_CHROMIUM).');
  const child = spawn(executable, [...chromiumArgs(), '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${userDataDir}`, '--window-size=1280,800', 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const wsUrl = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${buffer.slice(-500)}`)), 20_000);
    child.stderr.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(buffer);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited early (${code}): ${buffer.slice(-500)}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const browser = await chromium.connectOverCDP(wsUrl);
  const context = browser.contexts()[0] ?? (await browser.newContext());
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  return {
    browser,
    page,
    pid: child.pid!,
    async kill(signal) {
      child.kill(signal);
      await exited;
    },
  };
}
