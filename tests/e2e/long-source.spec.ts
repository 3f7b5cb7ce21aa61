import { expect, test } from '@playwright/test';
import { importThroughChooser, newCase, openApp } from './helpers/app';
import { selectWithMouse } from './helpers/select';

test('in a long source, a passage near the end is revealed in view and flashed from the passage list', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  const paragraphs = Array.from({ length: 3000 }, (_, i) =>
    `Paragraph ${i + 1}. The inspectors counted ${i * 7 % 97} containers on pier ${i % 12}, and the log${i % 3 ? '' : ' — checked twice —'} was signed by the night clerk at ${i % 24}:00.`,
  );
  const last = 'Paragraph 2990. The inspectors counted';
  await importThroughChooser(page, { name: 'long-log.txt', mimeType: 'text/plain', buffer: Buffer.from(`Pier log\n\n${paragraphs.join('\n\n')}`) });
  await selectWithMouse(page, last);
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Highlight' }).click();
  await page.keyboard.press('Escape');
  // Back to the top, so the passage's block is far off screen (skipped by content-visibility) when revealed.
  await page.evaluate(() => {
    let el: HTMLElement | null = document.querySelector('.source-body');
    while (el && !(el.scrollHeight > el.clientHeight + 10 && getComputedStyle(el).overflowY !== 'visible')) el = el.parentElement;
    el?.scrollTo(0, 0);
  });
  await page.getByRole('list', { name: 'Passages' }).getByRole('button', { name: /Paragraph 2990/ }).click();
  await expect.poll(() => page.evaluate(() => (CSS.highlights.get('cf-flash') as Highlight | undefined)?.values().next().value?.toString())).toBe(last);
  const inView = await page.evaluate(() => {
    const range = (CSS.highlights.get('cf-flash') as Highlight).values().next().value as Range;
    const r = range.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  });
  expect(inView).toBe(true);
});
