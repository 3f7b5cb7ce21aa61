import AxeBuilder from '@axe-core/playwright';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { pandoc, requireTool } from '../unit/shared/export/helpers';
import { briefBox, fixture, importThroughChooser, newCase, openApp, sourceItems, sourceRegion } from './helpers/app';
import { highlightedTexts, selectWithMouse } from './helpers/select';
import { expect, test } from './support/fixtures';

/**
 * Arabic and Hebrew sources (team-written articles in tests/fixtures/rtl):
 * each block of the reader runs right to left, and a passage selected with
 * the mouse is highlighted, listed, found by search and cited with its exact
 * words; the Markdown and PDF exports keep the quote exact and its direction.
 */

const AR_QUOTE = 'العوامات الجديدة في قناة الاقتراب أصبحت أوضح في الليل';
const HE_QUOTE = 'העלות עלתה בחמישית';
const AR_BRIEF = 'بحسب مدير الميناء';

async function directionOf(page: Page, words: string): Promise<string> {
  return page.evaluate((needle) => {
    const block = [...document.querySelectorAll('.source-body > *')].find((el) => el.textContent?.includes(needle));
    return block ? getComputedStyle(block).direction : 'missing';
  }, words);
}

async function citeSelection(page: Page, words: string): Promise<void> {
  await selectWithMouse(page, words);
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Cite in brief' }).click();
}

async function exportBrief(page: Page, format: 'Markdown' | 'PDF'): Promise<string> {
  await page.getByRole('button', { name: 'Export brief' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export brief' });
  await expect(dialog.getByRole('combobox', { name: 'Citation style' })).toBeEnabled();
  await dialog.getByRole('radio', { name: format }).check();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const path = await (await download).path();
  await expect(dialog).toBeHidden();
  return path;
}

test('Arabic and Hebrew sources read right to left; passages are highlighted, found, cited and exported with their exact words and direction', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await openApp(page);
  await newCase(page);

  await importThroughChooser(page, fixture('rtl/velden-ar.html'));
  const reader = sourceRegion(page);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('عوامات جديدة في ميناء فيلدن');
  expect(await directionOf(page, 'قال مدير الميناء')).toBe('rtl');
  // Mixed text: the Latin word and the year stay inside their right-to-left paragraph.
  expect(await directionOf(page, '(dredging)')).toBe('rtl');

  // Highlight by mouse: the passage holds exactly the words selected.
  await selectWithMouse(page, AR_QUOTE);
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Highlight' }).click();
  await expect.poll(() => highlightedTexts(page)).toEqual([AR_QUOTE]);
  const passages = page.getByRole('list', { name: 'Passages' }).getByRole('listitem');
  await expect(passages).toHaveCount(1);
  await expect(passages.first()).toContainText(AR_QUOTE);

  // Find in source finds Arabic words.
  await page.getByRole('dialog', { name: 'Passage' }).getByRole('button', { name: 'Close' }).click();
  await reader.getByRole('article').focus();
  await page.keyboard.press('Control+f');
  await page.getByRole('searchbox', { name: 'Find in source' }).fill('الميناء');
  await expect(page.getByRole('search', { name: 'Find in source' }).getByRole('status')).toHaveText('1 of 1');
  await page.keyboard.press('Escape');

  // The brief: Arabic typed by the user, then a citation of the same passage.
  const brief = briefBox(page);
  await brief.click();
  await page.keyboard.type(AR_BRIEF);
  await citeSelection(page, AR_QUOTE);
  await expect(brief.getByRole('link', { name: 'Citation 1' })).toBeVisible();
  expect(await brief.locator('p').first().evaluate((p) => getComputedStyle(p).direction)).toBe('rtl');

  // A Hebrew plain-text source, cited second.
  await importThroughChooser(page, fixture('rtl/velden-he.txt'));
  await expect(sourceItems(page)).toHaveCount(2);
  await expect(reader).toContainText(HE_QUOTE);
  expect(await directionOf(page, HE_QUOTE)).toBe('rtl');
  await brief.click();
  await page.keyboard.press('Control+End');
  await citeSelection(page, HE_QUOTE);
  await expect(brief.getByRole('link', { name: 'Citation 2' })).toBeVisible();

  const axe = await new AxeBuilder({ page }).include('main').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  // Markdown: the quotes exact, in Pandoc right-to-left spans; the Arabic paragraph in a right-to-left div.
  const markdown = readFileSync(await exportBrief(page, 'Markdown'), 'utf8');
  expect(markdown).toContain(`“[${AR_QUOTE}]{dir="rtl"}”`);
  expect(markdown).toContain(`“[${HE_QUOTE}]{dir="rtl"}”`);
  expect(markdown).toMatch(new RegExp(`::: \\{dir="rtl"\\}\\n${AR_BRIEF}[^\\n]*\\[\\^1\\]`));
  const html = pandoc(markdown, 'html5', ['--wrap=none']);
  expect(html).toContain(`<span dir="rtl">${AR_QUOTE}</span>`);
  expect(html).toContain(`<span dir="rtl">${HE_QUOTE}</span>`);

  // PDF: the quotes are in the text layer, and they are laid out right to left.
  const pdf = await exportBrief(page, 'PDF');
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  // pdftotext marks direction runs with bidi controls, which are not part of the words.
  const text = spawnSync(requireTool('pdftotext'), ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).stdout.replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
  expect(text).toContain(HE_QUOTE);
  // Arabic words with a lam-alef ligature come out of pdftotext with the ligature's letters swapped, so those are left out here.
  const words = (s: string) => s.replace(/[^\p{L}\s]/gu, ' ').split(/\s+/).filter(Boolean);
  for (const word of words(AR_QUOTE).filter((w) => !/لا/.test(w))) expect(text).toContain(word);
  const raw = spawnSync(requireTool('pdftotext'), ['-enc', 'UTF-8', '-bbox', pdf, '-'], { encoding: 'utf8' }).stdout;
  // pdftotext's box list gives words as drawn, so a right-to-left word comes out with its letters reversed;
  // the first word of the quote sits to the right of its second word.
  const box = (word: string) => Number(new RegExp(`<word xMin="([\\d.]+)"[^>]*>[“”]?${[...word].reverse().join('')}[“”]?</word>`).exec(raw)?.[1] ?? NaN);
  const [first, second] = words(HE_QUOTE);
  expect(box(first!)).toBeGreaterThan(box(second!));
  const png = testInfo.outputPath('rtl-brief');
  spawnSync(requireTool('pdftoppm'), ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, png]);
  writeFileSync(testInfo.outputPath('rtl-brief.md'), markdown);
});
