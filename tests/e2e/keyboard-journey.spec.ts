import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { briefBox, fixture, openApp, sourceRegion } from './helpers/app';
import { countMouseEvents, expectAnnounced, readerSelection, recordAnnouncements, tabUntil } from './helpers/keyboard';
import { highlightedTexts } from './helpers/select';
import { expect, test } from './support/fixtures';

const PARAGRAPH_START = 'Officers seized €3.1 million in cash';
const SENTENCE = 'In Poland, police closed two unlicensed pressing plants and a printing shop that produced the fake packaging.';

/**
 * Annotating without a mouse, end to end: the page never sees a mouse or
 * pointer event (counted from before the app loads), and the test never calls
 * Playwright's mouse.
 */
test('a keyboard-only journey: import, caret to a sentence, select it by words, Alt+A, highlight, tag, cite, export', async ({ page }, testInfo) => {
  const mouseEvents = await countMouseEvents(page);
  await recordAnnouncements(page);
  await openApp(page);

  // A new case from the command palette, then Ctrl+O imports the article.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('New case');
  await page.keyboard.press('Enter');
  await expect(page.getByText('No source yet')).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await chooser).setFiles(fixture('articles/reference-style-article.txt'));
  await expect(sourceRegion(page)).toContainText(SENTENCE);

  // Tab into the text: caret mode comes on by itself, with a visible caret and its keys described.
  const text = sourceRegion(page).getByRole('article');
  await tabUntil(page, (_name, tag) => tag === 'article', 'the text of the source');
  await expect(text).toBeFocused();
  await expect(page.locator('.reader-caret')).toBeVisible();
  await expect(page.getByText(/^Caret mode ·/)).toBeVisible();

  // Down to the paragraph, to its start, then word by word to the end of its first sentence.
  for (let i = 0; i < 120 && !(await readerSelection(page)).block.startsWith(PARAGRAPH_START); i++) await page.keyboard.press('ArrowDown');
  expect((await readerSelection(page)).block).toContain(SENTENCE);
  // The caret arrived on the paragraph's first line: Home takes it to the start.
  await page.keyboard.press('Home');
  expect((await readerSelection(page)).at).toBe(0);
  const sentenceStart = (await readerSelection(page)).block.indexOf(SENTENCE);
  for (let i = 0; i < 40 && (await readerSelection(page)).at < sentenceStart - 2; i++) await page.keyboard.press('Control+ArrowRight');
  expect((await readerSelection(page)).at).toBe(sentenceStart - 2); // after "addresses", before ". "
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect((await readerSelection(page)).at).toBe(sentenceStart);
  await expectAnnounced(page, 'space');

  // Select the sentence word by word, then its full stop by one character.
  for (let i = 0; i < 40 && !SENTENCE.startsWith(`${(await readerSelection(page)).text}.`); i++) await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  expect((await readerSelection(page)).text).toBe(SENTENCE);
  const toolbar = page.getByRole('toolbar', { name: 'Selection actions' });
  await expect(toolbar).toBeVisible();
  await expectAnnounced(page, 'Selection actions: press Alt+A.');

  // axe, in caret mode with a keyboard selection and its toolbar.
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.html}`)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('caret-selection.png') });

  // Alt+A into the toolbar; Escape goes back to the caret with the selection kept; Alt+A again.
  await page.keyboard.press('Alt+a');
  await expect(toolbar.getByRole('button', { name: 'Highlight' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(text).toBeFocused();
  expect((await readerSelection(page)).text).toBe(SENTENCE);
  await page.keyboard.press('Alt+a');
  await expect(toolbar.getByRole('button', { name: 'Highlight' })).toBeFocused();

  // Highlight, then tag it: the card's tag field has focus, and the result is announced.
  await page.keyboard.press('Enter');
  const card = page.getByRole('dialog', { name: 'Passage' });
  await expect(card.locator('blockquote')).toHaveText(SENTENCE);
  await expect(card.getByRole('combobox', { name: 'Tags' })).toBeFocused();
  await page.keyboard.type('seizures');
  await page.keyboard.press('Enter');
  await expect(card.getByRole('button', { name: 'Remove tag seizures' })).toBeVisible();
  await expectAnnounced(page, 'Highlight added, tagged seizures.');
  expect(await highlightedTexts(page)).toEqual([SENTENCE]);

  // Cite it in the brief from the card, then Escape back to the text.
  await tabUntil(page, (name) => name === 'Cite in brief', 'Cite in brief');
  await page.keyboard.press('Enter');
  await expect(briefBox(page).getByRole('link', { name: 'Citation 1' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();
  await expect(text).toBeFocused();

  // Export the brief as Markdown through the dialog.
  await tabUntil(page, (name) => name === 'Export brief', 'Export brief');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Export brief' });
  await expect(dialog.getByText('All 1 citation checks out.')).toBeVisible();
  await expect(dialog.getByRole('radio', { name: 'Markdown' })).toBeChecked();
  await tabUntil(page, (name, tag) => tag === 'button' && name === 'Export', 'Export');
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const markdown = readFileSync(await (await download).path(), 'utf8');
  expect(markdown.replace(/\s+/g, ' ')).toContain(`“${SENTENCE}” (para. 7).`);
  expect(markdown).toMatch(/\[\^1\]/);

  expect(await mouseEvents()).toEqual([]);
});
