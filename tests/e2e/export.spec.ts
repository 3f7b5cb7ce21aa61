import AxeBuilder from '@axe-core/playwright';
import { unzipSync } from 'fflate';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Download, Locator, Page } from '@playwright/test';
import { harbourCase, type FixtureCase } from '../fixtures/export/harbourCase';
import { normaliseText, pandoc, pandocNodes, pandocText, requireTool } from '../unit/shared/export/helpers';
import { seedCase } from './helpers/seed';
import { expect, test } from './support/fixtures';

/**
 * The "Export brief" dialog, end to end in the browser build: the fixture
 * case of tests/fixtures/export (3 sources, 6 passages, 2 claims, a brief
 * citing 5 passages in 6 places, one of them twice) is put into IndexedDB and
 * exported through the dialog as a user would; the downloads are checked with
 * pandoc, qpdf, pdftotext and by unzipping the Word file.
 */

const CLI = fileURLToPath(new URL('../../scripts/casefile-cli.mjs', import.meta.url));
const CASE_JSON = fileURLToPath(new URL('../fixtures/export/case.json', import.meta.url));
const TEST_CSL = fileURLToPath(new URL('../fixtures/export/casefile-test.csl', import.meta.url));
const NOTE_CSL = fileURLToPath(new URL('../fixtures/export/casefile-notes.csl', import.meta.url));
const AUTHOR_DATE_CSL = fileURLToPath(new URL('../fixtures/export/casefile-author-date.csl', import.meta.url));

/** Cited passages in document order, repeats included (p-gazette-1 is cited first and last). */
const CITED = ['p-gazette-1', 'p-gazette-2', 'p-gazette-3', 'p-report-1', 'p-interview-1', 'p-gazette-1'];

/** The fixture with a clean brief: the disputed claim it marks is made unverified. */
function cleanCase(): FixtureCase {
  const data = harbourCase();
  return { ...data, claims: data.claims.map((c) => (c.id === 'claim-inspected' ? { ...c, status: 'unverified' as const, statusLog: [] } : c)) };
}

async function openExportDialog(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Export brief' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export brief' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Citation style' })).toBeEnabled();
  return dialog;
}

/** Choose a format and press Export; resolves to the download. */
async function exportAs(page: Page, dialog: Locator, format: string, button = 'Export'): Promise<Download> {
  await dialog.getByRole('radio', { name: format }).check();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: button, exact: true }).click();
  return download;
}

/** Today in the page's time zone, as the dialog puts it into the front matter. */
function pageDate(page: Page): Promise<string> {
  return page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
}

const APA_REFERENCES = [
  'Ellery Harbour Customs Authority. (2024). Annual enforcement report 2023. Ellery Harbour Customs Authority.',
  'Okafor, A. (2024, March 5). Forty tonnes of tobacco seized at Pier 9. Ellery Harbour Gazette. https://gazette.example/2024/03/05/pier-9-seizure',
  'Reyes, T. (2024, March 7). Interview with a Pier 9 dock foreman [Interview]. Harbour Voices. Ellery Community Radio.',
];

test('Markdown: pandoc finds one note per citation with its exact quote, APA references, and the CLI writes the same file', async ({ page }, testInfo) => {
  const data = cleanCase();
  await seedCase(page, data);
  const dialog = await openExportDialog(page);
  await expect(dialog.getByText('All 6 citations check out.')).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Citation style' })).toHaveValue('apa');

  const download = await exportAs(page, dialog, 'Markdown');
  expect(download.suggestedFilename()).toBe('Pier-9-tobacco-seizure-brief.md');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Exported the brief as “Pier-9-tobacco-seizure-brief.md”.' })).toBeVisible();
  const markdown = readFileSync(await download.path(), 'utf8');

  // The numbering rule (shared/brief/citations.ts): 6 citations, 5 notes; the repeat reuses note 1.
  expect(markdown.match(/^\[\^\d+\]:/gm)).toHaveLength(5);
  expect(markdown.match(/\[\^1\](?!:)/g)).toHaveLength(2);

  // The same case through the casefile CLI, on the same day, gives the same bytes.
  const cliOut = testInfo.outputPath('cli.md');
  const cli = spawnSync(process.execPath, [CLI, 'export', CASE_JSON, '--format', 'md', '--date', await pageDate(page), '-o', cliOut], { encoding: 'utf8' });
  expect(cli.status, cli.stderr).toBe(0);
  expect(markdown).toBe(readFileSync(cliOut, 'utf8'));

  const ast = JSON.parse(pandoc(markdown, 'json')) as { blocks: unknown[] };
  const notes = pandocNodes(ast.blocks, 'Note');
  expect(notes).toHaveLength(CITED.length);
  notes.forEach((note, i) => {
    const passage = data.passages.find((p) => p.id === CITED[i]);
    expect(pandocText(note.c)).toContain(normaliseText(passage?.selectors[0].exact ?? '<missing>'));
  });
  expect(pandocText(notes[0]?.c)).toBe(pandocText(notes[5]?.c));
  const plain = pandoc(markdown, 'plain', ['--columns=1000']);
  const references = plain.slice(plain.indexOf('References'));
  for (const reference of APA_REFERENCES) expect(references).toContain(reference);
});

