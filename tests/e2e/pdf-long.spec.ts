import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { flowPage, writePdf } from '../unit/helpers/pdfWriter';
import { importThroughChooser, newCase, openApp, sourceItems, sourceRegion } from './helpers/app';

/**
 * A long PDF (the 5,000-page case): progress page by page with a
 * Cancel that stores nothing, then a full import — all without a main-thread
 * task over 200 ms, because pdf.js parses and the text is laid out in the
 * PDF worker.
 */

const PAGES = 5_000;

function longReport(): Buffer {
  const pages = Array.from({ length: PAGES }, (_, i) =>
    flowPage([`Log entry ${i + 1}: the night watch walked the eastern quay and found ${(i * 7) % 13} barges moored and the lights in order.`]),
  );
  return Buffer.from(writePdf(pages, { title: 'Night watch log' }));
}

async function watchLongTasks(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask' });
  });
  return () => page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

test('a 5,000-page PDF shows its progress, can be cancelled, and imports without freezing the app', async ({ page }) => {
  test.setTimeout(300_000);
  // Handed over as a file on disk, as a user picks it: a buffer would be injected into the page by the test harness itself, in one long task.
  const file = test.info().outputPath('night-watch-log.pdf');
  writeFileSync(file, longReport());
  await openApp(page);
  await newCase(page);
  const longTasks = await watchLongTasks(page);

  await importThroughChooser(page, file);
  const status = page.getByRole('group', { name: 'Import of “night-watch-log.pdf”' });
  await expect(status.getByRole('status')).toHaveText(/^Reading page \d+ of 5000…$/, { timeout: 30_000 });
  const bar = status.getByRole('progressbar', { name: 'Progress of “night-watch-log.pdf”' });
  await expect(bar).toHaveAttribute('max', String(PAGES));
  await status.getByRole('button', { name: 'Cancel importing “night-watch-log.pdf”' }).click();
  await expect(status).toHaveCount(0);
  await expect(page.getByText('No source yet')).toBeVisible();

  await importThroughChooser(page, file);
  // Waited for with one cheap selector: role-based locators polled against 5,000 paragraphs run
  // Playwright's own accessibility walk on the page's main thread, and would be counted as the app's tasks.
  await page.waitForFunction((n) => document.querySelector(`.source-body [data-page="${n}"]`) !== null, PAGES, { timeout: 240_000, polling: 500 });
  const tasks = await longTasks();
  await expect(sourceItems(page)).toHaveCount(1);
  await expect(sourceRegion(page).getByRole('heading', { level: 1 })).toHaveText('Night watch log');
  await expect(sourceRegion(page).locator(`.source-body [data-page="${PAGES}"]`)).toContainText(`Log entry ${PAGES}:`);
  test.info().annotations.push({ type: 'longest main-thread task', description: `${Math.round(Math.max(0, ...tasks))} ms (${tasks.length} tasks over 50 ms)` });
  expect(Math.max(0, ...tasks)).toBeLessThan(200);
});
