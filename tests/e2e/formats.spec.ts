/**
 * The formats other tools speak (issue 14, acceptance 4–6, through the app):
 * the brief as Markdown with Pandoc citations and its sidecar files, which
 * `pandoc --citeproc` turns into the same references as the footnote
 * export; ClaimReview JSON-LD for two claims; reference-manager exports
 * (CSL-JSON, BibTeX, RIS) filling in sources and bringing an attached PDF.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { missingClaimReviewProperties } from '../../shared/export/claimReview';
import { harbourCase } from '../fixtures/export/harbourCase';
import { normaliseText, pandoc, requireTool } from '../unit/shared/export/helpers';
import { fixture, importThroughChooser, newCase, openApp, sourceItems } from './helpers/app';
import { printPdf } from './helpers/pdf';
import { seedCase } from './helpers/seed';
import { expect, test } from './support/fixtures';

/** The reference list of Pandoc's plain output: the paragraphs after "References", notes left out. */
function references(plain: string): string[] {
  return (plain.split(/^References\s*$/m)[1] ?? '')
    .split(/\n\s*\n/)
    .map((entry) => normaliseText(entry.replace(/\s+/g, ' ')))
    .filter((entry) => entry !== '' && !/^-+$/.test(entry) && !/^\[\d+\]/.test(entry));
}

async function downloads(page: Page, count: number, act: () => Promise<void>): Promise<Download[]> {
  const found: Download[] = [];
  const all = new Promise<Download[]>((resolve) => {
    const on = (download: Download) => {
      found.push(download);
      if (found.length === count) {
        page.off('download', on);
        resolve(found);
      }
    };
    page.on('download', on);
  });
  await act();
  return all;
}