test('PDF: a real file from the local Chromium that qpdf accepts, holding every quote and reference', async ({ page }, testInfo) => {
  // `npm test` makes sure these are installed (tests/tools.mjs); a missing one fails here with its name.
  const qpdf = requireTool('qpdf');
  const pdftotext = requireTool('pdftotext');
  const pdftoppm = requireTool('pdftoppm');
  const data = cleanCase();
  await seedCase(page, data);
  const dialog = await openExportDialog(page);
  await dialog.getByRole('radio', { name: 'PDF' }).check();
  await dialog.getByRole('combobox', { name: 'Page size' }).selectOption('Letter');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  const file = await (await download).path();
  expect((await download).suggestedFilename()).toBe('Pier-9-tobacco-seizure-brief.pdf');

  const check = spawnSync(qpdf, ['--check', file], { encoding: 'utf8' });
  expect(check.status, check.stdout + check.stderr).toBe(0);
  const text = normaliseText(spawnSync(pdftotext, ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).stdout);
  for (const id of new Set(CITED)) {
    const exact = data.passages.find((p) => p.id === id)?.selectors[0].exact ?? '<missing>';
    expect(text).toContain(normaliseText(exact));
  }
  for (const source of data.sources) expect(text).toContain(source.metadata.title);
  expect(text).toContain('What happened at Pier 9');
  // Running title and page numbers come from the same header and footer as the CLI's.
  const pageCount = Number(/Pages:\s+(\d+)/.exec(spawnSync(requireTool('pdfinfo'), [file], { encoding: 'utf8' }).stdout)?.[1]);
  expect(pageCount).toBeGreaterThan(0);
  for (let n = 1; n <= pageCount; n++) expect(text).toMatch(new RegExp(`(^| )${n} ?/ ?${pageCount}( |$)`));
  // The title block once, plus the running title on every page.
  expect(text.split('Pier 9 tobacco seizure').length - 1).toBe(1 + pageCount);
  const info = spawnSync(requireTool('pdfinfo'), [file], { encoding: 'utf8' }).stdout;
  expect(info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);

  const prefix = testInfo.outputPath('page');
  expect(spawnSync(pdftoppm, ['-png', '-r', '60', file, prefix]).status).toBe(0);
  const pages = readdirSync(testInfo.outputDir).filter((name) => name.startsWith('page') && name.endsWith('.png'));
  expect(pages.length).toBeGreaterThan(0);
  for (const name of pages) await testInfo.attach(name, { path: join(testInfo.outputDir, name), contentType: 'image/png' });
});

test('Word: footnotes.xml holds every quote as a real footnote', async ({ page }) => {
  const data = cleanCase();
  await seedCase(page, data);
  const dialog = await openExportDialog(page);
  const download = await exportAs(page, dialog, 'Word (DOCX)');
  expect(download.suggestedFilename()).toBe('Pier-9-tobacco-seizure-brief.docx');
  const zip = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const footnotes = new TextDecoder().decode(zip['word/footnotes.xml']);
  expect(footnotes).toContain('<w:footnote');
  const footnoteText = footnotes.replace(/<[^>]+>/g, '');
  for (const id of new Set(CITED)) {
    const exact = data.passages.find((p) => p.id === id)?.selectors[0].exact ?? '<missing>';
    expect(footnoteText).toContain(exact);
  }
  // Word cannot point two marks at one note, so the repeated citation gets its own footnote.
  expect(new TextDecoder().decode(zip['word/document.xml']).match(/<w:footnoteReference /g)).toHaveLength(CITED.length);
});

