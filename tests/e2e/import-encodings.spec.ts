import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Page } from '@playwright/test';
import { fixture, importThroughChooser, newCase, openApp, openUrlDialog, sourceItems, sourceRegion } from './helpers/app';
import { highlightedTexts, selectWithMouse } from './helpers/select';
import { expect, test } from './support/fixtures';

/**
 * Text files in the encodings people still receive (tests/fixtures/encodings,
 * made with iconv from the team's texts in texts.json) import with the right
 * text; Source details says which encoding was used, and "Reopen with
 * encoding…" reads the original bytes again.
 */

interface EncodingFixture {
  file: string;
  lines: string[];
}

const TEXTS: EncodingFixture[] = JSON.parse(readFileSync(fixture('encodings/texts.json'), 'utf8'));

const CASES: { file: string; shown: RegExp; sentence: string }[] = [
  { file: 'windows-1252.txt', shown: /^Western \(Windows-1252, Latin-1\), detected/, sentence: 'Le coût est estimé à 4 500 € ; la capitainerie publiera les chiffres définitifs en février.' },
  { file: 'latin-1-meta.html', shown: /^Western \(Windows-1252, Latin-1\), as the file declares \(“iso-8859-1”\)/, sentence: 'Die Gebühren für große Schiffe steigen um fünf Prozent.' },
  { file: 'utf-16le-no-bom.txt', shown: /^Unicode \(UTF-16 little-endian\), recognised from its byte pattern/, sentence: 'Café owners on the quay asked for longer opening hours.' },
  { file: 'utf-16be-no-bom.txt', shown: /^Unicode \(UTF-16 big-endian\), recognised from its byte pattern/, sentence: 'Café owners on the quay asked for longer opening hours.' },
  { file: 'shift_jis.txt', shown: /^Japanese \(Shift_JIS\), detected/, sentence: '水先人によると、新しいブイは夜間でも見やすくなった。' },
  { file: 'gb18030.txt', shown: /^Chinese, Simplified \(GB18030\), detected/, sentence: '引航员表示，新的浮标在夜间更容易看见。' },
];

