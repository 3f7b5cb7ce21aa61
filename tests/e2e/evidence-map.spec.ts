/**
 * The Evidence map (issue 14, acceptance 3): a case with a single-source
 * claim and a claim supported by two independent sources marks exactly the
 * single-source one; a cell opens its evidence; the SVG export is valid;
 * the map goes into the brief as a figure that shows in the PDF, HTML and
 * Word exports.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { harbourCase } from '../fixtures/export/harbourCase';
import { requireTool } from '../unit/shared/export/helpers';
import { briefBox } from './helpers/app';
import { seedCase } from './helpers/seed';
import { expect, test } from './support/fixtures';

async function flashedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    let text = '';
    CSS.highlights.get('cf-flash')?.forEach((range) => (text += (range as Range).toString()));
    return text;
  });
}

/** Export the brief in a format through the dialog; resolves to the saved file's path. */
async function exportBrief(page: Page, format: string): Promise<string> {
  await page.getByRole('button', { name: 'Export brief' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export brief' });
  await dialog.getByRole('radio', { name: format }).check();
  const download = page.waitForEvent('download');
  const exportButton = dialog.getByRole('button', { name: /^Export( anyway)?$/ });
  await exportButton.click();
  const path = await (await download).path();
  // The dialog closes itself after saving the brief.
  await expect(dialog).toBeHidden();
  return path;
}

test('the evidence map marks the single-source claim, opens evidence, exports SVG/PNG and goes into the brief as a figure', async ({ page }) => {
  await seedCase(page, harbourCase());
  await page.getByRole('tab', { name: 'Evidence map' }).click();
  const pane = page.getByRole('region', { name: 'Evidence map' });
  await expect(pane.getByRole('status')).toHaveText('2 claims · 1 rest on one source · 0 on sources that are not independent · 0 without support');

  // The list view: exactly the single-source claim is flagged.
  await pane.getByRole('group', { name: 'View' }).getByRole('button', { name: 'List' }).click();
  const items = pane.locator('.map-list > li');
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: 'The container was inspected on the quay' })).toContainText('Rests on one source');
  await expect(items.filter({ hasText: 'Customs seized 40 tonnes' }).locator('.map-flag')).toHaveCount(0);
  await items.filter({ hasText: 'Customs seized 40 tonnes' }).getByRole('button', { name: /Interview with a Pier 9 dock foreman: supports/ }).click();
  await expect.poll(() => flashedText(page)).toBe('the inspection had been ordered two weeks before the ship arrived');

  // The graph: claims linked to their sources; a claim's node opens its evidence.
  await pane.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Graph' }).click();
  const graph = pane.getByRole('group', { name: 'Graph of 2 claims and 3 sources' });
  await expect(graph.locator('path.map-link')).toHaveCount(5);
  await graph.getByRole('button', { name: 'The container was inspected on the quay before the seizure. Rests on one source.' }).click();
  await expect.poll(() => flashedText(page)).toBe('the seizure was “the largest in the port’s history”');

  // The matrix: clicking a cell opens its evidence; so does Enter on the current cell.
  await pane.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Matrix' }).click();
  const matrix = pane.getByRole('application', { name: /Evidence matrix of 2 claims and 3 sources/ });
  await matrix.click({ position: { x: 322 + 11, y: 140 + 11 } });
  await expect.poll(() => flashedText(page)).toBe('seized forty tonnes of undeclared tobacco from a container ship at Pier 9');
  await expect(pane.getByRole('group', { name: 'Evidence in this cell' })).toContainText('Customs seized 40 tonnes');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect.poll(() => flashedText(page)).toBe('the seizure was “the largest in the port’s history”');

  // SVG: a valid SVG document that names the flag.
  const svgDownload = page.waitForEvent('download');
  await pane.getByRole('button', { name: 'Export map as SVG' }).click();
  const svg = readFileSync(await (await svgDownload).path(), 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.localName, rects: doc.querySelectorAll('rect[rx="3"]').length };
  }, svg);
  expect(parsed).toEqual({ error: null, root: 'svg', rects: 5 });
  expect(svg).toContain('<desc id="map-desc">Evidence map of 2 claims and 3 sources. On one source: 1;');
  expect(svg).toContain('>Rests on one source</text>');

  // PNG: a real PNG.
  const pngDownload = page.waitForEvent('download');
  await pane.getByRole('button', { name: 'Export map as PNG' }).click();
  const png = readFileSync(await (await pngDownload).path());
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  // Into the brief as a figure, and out again in PDF, HTML and Word.
  await pane.getByRole('button', { name: 'Insert map into brief' }).click();
  await expect(page.getByRole('tab', { name: 'Brief' })).toHaveAttribute('aria-selected', 'true');
  await expect(briefBox(page).getByRole('img', { name: /Evidence map of 2 claims and 3 sources/ })).toBeVisible();
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();

  const pdf = await exportBrief(page, 'PDF');
  const text = spawnSync(requireTool('pdftotext'), ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
  expect(text).toContain('Rests on one source');
  expect(text).toContain('The container was inspected on');
  const html = readFileSync(await exportBrief(page, 'HTML'), 'utf8');
  expect(html).toMatch(/<figure class="brief-figure"><img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="Evidence map of 2 claims and 3 sources/);
  const docx = unzipSync(new Uint8Array(readFileSync(await exportBrief(page, 'Word (DOCX)'))));
  const media = Object.keys(docx).filter((name) => name.startsWith('word/media/'));
  expect(media).toHaveLength(1);
  expect([...docx[media[0]!]!.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
});
