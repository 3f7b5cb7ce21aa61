/**
 * E1 (in the app): 50 sources of 40 KB imported into a case, then the
 * Timeline opened: the time until every source's dates and names are found
 * by the extraction workers, and the longest main-thread task meanwhile
 * (Long Tasks API; target: none over 100 ms). E1-node (e1-extraction) has
 * the one-thread figure and its peer.
 */
import type { Browser, Page } from 'playwright-core';
import { round, type Figure } from '../stats';
import { viewsCorpus } from '../viewsCorpus';
import { newCase } from './f1-foundation.bench';

export const kind = 'browser';
export const ids = ['E1-app', 'E1-longtask'];

async function e1(page: Page, baseURL: string): Promise<Figure[]> {
  await page.goto(baseURL);
  await page.getByRole('navigation', { name: 'Cases' }).waitFor();
  await newCase(page);
  const files = viewsCorpus().map((s, i) => ({ name: `report-${i + 1}.txt`, mimeType: 'text/plain', buffer: Buffer.from(s.text) }));
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import source' }).click();
  await (await chooser).setFiles(files);
  // The list is virtual: its rows say how many sources there are (aria-setsize), whatever is in view.
  await page.waitForFunction(() => document.querySelector('[aria-label="Sources in this case"] > li')?.getAttribute('aria-setsize') === '50', undefined, { timeout: 240_000 });
  const result = await page.evaluate(async () => {
    const longest: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longest.push(e.duration)));
    observer.observe({ type: 'longtask' });
    const t0 = performance.now();
    [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find((el) => el.textContent?.trim() === 'Timeline')!.click();
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        const status = document.querySelector('.timeline-pane .view-status')?.textContent ?? '';
        if (/^\d+ dated events?/.test(status)) resolve();
        else if (performance.now() - t0 > 300_000) reject(new Error(`extraction did not finish in 5 minutes: “${status}”`));
        else setTimeout(check, 20);
      };
      check();
    });
    const ms = performance.now() - t0;
    observer.disconnect();
    const events = Number(/^(\d+)/.exec(document.querySelector('.timeline-pane .view-status')?.textContent ?? '')?.[1] ?? 0);
    return { ms, longest: Math.max(0, ...longest), longTasks: longest.length, events, workers: navigator.hardwareConcurrency };
  });
  return [
    {
      id: 'E1-app',
      label: `Extraction of 50 sources of 40 KB in the app's workers (${result.workers} cores), Timeline opened → all dates and names found (${result.events} events)`,
      value: round(result.ms, 0),
      unit: 'ms',
      target: '≤ 5000 ms',
      pass: result.ms <= 5000,
    },
    {
      id: 'E1-longtask',
      label: `Longest main-thread task meanwhile (${result.longTasks} tasks over 50 ms)`,
      value: round(result.longest, 0),
      unit: 'ms',
      target: '≤ 100 ms',
      pass: result.longest <= 100,
    },
  ];
}

/** In a context of its own, so what another suite left in the page (a case, running workers) does not weigh on it. */
export async function run(ctx: { browser: Browser; baseURL: string }): Promise<Figure[]> {
  const context = await ctx.browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    return await e1(await context.newPage(), ctx.baseURL);
  } finally {
    await context.close();
  }
}