test('a user .csl file changes the reference format and is remembered; a broken one gets a specific message', async ({ page }, testInfo) => {
  await seedCase(page, cleanCase());
  let dialog = await openExportDialog(page);

  const broken = testInfo.outputPath('broken.csl');
  writeFileSync(broken, '<?xml version="1.0"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><info><title>No layout</title></info></style>\n');
  let chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Load a .csl file…' }).click();
  await (await chooser).setFiles(broken);
  await expect(dialog.getByRole('alert')).toContainText('“broken.csl” cannot be used as a citation style');
  await expect(dialog.getByRole('combobox', { name: 'Citation style' })).toHaveValue('apa');

  chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Load a .csl file…' }).click();
  await (await chooser).setFiles(TEST_CSL);
  const style = dialog.getByRole('combobox', { name: 'Citation style' });
  await expect(style.locator('option:checked')).toHaveText('Casefile test style (loaded file)');
  await expect(dialog.getByRole('alert')).toHaveCount(0);

  const markdown = readFileSync(await (await exportAs(page, dialog, 'Markdown')).path(), 'utf8');
  const references = markdown.slice(markdown.indexOf('## References'));
  expect(references).toContain('FORTY TONNES OF TOBACCO SEIZED AT PIER 9 — Ada Okafor');
  expect(references).not.toContain('Okafor, A. (2024');

  // The choice is kept for this case.
  dialog = await openExportDialog(page);
  await expect(dialog.getByRole('combobox', { name: 'Citation style' }).locator('option:checked')).toHaveText('Casefile test style (loaded file)');
  await expect(dialog.getByRole('radio', { name: 'Markdown' })).toBeChecked();
});

