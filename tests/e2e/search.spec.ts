import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { fixture, importThroughChooser, newCase, openApp, readFixture, sourceItems, sourceRegion } from './helpers/app';
import { selectWithMouse } from './helpers/select';

const LIGHTHOUSE = 'search/lighthouse-keepers.txt';
const FERRY = 'search/ferry-timetable.txt';
const QUOTE = 'the lantern went dark only twice';

function palette(page: Page) {
  return page.getByRole('dialog', { name: 'Command palette' });
}

async function openPalette(page: Page) {
  await page.keyboard.press('Control+k');
  await expect(palette(page)).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Search or run a command' })).toBeFocused();
}

/** The text of the range currently flashed after a jump. */
function flashed(page: Page) {
  return page.evaluate(() => (CSS.highlights.get('cf-flash') as Highlight | undefined)?.values().next().value?.toString() ?? null);
}

/** The texts of the ranges in one of the find highlights. */
function findRanges(page: Page, name: 'cf-find' | 'cf-find-current') {
  return page.evaluate((n) => {
    const texts: string[] = [];
    (CSS.highlights.get(n) as Highlight | undefined)?.forEach((r) => texts.push((r as Range).toString()));
    return texts;
  }, name);
}

/** Two sources in a fresh case; a passage with a comment in the first; the second shown in the reader. */
async function caseWithCommentedPassage(page: Page, comment: string) {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture(LIGHTHOUSE));
  await expect(sourceRegion(page)).toContainText(QUOTE);
  await selectWithMouse(page, QUOTE);
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Comment' }).click();
  const card = page.getByRole('dialog', { name: 'Passage' });
  await card.getByLabel('Comment').fill(comment);
  await card.getByRole('button', { name: 'Close passage' }).click();
  await expect(card).toBeHidden();
  await importThroughChooser(page, fixture(FERRY));
  await expect(sourceRegion(page)).toContainText('Winter ferry timetable');
  await expect(sourceItems(page)).toHaveCount(2);
}

test('the palette finds a passage by a word in its comment and jumps to it in its source', async ({ page }) => {
  await caseWithCommentedPassage(page, 'Compare with the coastguard incident register.');
  await expect(sourceRegion(page)).not.toContainText(QUOTE);

  await openPalette(page);
  await page.keyboard.type('coastguard');
  const option = palette(page).getByRole('option').filter({ hasText: 'Passage' });
  await expect(option).toHaveCount(1);
  await expect(option.locator('mark')).toHaveText('coastguard');
  await expect(page.getByRole('combobox', { name: 'Search or run a command' })).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id'))!);
  await page.screenshot({ path: 'test-results/search-palette.png' });
  await page.keyboard.press('Enter');

  await expect(palette(page)).toBeHidden();
  await expect(sourceRegion(page).getByRole('heading', { level: 1 })).toHaveText('Lighthouse keepers return to Skarholm after a decade of automation');
  await expect.poll(() => flashed(page)).toBe(QUOTE);

  // A hit in plain source text jumps to that paragraph, and Escape gives focus back.
  await page.getByRole('button', { name: 'Import source' }).focus();
  await openPalette(page);
  await page.keyboard.type('hospital appointments');
  const chunk = palette(page).getByRole('option').filter({ hasText: 'Source text' });
  await expect(chunk).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(palette(page)).toBeHidden();
  await expect(page.getByRole('button', { name: 'Import source' })).toBeFocused();
  await openPalette(page);
  await page.keyboard.type('hospital appointments');
  await chunk.click();
  await expect(sourceRegion(page).getByRole('heading', { level: 1 })).toHaveText('Winter ferry timetable cut to three crossings a day');
  await expect.poll(() => flashed(page)).toBe('hospital');
});

test('an edited record is found without a reload (the index updates incrementally)', async ({ page }) => {
  await caseWithCommentedPassage(page, 'First reading.');
  await openPalette(page);
  await page.keyboard.type('semaphore');
  await expect(palette(page).getByText('Nothing in this case matches “semaphore”.')).toBeVisible();
  await page.keyboard.press('Escape');

  // Add a word to the passage's comment.
  const list = page.getByRole('list', { name: 'Passages' });
  await list.getByRole('button', { name: /the lantern went dark/ }).click();
  const card = page.getByRole('dialog', { name: 'Passage' });
  await card.getByLabel('Comment').fill('First reading. Ask about the semaphore flags.');
  await card.getByRole('button', { name: 'Close passage' }).click();
  await expect(card).toBeHidden();

  await openPalette(page);
  await page.keyboard.type('semaphore');
  const option = palette(page).getByRole('option').filter({ hasText: 'Passage' });
  await expect(option).toHaveCount(1);
  await expect(option).toContainText('Ask about the semaphore flags');

});