async function openDetails(page: Page) {
  await sourceRegion(page).getByRole('button', { name: 'Edit details' }).click();
  const dialog = page.getByRole('dialog', { name: 'Source details' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('files in six encodings import with the right text, and Source details names the encoding', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await newCase(page);
  const reader = sourceRegion(page);
  for (const [i, c] of CASES.entries()) {
    await test.step(c.file, async () => {
      await importThroughChooser(page, fixture(`encodings/${c.file}`));
      await expect(sourceItems(page)).toHaveCount(i + 1);
      await expect(reader).toContainText(c.sentence);
      await expect(reader).not.toContainText('\ufffd');
      const lines = TEXTS.find((t) => t.file === c.file)!.lines.filter((l) => l && !l.startsWith('<'));
      for (const line of lines.slice(1)) await expect(reader).toContainText(line);
      const dialog = await openDetails(page);
      await expect(dialog.getByRole('definition').filter({ hasText: /encoding|Unicode|Western|Japanese|Chinese/ }).first()).toContainText(c.shown);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
    });
  }
});

test('Reopen with encoding re-reads the original bytes as a new revision; a passage whose words are gone becomes an orphan, and Undo puts it back', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('encodings/shift_jis.txt'));
  const reader = sourceRegion(page);
  const sentence = '新しいブイは夜間でも見やすくなった';
  await expect(reader).toContainText(sentence);
  await selectWithMouse(page, sentence);
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Highlight' }).click();
  await page.getByRole('dialog', { name: 'Passage' }).getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => highlightedTexts(page)).toEqual([sentence]);

  const dialog = await openDetails(page);
  await expect(dialog).toContainText('Japanese (Shift_JIS), detected');
  const fingerprint = await dialog.getByText(/SHA-256 [0-9a-f]{12}…/).textContent();
  await dialog.getByRole('button', { name: 'Reopen with encoding…' }).click();
  const reopen = page.getByRole('dialog', { name: 'Reopen with encoding' });
  await expect(reopen).toContainText('This source has 1 passage.');
  const encoding = reopen.getByRole('combobox', { name: 'Encoding' });
  await expect(encoding).toHaveValue('shift_jis');
  await encoding.selectOption({ label: 'Western (Windows-1252, Latin-1)' });
  // The preview shows the file's beginning in the chosen encoding before anything changes.
  await expect(reopen.getByLabel('Preview of the file’s beginning')).toContainText('ƒ”ƒFƒ‹ƒfƒ“');
  const axe = await new AxeBuilder({ page }).include('dialog[open]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await reopen.getByRole('button', { name: 'Reopen' }).click();
  await expect(reopen).toBeHidden();
  // Nothing was typed in Source details, so it closes too: the reader shows the re-read text, and Undo is in reach.
  await expect(dialog).toBeHidden();
  const status = page.getByRole('status').filter({ hasText: 'Reopened “ヴェルデン港の報告” as Western (Windows-1252, Latin-1) (revision 2) · 0 passages placed · 1 orphaned — see Passages' });
  await expect(status).toBeVisible();
  await expect(reader).toContainText('ƒ”ƒFƒ‹ƒfƒ“');
  await expect.poll(() => highlightedTexts(page)).toEqual([]);
  // The orphan keeps its quote, listed for attaching by hand.
  await expect(page.getByRole('region', { name: 'Orphaned passages (1)' })).toContainText(sentence);

  // Undo: revision 1 as it was, the passage highlighted in place again.
  await status.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored revision 1 of “ヴェルデン港の報告” and its passages.' })).toBeVisible();
  await expect(reader).toContainText(sentence);
  await expect.poll(() => highlightedTexts(page)).toEqual([sentence]);
  await expect(page.getByRole('region', { name: /^Orphaned passages/ })).toHaveCount(0);
  await openDetails(page);
  await expect(dialog).toContainText('Japanese (Shift_JIS), detected');

  // Details being edited stay open after a reopen, so nothing typed there is lost; the choice is recorded, and the fingerprint never changes.
  await dialog.getByRole('textbox', { name: 'Publication' }).fill('Velden Harbour Office');
  await dialog.getByRole('button', { name: 'Reopen with encoding…' }).click();
  await reopen.getByRole('combobox', { name: 'Encoding' }).selectOption('shift_jis');
  await reopen.getByRole('button', { name: 'Reopen' }).click();
  await expect(reopen).toBeHidden();
  await expect(dialog.getByRole('textbox', { name: 'Publication' })).toHaveValue('Velden Harbour Office');
  await expect(reader).toContainText(sentence);
  await expect.poll(() => highlightedTexts(page)).toEqual([sentence]);
  await expect(dialog).toContainText('Japanese (Shift_JIS), chosen with “Reopen with encoding…”');
  expect(await dialog.getByText(/SHA-256 [0-9a-f]{12}…/).textContent()).toBe(fingerprint);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(sourceItems(page)).toHaveCount(1);
});

test('a page fetched from a URL is read in the charset its server declares, and Source details says so', async ({ page }) => {
  // A team-written Lithuanian notice in Windows-1257 (its non-ASCII letters spelled out as that encoding's bytes); detection alone reads it as Latin-1.
  const notice = 'Keltas į Nidą išplaukia septintą valandą ryto.';
  const baltic: Record<string, number> = { į: 0xe1, ą: 0xe0, š: 0xf0 };
  const bytes = Buffer.from(Array.from(notice, (c) => baltic[c] ?? c.charCodeAt(0)));
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain; charset=windows-1257' }).end(bytes));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await openApp(page);
    await newCase(page);
    const dialog = await openUrlDialog(page, { allowLocal: true });
    await dialog.getByRole('textbox', { name: 'Address' }).fill(`http://127.0.0.1:${(server.address() as { port: number }).port}/keltas`);
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(dialog).toBeHidden();
    await expect(sourceRegion(page)).toContainText(notice);
    const details = await openDetails(page);
    await expect(details).toContainText('Baltic (Windows-1257), as the web server declares (“charset=windows-1257”)');
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
