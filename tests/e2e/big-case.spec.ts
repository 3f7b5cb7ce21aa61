import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { writeBundle } from '../../shared/bundle/write';
import { generateCase } from '../fixtures/bundle/generateCase';
import { importBundle, openApp, sourceRegion } from './helpers/app';

/**
 * A big case stays light: 100 sources, 10,000 passages and 500 claims, imported through Import case.
 * Every long list renders only the rows in view, so the page holds a few thousand elements (rendered
 * in full, the passage list alone would be over 40,000), and every row is still reachable from the
 * keyboard: End, Page Down, the arrows and Tab scroll the rows they reach into view.
 */
test.describe.configure({ timeout: 240_000 });

/** Elements in the page, the measure of what virtualisation keeps small. */
const domSize = (page: Page) => page.evaluate(() => document.getElementsByTagName('*').length);
/** What the focused element's row says: its place in the list and its text. */
const focusedRow = (page: Page) =>
  page.evaluate(() => {
    const row = document.activeElement?.closest('li');
    return row ? { pos: Number(row.getAttribute('aria-posinset')), size: Number(row.getAttribute('aria-setsize')), text: row.textContent ?? '' } : null;
  });

async function seriousAxe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Fewer rows in the DOM than a screenful and two overscans could hold: the list is virtual. */
async function expectFewRows(list: Locator, total: number) {
  await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', String(total));
  expect(await list.getByRole('listitem').count()).toBeLessThan(80);
}

test('a case of 100 sources and 10,000 passages keeps the DOM small, and the keyboard reaches the last row of every list', async ({ page }, testInfo) => {
  const data = generateCase({ sources: 100, sourceChars: 20_000, passages: 10_000, claims: 500, tags: 30, originals: false, seed: 1107 });
  const file = testInfo.outputPath('big-case.casefile');
  writeFileSync(file, await writeBundle(data, { appVersion: 'test', includeOriginals: false, now: Date.UTC(2026, 0, 1) }));

  await openApp(page);
  await importBundle(page, file);
  await expect(page.locator('.toasts')).toContainText(`Imported case “${data.case.name}”`, { timeout: 180_000 });
  await page.getByRole('navigation', { name: 'Cases' }).getByRole('button', { name: new RegExp(`^${data.case.name}`) }).click();

  // What the passage list shows, in its order: by source, then by place in the source.
  const order = new Map(data.sources.map((s) => [s.id, s.order]));
  const sorted = [...data.passages].sort((a, b) => order.get(a.sourceId)! - order.get(b.sourceId)! || a.selectors[1].start - b.selectors[1].start);
  const passages = page.getByRole('list', { name: 'Passages' });
  await expect(passages.getByRole('listitem').first()).toContainText(sorted[0]!.selectors[0].exact.slice(0, 30), { timeout: 60_000 });
  await expect(sourceRegion(page).getByRole('heading', { name: data.sources[0]!.metadata.title! })).toBeVisible();
  await expectFewRows(passages, 10_000);
  const sources = page.getByRole('list', { name: 'Sources in this case' });
  await expectFewRows(sources, 100);
  expect(await domSize(page)).toBeLessThan(5_000);

  // Passages: arrows, Page Down, End and Home move between rows however far, scrolling them in.
  await passages.getByRole('listitem').first().getByRole('button').focus();
  await page.keyboard.press('ArrowDown');
  expect(await focusedRow(page)).toMatchObject({ pos: 2, size: 10_000 });
  await page.keyboard.press('PageDown');
  expect((await focusedRow(page))!.pos).toBeGreaterThan(3);
  await page.keyboard.press('End');
  await expect.poll(async () => (await focusedRow(page))?.pos).toBe(10_000);
  expect((await focusedRow(page))!.text).toContain(sorted.at(-1)!.selectors[0].exact.slice(0, 30));
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await focusedRow(page))?.pos).toBe(9_999);
  await page.keyboard.press('Home');
  await expect.poll(async () => (await focusedRow(page))?.pos).toBe(1);
  // Tab walks row after row, past the rows rendered at first.
  for (let i = 0; i < 40; i++) await page.keyboard.press('Tab');
  await expect.poll(async () => (await focusedRow(page))?.pos).toBe(41);
  expect(await focusedRow(page)).toMatchObject({ size: 10_000 });
  await page.keyboard.press('End');
  await expect.poll(async () => (await focusedRow(page))?.pos).toBe(10_000);
  for (let i = 0; i < 30; i++) await page.keyboard.press('Shift+Tab');
  await expect.poll(async () => (await focusedRow(page))?.pos).toBe(9_970);
  expect(await domSize(page)).toBeLessThan(5_000);

  // Sources: End reaches the last source, Enter opens it in the reader.
  await sources.getByRole('listitem').first().getByRole('button').first().focus();
  await page.keyboard.press('End');
  await expect.poll(async () => (await focusedRow(page))?.pos).toBe(100);
  const last = data.sources.at(-1)!.metadata.title!;
  expect((await focusedRow(page))!.text).toContain(last);
  await page.keyboard.press('Enter');
  await expect(sourceRegion(page).getByRole('heading', { name: last })).toBeVisible();
  await expect(sources.getByRole('button', { name: new RegExp(`^${last}`) })).toHaveAttribute('aria-current', 'true');

  // Claims: the last of 500, oldest first.
  await page.getByRole('tab', { name: /^Claims/ }).click();
  const claims = page.getByRole('list', { name: 'Claims in this case' });
  await expectFewRows(claims, 500);
  await claims.getByRole('listitem').first().getByRole('button').focus();
  await page.keyboard.press('End');
  await expect.poll(async () => (await focusedRow(page))?.pos).toBe(500);
  expect((await focusedRow(page))!.text).toContain('Claim 500:');
  expect(await domSize(page)).toBeLessThan(5_000);

  await page.screenshot({ path: testInfo.outputPath('big-case.png') });
  expect(await seriousAxe(page)).toEqual([]);
});

/** Each rendered row of a virtual list against the next one: where it ends and where the next begins. */
const rowOverlaps = (list: Locator) =>
  list.evaluate((ul) => {
    const rows = [...ul.querySelectorAll(':scope > li')].map((li) => li.getBoundingClientRect()).sort((a, b) => a.top - b.top);
    return { rows: rows.length, overlaps: rows.slice(1).filter((r, i) => r.top < rows[i]!.bottom - 0.5).length };
  });

test('rows of two and three lines are measured: no row of a virtual list overlaps the next, in view, in a tab shown later or shown again', async ({ page }) => {
  await openApp(page);
  // The sample case's passages wrap to two or three lines in the sidebar: taller than the first guess.
  const passages = page.getByRole('list', { name: 'Passages' });
  await expect(passages.getByRole('listitem')).toHaveCount(5);
  await expect.poll(() => rowOverlaps(passages)).toEqual({ rows: 5, overlaps: 0 });
  // The Claims list is mounted in a tab that is not shown at first.
  await page.getByRole('tab', { name: /^Claims/ }).click();
  const claims = page.getByRole('tabpanel').getByRole('list').first();
  await expect(claims.getByRole('listitem').first()).toBeVisible();
  await expect.poll(() => rowOverlaps(claims)).toEqual({ rows: 2, overlaps: 0 });
  // Hidden again and shown again: its rows come back as they were.
  await page.getByRole('tab', { name: 'Brief' }).click();
  await page.getByRole('tab', { name: /^Claims/ }).click();
  await expect(claims.getByRole('listitem')).toHaveCount(2);
  await expect.poll(() => rowOverlaps(claims)).toEqual({ rows: 2, overlaps: 0 });
});
