import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { fixture, importThroughChooser, newCase, openApp, sourceItems, sourceRegion } from './helpers/app';
import { expect, test } from './support/fixtures';

/**
 * Web pages as their readers saw them: text the page hides is left out (and
 * can be seen on request), page furniture is gone even when the page has no
 * article markup, and formulas keep their text.
 */

/** The reader's text, block by block. */
async function readerBlocks(page: Page): Promise<string[]> {
  return page.locator('.source-body > *').allInnerTexts();
}

test('hidden text is left out, counted, and shown on request; the visible text is unchanged', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('html/hidden-text.html'));
  const reader = sourceRegion(page);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Quay works start on Monday');
  expect(await readerBlocks(page)).toEqual([
    'Quay works start on Monday',
    'The council will begin repairs to the east quay on Monday, closing the footpath between the ferry terminal and the fish market.',
    'Engineers found that two of the stone blocks under the crane rail had shifted during the winter storms.',
    'The work is expected to take six weeks, and traffic will be diverted along Mill Lane.',
    'Read the full engineering report on the council website.',
  ]);
  for (const planted of ['cheap ferry tickets', 'harbour master resigned', 'Draft note', 'Sponsored', 'advertisement', 'Tap here']) await expect(reader).not.toContainText(planted);
  await expect(page.getByRole('status').filter({ hasText: '6 hidden blocks left out' })).toBeVisible();

  const note = reader.getByRole('note');
  await expect(note).toContainText('6 hidden blocks left out: text this page hides from its readers.');
  const main = await new AxeBuilder({ page }).include('main').analyze();
  expect(main.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await note.getByRole('button', { name: 'Show hidden text' }).click();
  const dialog = page.getByRole('dialog', { name: 'Hidden text left out' });
  await expect(dialog.getByRole('listitem')).toHaveText([
    'cheap ferry tickets quay hotel deals best harbour restaurants',
    'Draft note: confirm the cost with the treasurer before publishing.',
    'Sponsored: book your quay-side holiday today.',
    '(advertisement)',
    'Tap here for the engineering report.',
    'The harbour master resigned on Friday after an inquiry.',
  ]);
  const axe = await new AxeBuilder({ page }).include('dialog[open]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // Source details say the same, for the record.
  await reader.getByRole('button', { name: 'Edit details' }).click();
  const details = page.getByRole('dialog', { name: 'Source details' });
  await expect(details).toContainText('6 hidden blocks left out');
  await expect(details).toContainText('Unicode (UTF-8)');

  // In dark mode too, the note, the details and the encoding preview keep their contrast.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  await details.getByRole('button', { name: 'Reopen with encoding…' }).click();
  const reopen = page.getByRole('dialog', { name: 'Reopen with encoding' });
  await expect(reopen.getByLabel('Preview of the file’s beginning')).toContainText('Quay works start on Monday');
  const dark = await new AxeBuilder({ page }).analyze();
  expect(dark.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await reopen.getByRole('button', { name: 'Cancel' }).click();
  await details.getByRole('button', { name: 'Cancel' }).click();
  const darkMain = await new AxeBuilder({ page }).include('main').analyze();
  expect(darkMain.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await expect(note).toBeVisible();
});

test('a page without article markup keeps its body and loses its menus, share and comment widgets', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('html/widgets-no-article.html'));
  await expect(sourceItems(page)).toHaveCount(1);
  expect(await readerBlocks(page)).toEqual([
    'Island ferry timetable changes',
    'The winter timetable for the island ferry starts on 3 November, and the first sailing of the day moves from 06:40 to 07:15.',
    'The operator said the change follows a fall in early passengers since the new bridge opened, and that the last sailing at 21:15 is dropped on weekdays.',
    'Season tickets bought before the change remain valid until they expire.',
  ]);
  await expect(sourceRegion(page).getByRole('note')).toHaveCount(0);
});

test('formulas keep their TeX, alttext or linear text, so no sentence has a hole', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('html/mathml.html'));
  const reader = sourceRegion(page);
  await expect(reader).toContainText('there are two solutions to x^2 - 4 = 0 and they are x = \\pm 2.');
  await expect(reader).toContainText('The mean level is (h + l)/2, halfway between high and low water.');
  expect(await readerBlocks(page)).toContain('√(gd)');
});

test('metadata: a multi-valued property gives the title, and the visible byline wins over the meta author, which Source details still names', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('html/byline.html'));
  await expect(sourceItems(page)).toHaveCount(1);
  await expect(sourceItems(page).first()).toContainText('Ferry fares frozen for the winter');
  const reader = sourceRegion(page);
  await reader.getByRole('button', { name: 'Edit details' }).click();
  const details = page.getByRole('dialog', { name: 'Source details' });
  await expect(details.getByRole('textbox', { name: 'Title' })).toHaveValue('Ferry fares frozen for the winter');
  await expect(details.getByLabel('Authors')).toHaveValue('Tomas Lindqvist');
  await expect(details).toContainText('The page’s metadata names Newsdesk Editor; the author above is the byline the page shows its readers.');
  const axe = await new AxeBuilder({ page }).include('dialog[open]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await details.getByRole('button', { name: 'Cancel' }).click();
});