test('Pandoc citations: the Markdown and its references compile with pandoc --citeproc into the footnote export’s references', async ({ page }) => {
  const data = harbourCase();
  // The fixture brief marks a disputed claim: make it unverified so the export needs no "anyway".
  data.claims = data.claims.map((c) => (c.id === 'claim-inspected' ? { ...c, status: 'unverified' as const, statusLog: [] } : c));
  await seedCase(page, data);

  await page.getByRole('button', { name: 'Export brief' }).click();
  let dialog = page.getByRole('dialog', { name: 'Export brief' });
  await dialog.getByRole('radio', { name: 'Markdown' }).check();
  await expect(dialog.getByRole('radio', { name: 'Footnotes with quotes' })).toBeChecked();
  const footnoteDownload = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const footnoteMarkdown = readFileSync(await (await footnoteDownload).path(), 'utf8');

  await page.getByRole('button', { name: 'Export brief' }).click();
  dialog = page.getByRole('dialog', { name: 'Export brief' });
  await dialog.getByRole('radio', { name: 'Pandoc citations ([@key])' }).check();
  const files = await downloads(page, 4, () => dialog.getByRole('button', { name: 'Export', exact: true }).click());
  const names = files.map((f) => f.suggestedFilename());
  expect(names).toEqual(['Pier-9-tobacco-seizure-brief.md', 'Pier-9-tobacco-seizure-brief.references.json', 'Pier-9-tobacco-seizure-brief.references.bib', 'Pier-9-tobacco-seizure-brief.csl']);
  const dir = mkdtempSync(join(tmpdir(), 'casefile-pandoc-'));
  for (const [i, file] of files.entries()) copyFileSync(await file.path(), join(dir, names[i]!));
  const markdown = readFileSync(join(dir, names[0]!), 'utf8');
  expect(markdown).toContain('[@okafor2024forty, para. 1]');
  expect(markdown).not.toMatch(/\[\^\d+\]/);

  const result = spawnSync(requireTool('pandoc'), [names[0]!, '--citeproc', '-t', 'plain', '--columns=2000'], { cwd: dir, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  const citeproc = references(result.stdout);
  const footnotes = references(pandoc(footnoteMarkdown, 'plain', ['--columns=2000']));
  expect(citeproc.length).toBe(3);
  expect(citeproc).toEqual(footnotes);
});

test('Export ClaimReview: one review per claim with every required property, the rating following the status on the user’s scale', async ({ page }) => {
  const data = harbourCase();
  await seedCase(page, data);
  await page.getByRole('tab', { name: /Claims/ }).click();
  const claims = page.getByRole('region', { name: 'Claims' });
  await claims.getByRole('button', { name: 'Export ClaimReview' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export ClaimReview' });
  await dialog.getByRole('button', { name: 'Save JSON-LD' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Give the address of the page where the fact-check is published');
  await dialog.getByRole('textbox', { name: 'Fact-check page address' }).fill('https://factcheck.example/pier-9');
  await dialog.getByRole('textbox', { name: 'Publisher (your organisation)' }).fill('Ellery Fact Desk');
  await dialog.getByRole('textbox', { name: 'Verdict for Disputed' }).fill('Misleading');
  await dialog.getByRole('spinbutton', { name: 'Rating for Disputed' }).fill('2');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save JSON-LD' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('Pier-9-tobacco-seizure-claimreview.jsonld');
  const reviews = JSON.parse(readFileSync(await saved.path(), 'utf8')) as Record<string, Record<string, unknown>>[];
  expect(reviews).toHaveLength(2);
  for (const review of reviews) expect(missingClaimReviewProperties(review)).toEqual([]);
  const byClaim = Object.fromEntries(reviews.map((r) => [r.claimReviewed as unknown as string, r]));
  expect(byClaim['Customs seized 40 tonnes of undeclared tobacco at Pier 9']?.reviewRating).toMatchObject({ alternateName: 'True', ratingValue: 5 });
  expect(byClaim['The container was inspected on the quay before the seizure']?.reviewRating).toMatchObject({ alternateName: 'Misleading', ratingValue: 2 });
  expect(byClaim['Customs seized 40 tonnes of undeclared tobacco at Pier 9']?.itemReviewed).toMatchObject({ author: { name: 'Ellery Harbour Customs Authority' }, datePublished: '2024-03-05' });
});

test('Import references: CSL-JSON, BibTeX and RIS fill the matching sources; a reference with a PDF becomes a source from it', async ({ page, browser }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('views/ferry-inquiry.md'));
  await importThroughChooser(page, fixture('views/two-source-a.txt'));
  await importThroughChooser(page, fixture('views/two-source-b.txt'));
  await expect(sourceItems(page)).toHaveCount(3);

  const importReferences = async (file: string) => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import references…' }).click();
    await (await chooser).setFiles(fixture(`views/${file}`));
    return page.getByRole('dialog', { name: 'Import references' });
  };

  // CSL-JSON: the ferry article matches by title; the interim note is new (no PDF).
  let dialog = await importReferences('references.json');
  await expect(dialog.getByRole('listitem').first()).toContainText('Fills in “Ferry operator faces inquiry after engine fire” (same title).');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();
  await expect(sourceItems(page)).toHaveCount(4);
  await expect(sourceItems(page).filter({ hasText: 'Ferry operator faces' })).toContainText('Harbour Ledger');

  // BibTeX: the raid article by title, and the interim note by DOI (created above); its PDF is picked.
  dialog = await importReferences('references.bib');
  await expect(dialog.getByRole('listitem').nth(0)).toContainText('(same title)');
  await expect(dialog.getByRole('listitem').nth(1)).toContainText('(same DOI)');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();
  await sourceItems(page).filter({ hasText: 'Customs raid at Port Velden' }).getByRole('button').first().click();
  await page.getByRole('button', { name: 'Edit details' }).click();
  const details = page.getByRole('dialog', { name: 'Source details' });
  await expect(details.getByRole('textbox', { name: 'URL' })).toHaveValue('https://ledger.example/2024/03/18/velden-raid');
  await expect(details.getByRole('textbox', { name: /Authors/ })).toHaveValue(/Okonkwo/);
  await details.getByRole('button', { name: 'Cancel' }).click();

  // RIS in a fresh case: the interim note is new, and its PDF (named in L1) is picked and imported.
  await newCase(page);
  dialog = await importReferences('references.ris');
  await expect(dialog.getByRole('listitem').nth(1)).toContainText('is not chosen yet');
  const pdf = await printPdf(browser, '<!doctype html><html lang="en"><body><h1>Solstice engine-room fire: interim note</h1><p>The board found a fuel line had split near the port engine.</p></body></html>');
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose PDF files…' }).click();
  await (await chooser).setFiles({ name: 'Maritime Safety Board - 2024 - Solstice engine-room fire interim note.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(dialog.getByRole('listitem').nth(1)).toContainText('New source from its PDF');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();
  await expect(sourceItems(page)).toHaveCount(2);
  await sourceItems(page).filter({ hasText: 'Solstice engine-room fire: interim note' }).getByRole('button').first().click();
  await expect(page.getByRole('region', { name: 'Source' })).toContainText('The board found a fuel line had split near the port engine.');
});