test('a note-style .csl gives footnotes in its citation layout with Ibid.; an author-date .csl puts (Author Year) in the text of Word and PDF', async ({ page }) => {
  const data = cleanCase();
  await seedCase(page, data);
  const load = async (dialog: Locator, file: string, title: string) => {
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Load a .csl file…' }).click();
    await (await chooser).setFiles(file);
    await expect(dialog.getByRole('combobox', { name: 'Citation style' }).locator('option:checked')).toHaveText(`${title} (loaded file)`);
  };

  // The note style: one footnote per citation, first in full, then "Ibid.", later the short form; each with its quote.
  let dialog = await openExportDialog(page);
  await load(dialog, NOTE_CSL, 'Casefile test notes');
  const markdown = readFileSync(await (await exportAs(page, dialog, 'Markdown')).path(), 'utf8');
  const notes = pandocNodes((JSON.parse(pandoc(markdown, 'json')) as { blocks: unknown[] }).blocks, 'Note').map((n) => pandocText(n.c));
  expect(notes).toHaveLength(CITED.length);
  // (pandocText straightens quotation marks.)
  expect(notes[0]).toMatch(/^Ada Okafor, "Forty tonnes of tobacco seized at Pier 9," Ellery Harbour Gazette, 2024\. "seized forty tonnes/);
  expect(notes[1]).toBe('Ibid. "The shipment had been declared as flat-pack furniture" (para. 2).');
  expect(notes[2]).toMatch(/^Ibid\. /);
  expect(notes[5]).toMatch(/^Okafor, "Forty tonnes of tobacco seized at Pier 9\." "seized forty tonnes/);
  notes.forEach((note, i) => expect(note).toContain(normaliseText(data.passages.find((p) => p.id === CITED[i])?.selectors[0].exact ?? '<missing>')));

  // The author-date style: "(Okafor 2024)" in the running text of the Word file and of the PDF.
  dialog = await openExportDialog(page);
  await load(dialog, AUTHOR_DATE_CSL, 'Casefile test author-date');
  const zip = unzipSync(new Uint8Array(readFileSync(await (await exportAs(page, dialog, 'Word (DOCX)')).path())));
  const body = new TextDecoder().decode(zip['word/document.xml']).replace(/<[^>]+>/g, '');
  expect(body).toContain('of undeclared tobacco (Okafor 2024).');
  expect(body).toContain('inspected on the quay? (Reyes 2024)');
  dialog = await openExportDialog(page);
  const pdf = await (await exportAs(page, dialog, 'PDF')).path();
  const text = normaliseText(spawnSync(requireTool('pdftotext'), ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).stdout);
  expect(text).toContain('(Okafor 2024)');
  expect(text).toContain('(Ellery Harbour Customs Authority 2024)');
});

test('a brief with integrity problems lists them and exports only after “Export anyway”; axe finds nothing serious', async ({ page }, testInfo) => {
  const data = harbourCase(); // claim-inspected is disputed and the brief marks it
  await seedCase(page, { ...data, passages: data.passages.filter((p) => p.id !== 'p-gazette-2') });
  const dialog = await openExportDialog(page);
  const problems = dialog.getByRole('list', { name: 'Problems in this brief' }).getByRole('listitem');
  await expect(problems).toHaveText([
    'Citation 2 points to a passage that has been deleted.',
    'The brief relies on the claim “The container was inspected on the quay before the seizure”, which is marked disputed.',
  ]);
  await expect(dialog.getByRole('button', { name: 'Export', exact: true })).toHaveCount(0);

  await dialog.getByRole('radio', { name: 'PDF' }).check();
  await dialog.getByText('More exports').click();
  await expect(dialog.getByRole('button', { name: 'Claims table as CSV' })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.html}`)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('export-dialog-problems.png') });

  const download = await exportAs(page, dialog, 'Markdown', 'Export anyway');
  const markdown = readFileSync(await download.path(), 'utf8');
  expect(markdown).toMatch(/^\[\^2\]: \\\[missing passage\\\]/m);
});

test('sidecars: the bibliography as CSL-JSON and BibTeX, the claims table as CSV', async ({ page }, testInfo) => {
  const data = cleanCase();
  await seedCase(page, data);
  await page.screenshot({ path: testInfo.outputPath('brief-pane.png') });
  const dialog = await openExportDialog(page);
  await dialog.getByText('More exports').click();
  await page.screenshot({ path: testInfo.outputPath('export-dialog.png') });

  const save = async (name: string) => {
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name }).click();
    const file = await download;
    await expect(dialog.getByRole('status')).toContainText(`Saved “${file.suggestedFilename()}”.`);
    return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
  };
  const csl = await save('Bibliography as CSL-JSON');
  expect(csl.name).toBe('Pier-9-tobacco-seizure-references.json');
  expect((JSON.parse(csl.text) as { id: string; title: string }[]).map((item) => item.title)).toEqual(data.sources.map((s) => s.metadata.title));

  const bib = await save('Bibliography as BibTeX');
  expect(bib.name).toBe('Pier-9-tobacco-seizure-references.bib');
  expect(bib.text.match(/^@\w+\{/gm)).toHaveLength(3);
  expect(bib.text).toContain('title = {Forty tonnes of tobacco seized at {Pier} 9}');

  const csv = await save('Claims table as CSV');
  expect(csv.name).toBe('Pier-9-tobacco-seizure-claims.csv');
  const rows = csv.text.trimEnd().split('\r\n');
  expect(rows[0]).toBe('Claim,Claimant,Status,Supporting,Contradicting,Independent sources,Tags');
  expect(rows).toHaveLength(3);
  expect(rows[1]).toBe('Customs seized 40 tonnes of undeclared tobacco at Pier 9,Ellery Harbour Customs Authority,supported,2,0,2,goods/tobacco');
  // The dialog stays open for the next sidecar.
  await expect(dialog).toBeVisible();
});

test('a failed PDF print shows why and saves nothing; a cancelled export saves nothing either', async ({ page }) => {
  await seedCase(page, cleanCase());
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));

  // The host answers the print request with an error, as it does when Chromium fails.
  await page.route('**/api/invoke/cf%3Apdf%3Arender', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'pdf-failed', message: 'Casefile could not print the brief to PDF: the renderer crashed.' } }) }),
  );
  const dialog = await openExportDialog(page);
  await dialog.getByRole('radio', { name: 'PDF' }).check();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Nothing was saved. Casefile could not print the brief to PDF: the renderer crashed.');
  await expect(dialog.getByRole('button', { name: 'Export', exact: true })).toBeEnabled();

  // Now the print hangs until released; the user cancels meanwhile.
  await page.unroute('**/api/invoke/cf%3Apdf%3Arender');
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let printing = () => undefined as void;
  const printRequested = new Promise<void>((resolve) => (printing = resolve));
  await page.route('**/api/invoke/cf%3Apdf%3Arender', async (route) => {
    printing();
    await released;
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: { $bytes: 'JVBERi0xLjQK' } }) });
  });
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await printRequested;
  await expect(dialog.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  await expect(dialog.getByRole('status')).toContainText('Printing the PDF…');
  await dialog.getByRole('button', { name: 'Cancel export' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Export cancelled; nothing was saved.');
  release();
  await page.waitForTimeout(500);
  await expect(dialog).toBeVisible();
  expect(downloads).toEqual([]);

  // The next export works as usual.
  await page.unroute('**/api/invoke/cf%3Apdf%3Arender');
  const download = await exportAs(page, dialog, 'Markdown');
  expect(download.suggestedFilename()).toBe('Pier-9-tobacco-seizure-brief.md');
});
