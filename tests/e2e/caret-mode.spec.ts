import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { fixture, importThroughChooser, newCase, openApp, sourceRegion } from './helpers/app';
import { expectAnnounced, readerSelection, recordAnnouncements, tabUntil } from './helpers/keyboard';
import { highlightedTexts, readerDomShape, selectWithMouse } from './helpers/select';
import { expect, test } from './support/fixtures';

async function importArticle(page: Page, file: string, shows: string) {
  await recordAnnouncements(page);
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture(file));
  await expect(sourceRegion(page)).toContainText(shows);
}

/** Tab from the top of the page into the reader's text. */
async function tabIntoText(page: Page) {
  await page.getByRole('button', { name: 'Import source' }).focus();
  await tabUntil(page, (_name, tag) => tag === 'article', 'the text of the source');
}

/** Put the caret at the start of the paragraph beginning with `start`, from the keyboard: down to it, then Ctrl+Up to its start. */
async function caretToParagraph(page: Page, start: string) {
  for (let i = 0; i < 120 && !(await readerSelection(page)).block.startsWith(start); i++) await page.keyboard.press('ArrowDown');
  if ((await readerSelection(page)).at > 0) await page.keyboard.press('Control+ArrowUp');
  expect(await readerSelection(page)).toMatchObject({ at: 0 });
  expect((await readerSelection(page)).block.startsWith(start)).toBe(true);
}

test('caret mode: on from the keyboard, not from a click; F7 toggles it; characters, sentences and paragraphs; the reader DOM never changes', async ({ page }) => {
  await importArticle(page, 'articles/reference-style-article.txt', 'Investigators in four countries');
  const text = sourceRegion(page).getByRole('article');
  const shape = await readerDomShape(page);
  const caret = page.locator('.reader-caret');

  // A click in the text gives it focus without caret mode.
  await page.getByText('Customs officers in Rotterdam', { exact: false }).click();
  await expect(text).toBeFocused();
  await expect(caret).toHaveCount(0);
  const scrolled = await text.evaluate((el) => el.scrollTop);
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => text.evaluate((el) => el.scrollTop)).toBeGreaterThan(scrolled);
  // F7 turns it on, at the clicked place.
  await page.keyboard.press('F7');
  await expect(caret).toBeVisible();
  await expectAnnounced(page, 'Caret mode on.');
  expect((await readerSelection(page)).block).toContain('Customs officers in Rotterdam');
  await page.keyboard.press('F7');
  await expect(caret).toHaveCount(0);
  await expectAnnounced(page, 'Caret mode off.');

  // F7's choice holds for the session: Tab back in and it stays off until F7 again.
  await tabIntoText(page);
  await expect(caret).toHaveCount(0);
  await page.keyboard.press('F7');
  await expect(caret).toBeVisible();

  // Shift+arrows by character, Escape back to a caret.
  await caretToParagraph(page, 'Customs officers in Rotterdam');
  for (let i = 0; i < 7; i++) await page.keyboard.press('Shift+ArrowRight');
  expect((await readerSelection(page)).text).toBe('Customs');
  await expectAnnounced(page, 's selected.');
  await page.keyboard.press('Shift+ArrowLeft');
  expect((await readerSelection(page)).text).toBe('Custom');
  await page.keyboard.press('Escape');
  expect(await readerSelection(page)).toMatchObject({ collapsed: true, at: 6 });

  // Alt+S: the sentence at the caret; Alt+P: the paragraph.
  await caretToParagraph(page, 'Officers seized €3.1 million');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+ArrowRight');
  await page.keyboard.press('Alt+s');
  expect((await readerSelection(page)).text).toBe('Officers seized €3.1 million in cash, 18 vehicles and more than nine tonnes of tablets, capsules and packaging during raids on 31 addresses.');
  await expect(page.getByRole('toolbar', { name: 'Selection actions' })).toBeVisible();
  await expectAnnounced(page, 'Sentence selected: Officers seized €3.1 million');
  await page.keyboard.press('Alt+p');
  expect((await readerSelection(page)).text).toMatch(/^Officers seized .* produced the fake packaging\.$/);

  // A collapsed caret in caret mode: axe finds nothing serious.
  await page.keyboard.press('Escape');
  await expect(caret).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.html}`)).toEqual([]);

  // The reader's DOM is exactly as rendered: the caret and selection live outside it.
  expect(await readerDomShape(page)).toBe(shape);
  await page.keyboard.press('F7');
});

test('sentences end where their script ends them: Alt+S in Chinese text stops at "。" and "！"', async ({ page }) => {
  await importArticle(page, 'articles/harbour-notice-zh.txt', '港口通告');
  await tabIntoText(page);
  await expect(page.locator('.reader-caret')).toBeVisible();
  await caretToParagraph(page, '本周二');
  await page.keyboard.press('Alt+s');
  expect((await readerSelection(page)).text).toBe('本周二，海关在码头查获一批冷冻水果集装箱。');
  // Word by word over Chinese text moves by words, not one sentence at a time.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Home');
  await page.keyboard.press('Control+Shift+ArrowRight');
  const word = (await readerSelection(page)).text;
  expect(word.length).toBeGreaterThan(0);
  expect(word.length).toBeLessThan(6);
  // The third sentence ends in a full-width exclamation mark.
  for (let i = 0; i < 40 && !(await readerSelection(page)).text.includes('警方'); i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Alt+s');
  expect((await readerSelection(page)).text).toBe('警方随后在三个省份拘留了十四人！');
});

test('Alt+N and Alt+Shift+N step through the highlights; Enter opens one; closing its card puts focus back on the caret', async ({ page }) => {
  await importArticle(page, 'articles/reference-style-article.txt', 'Investigators in four countries');
  const quotes = ['arrested 212 people', 'began tapping the network', 'more than nine tonnes of tablets'] as const;
  for (const quote of quotes) {
    await selectWithMouse(page, quote);
    await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Highlight' }).click();
    await page.getByRole('button', { name: 'Close passage' }).click();
  }
  await expect.poll(() => highlightedTexts(page)).toHaveLength(3);

  await tabIntoText(page);
  await page.keyboard.press('Control+Home');
  const stepped = () => page.evaluate(() => Array.from(CSS.highlights.get('cf-caret-passage') ?? []).map((r) => (r as Range).toString()));
  await page.keyboard.press('Alt+n');
  await expect.poll(stepped).toEqual([quotes[0]]);
  await expectAnnounced(page, `Highlight 1 of 3: ${quotes[0]}. Enter opens it.`);
  await page.keyboard.press('Alt+n');
  await page.keyboard.press('Alt+n');
  await expect.poll(stepped).toEqual([quotes[2]]);
  await page.keyboard.press('Alt+n');
  await expectAnnounced(page, 'No more highlights after this one.');
  await page.keyboard.press('Alt+Shift+n');
  await expect.poll(stepped).toEqual([quotes[1]]);

  await page.keyboard.press('Enter');
  const card = page.getByRole('dialog', { name: 'Passage' });
  await expect(card.locator('blockquote')).toHaveText(quotes[1]);
  await expect(card.getByRole('combobox', { name: 'Tags' })).toBeFocused();
  await page.keyboard.type('wiretaps');
  await page.keyboard.press('Enter');
  await expectAnnounced(page, 'Tagged wiretaps.');
  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();
  await expect(sourceRegion(page).getByRole('article')).toBeFocused();
  // The caret is at the end of that highlight, so reading goes on from there.
  const after = await readerSelection(page);
  expect(after.block.slice(0, after.at).endsWith(quotes[1])).toBe(true);
});