test('while the case is still being indexed the palette says so, and what it finds later is complete', async ({ page }) => {
  await caseWithCommentedPassage(page, 'Compare with the coastguard incident register.');
  const cases = page.getByRole('navigation', { name: 'Cases' });
  await cases.getByRole('button', { name: /^Sample case/ }).click();
  await expect(sourceRegion(page)).not.toContainText(QUOTE);
  // Keep the passages table busy in a write transaction: the search worker's read of the case's passages waits,
  // as it does while a big case's 50,000 passages are read and indexed.
  await page.evaluate(async () => {
    const open = indexedDB.open('casefile');
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const store = db.transaction('passages', 'readwrite').objectStore('passages');
    const w = window as unknown as { holdPassages: boolean };
    w.holdPassages = true;
    const spin = () => {
      if (w.holdPassages) store.get('none').onsuccess = spin;
    };
    spin();
  });
  await cases.getByRole('button', { name: 'Untitled case', exact: true }).click();
  await openPalette(page);
  await page.keyboard.type('coastguard');
  await expect(palette(page).getByText('Nothing found for “coastguard” yet: Casefile is still indexing this case.')).toBeVisible();
  await expect(palette(page).getByRole('status')).toHaveText(/still indexing this case$/);
  await page.screenshot({ path: 'test-results/search-indexing.png' });
  await page.evaluate(() => void ((window as unknown as { holdPassages: boolean }).holdPassages = false));
  const option = palette(page).getByRole('option').filter({ hasText: 'Passage' });
  await expect(option).toHaveCount(1);
  await expect(palette(page).getByRole('status')).toHaveText('1 result');
  await expect(palette(page).getByText(/still indexing/)).toHaveCount(0);
});

test('find in source highlights every match of a repeated word and steps through them', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture(LIGHTHOUSE));
  const text = readFixture(LIGHTHOUSE);
  const expected = (text.match(/lantern/gi) ?? []).length;
  expect(expected).toBeGreaterThan(3);

  await sourceRegion(page).getByRole('article').focus();
  await page.keyboard.press('Control+f');
  const input = page.getByRole('searchbox', { name: 'Find in source' });
  await expect(input).toBeFocused();
  await input.fill('LANTERN');
  await expect(page.getByRole('search', { name: 'Find in source' }).getByRole('status')).toHaveText(`1 of ${expected}`);
  await expect.poll(async () => (await findRanges(page, 'cf-find')).length).toBe(expected);
  for (const t of await findRanges(page, 'cf-find')) expect(t.toLowerCase()).toBe('lantern');
  await page.screenshot({ path: 'test-results/search-find.png' });

  // Stepping moves the current match: its range is a different one each time.
  const offsetOfCurrent = () =>
    page.evaluate(() => {
      const range = (CSS.highlights.get('cf-find-current') as Highlight | undefined)?.values().next().value as Range | undefined;
      if (!range) return null;
      const block = range.startContainer.parentElement!;
      return Number(block.dataset.start) + range.startOffset;
    });
  const first = await offsetOfCurrent();
  await input.press('Enter');
  await expect(page.getByRole('search', { name: 'Find in source' }).getByRole('status')).toHaveText(`2 of ${expected}`);
  const second = await offsetOfCurrent();
  expect(second).toBeGreaterThan(first!);
  expect(await findRanges(page, 'cf-find-current')).toEqual(['lantern']);
  await input.press('Shift+Enter');
  await expect(page.getByRole('search', { name: 'Find in source' }).getByRole('status')).toHaveText(`1 of ${expected}`);
  expect(await offsetOfCurrent()).toBe(first);
  await input.press('Shift+Enter');
  await expect(page.getByRole('search', { name: 'Find in source' }).getByRole('status')).toHaveText(`${expected} of ${expected}`);

  const axe = await new AxeBuilder({ page }).include('[aria-label="Source"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Diacritics as a person expects: "cafe" finds "café".
  await input.fill('cafe');
  await expect.poll(() => findRanges(page, 'cf-find')).toEqual(['café']);

  // Escape closes, clears the highlights and returns focus to the text.
  await input.press('Escape');
  await expect(input).toBeHidden();
  await expect(sourceRegion(page).getByRole('article')).toBeFocused();
  await expect.poll(async () => (await findRanges(page, 'cf-find')).length).toBe(0);
});

test('the palette runs the app\'s commands from the keyboard', async ({ page }) => {
  await openApp(page);
  await openPalette(page);
  const box = page.getByRole('combobox', { name: 'Search or run a command' });
  const options = palette(page).getByRole('option');
  await expect(options.first()).toHaveText(/Import a file/);
  // Arrow keys move the active option (and wrap), announced through aria-activedescendant.
  await page.keyboard.press('ArrowDown');
  await expect(box).toHaveAttribute('aria-activedescendant', (await options.nth(1).getAttribute('id'))!);
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(options.last()).toHaveAttribute('aria-selected', 'true');

  await box.fill('new case');
  await expect(palette(page).getByRole('group', { name: 'Commands' }).getByRole('option')).toHaveText(['New case']);
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await expect(page.getByText('No source yet')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Cases' }).getByText('Untitled case')).toBeVisible();
});

test('the palette with results has no serious or critical axe violations', async ({ page }) => {
  await openApp(page);
  await openPalette(page);
  await page.keyboard.type('arrests');
  await expect(palette(page).getByRole('option').first()).toBeVisible();
  await expect(palette(page).getByRole('option').filter({ hasText: 'Passage' }).first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  await page.screenshot({ path: 'test-results/search-palette-sample.png' });
});
