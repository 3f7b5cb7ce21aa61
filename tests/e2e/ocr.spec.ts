import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { scannedPdf } from '../fixtures/pdf/makers';
import { GARBLED_HTML, GARBLED_PAGE_TWO, NOTICE_LINES, SCAN_STRUCK, SCAN_HTML, SCAN_PAGE_ONE, SCAN_PAGE_TWO, visibleText } from '../fixtures/pdf/sources';
import { wordAccuracy } from '../fixtures/pdf/wordAccuracy';
import { briefBox, fixture, importThroughChooser, newCase, openApp, sourceItems, sourceRegion, squash } from './helpers/app';
import { selectWithMouse } from './helpers/select';

/**
 * Text recognition, end to end in the browser build: a scan made by
 * printing a page the team wrote and rasterising it (tests/fixtures/pdf/makers.ts),
 * a PDF whose second page lost its font's Unicode map, and a PNG and a JPEG of
 * a notice. tesseract.js runs in its worker with the app's own data.
 */

interface StoredOcrSource {
  caseId: string;
  format: string;
  text: string;
  blocks: { start: number; end: number; n: number; kind: string }[];
  ocr?: { engine: string; version: string; languages: string[]; pages: number[]; blocks: { index: number; confidence: number }[]; uncertain: { start: number; end: number }[] };
}

/** The sources of the open case, straight from IndexedDB. */
async function storedSources(page: Page): Promise<StoredOcrSource[]> {
  return page.evaluate(async () => {
    const open = indexedDB.open('casefile');
    const db: IDBDatabase = await new Promise((r) => (open.onsuccess = () => r(open.result)));
    const read = <T,>(store: string): Promise<T[]> =>
      new Promise((r) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => r(req.result as T[]);
      });
    const caseId = (await read<{ id: string; name: string; updatedAt: number }>('cases')).find((c) => c.name === 'Untitled case')?.id;
    const sources = (await read<StoredOcrSource>('sources')).filter((s) => s.caseId === caseId);
    db.close();
    return sources;
  });
}

/** The text of page `n` as the reader shows it. */
async function pageText(page: Page, n: number): Promise<string> {
  // textContent: blocks far off screen are skipped by `content-visibility: auto`, and their innerText is empty.
  const texts = await sourceRegion(page).locator(`.source-body [data-block="${n}"]`).allTextContents();
  return squash(texts.join(' '));
}

function ocrDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Recognise text (OCR)' });
}

/** Long tasks on the page's main thread, from a PerformanceObserver started now. */
async function watchLongTasks(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
  });
  return () => page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

let scan: Buffer;
test.beforeAll(async ({ browser }: { browser: Browser }) => {
  scan = await scannedPdf(browser, SCAN_HTML, 200);
});

test('a scanned PDF is recognised: ≥ 95% of words right, cited by page, unsure words marked, "(OCR)" in every export', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  await newCase(page);
  const longTasks = await watchLongTasks(page);
  // From disk, as a user picks it (a buffer would be injected into the page by the harness, in a task of its own).
  const path = test.info().outputPath('ferry-letter.pdf');
  writeFileSync(path, scan);
  await importThroughChooser(page, path);

  const dialog = ocrDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('“ferry-letter.pdf” has no text layer: it looks scanned.');
  await expect(dialog.getByRole('checkbox', { name: /^English/ })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /^Japanese/ })).not.toBeChecked();
  // Every page is a scan: there is nothing to import without them.
  await expect(dialog.getByRole('button', { name: /^Import without/ })).toHaveCount(0);
  const axe = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await dialog.getByRole('button', { name: 'Recognise text' }).click();

  // Progress per page, with a Cancel that the keyboard reaches.
  const status = page.getByRole('group', { name: 'Import of “ferry-letter.pdf”' });
  await expect(status.getByRole('status')).toHaveText(/Recognising text: page [12] \([12] of 2\)…|Loading text recognition for English…/, { timeout: 30_000 });
  await expect(status.getByRole('progressbar', { name: 'Progress of “ferry-letter.pdf”' })).toBeVisible();
  await expect(status.getByRole('button', { name: 'Cancel importing “ferry-letter.pdf”' })).toBeEnabled();
  await page.screenshot({ path: test.info().outputPath('ocr-progress.png') });

  await expect(sourceItems(page)).toHaveCount(1, { timeout: 180_000 });
  await expect(status).toHaveCount(0);
  const one = await pageText(page, 1);
  const two = await pageText(page, 2);
  const accuracy = { one: wordAccuracy(one, SCAN_PAGE_ONE.join(' ')), two: wordAccuracy(two, SCAN_PAGE_TWO.join(' ')) };
  test.info().annotations.push({ type: 'word accuracy', description: `page 1 ${(accuracy.one * 100).toFixed(1)}%, page 2 ${(accuracy.two * 100).toFixed(1)}%` });
  expect(accuracy.one).toBeGreaterThanOrEqual(0.95);
  expect(accuracy.two).toBeGreaterThanOrEqual(0.95);

  // The snapshot records where its text came from.
  const [stored] = await storedSources(page);
  expect(stored?.format).toBe('pdf');
  expect(stored?.ocr).toMatchObject({ engine: 'tesseract.js', languages: ['eng'], pages: [1, 2] });
  expect(stored?.ocr?.blocks).toHaveLength(stored!.blocks.length);
  for (const block of stored!.ocr!.blocks) expect(block.confidence).toBeGreaterThan(50);

  // Words recognised with low confidence — at least the struck-through figure — carry their own highlight, and the reader says so.
  const uncertain = await page.evaluate(() => [...((CSS.highlights.get('cf-ocr-uncertain') as Highlight | undefined)?.values() ?? [])].map((r) => r.toString()));
  expect(uncertain.length).toBe(stored!.ocr!.uncertain.length);
  expect(uncertain.length).toBeGreaterThanOrEqual(1);
  expect(uncertain.some((word) => /\d/.test(word))).toBe(true);
  await expect(sourceRegion(page).locator('.reader-ocr-note')).toContainText('Text recognised by OCR on pages 1–2 (English; tesseract.js');
  await expect(sourceRegion(page).locator('.reader-ocr-note')).toContainText(/recognised with low confidence (is|are) underlined/);
  await page.screenshot({ path: test.info().outputPath('ocr-reader.png') });

  // A passage on page 2 is cited by page, and its card says it was recognised.
  const sentence = 'We therefore ask the committee to fund a second radar mast on the breakwater before next winter.';
  expect(two).toContain(sentence);
  await selectWithMouse(page, sentence);
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Cite in brief' }).click();
  await expect(briefBox(page).locator('[data-cf-citation]')).toHaveCount(1);
  await selectWithMouse(page, two.slice(two.indexOf('The cost quoted'), two.indexOf('six weeks') + 'six weeks'.length));
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Highlight' }).click();
  const card = page.getByRole('dialog', { name: 'Passage' });
  await expect(card).toContainText('· p. 2');
  // The struck-through figure is among the words the card warns about.
  await expect(card.locator('.passage-ocr-note')).toContainText(/Recognised by OCR, with low confidence for .*“[^”]*\d[^”]*”.*: check against the page before quoting\./);
  test.info().annotations.push({ type: 'uncertain words', description: `${uncertain.join(' | ')} (printed: ${SCAN_STRUCK} struck through)` });
  await card.getByRole('button', { name: 'Close passage' }).click();

  // Exports: Markdown, HTML and Word all say "(OCR)" after the locator.
  const exported = async (format: string) => {
    await page.getByRole('button', { name: 'Export brief' }).click();
    const exportDialog = page.getByRole('dialog', { name: 'Export brief' });
    await expect(exportDialog.getByRole('combobox', { name: 'Citation style' })).toBeEnabled();
    await exportDialog.getByRole('radio', { name: format }).check();
    const download = page.waitForEvent('download');
    await exportDialog.getByRole('button', { name: /^Export( anyway)?$/ }).click();
    return readFileSync(await (await download).path());
  };
  const markdown = (await exported('Markdown')).toString('utf8');
  expect(markdown).toContain(`${sentence}” (p. 2) (OCR).`);
  const html = (await exported('HTML')).toString('utf8');
  expect(html).toMatch(/<q>We therefore ask the committee[^<]*<\/q> \(p\. 2\) \(OCR\)\./);
  const footnotes = new TextDecoder().decode(unzipSync(new Uint8Array(await exported('Word (DOCX)')))['word/footnotes.xml']);
  expect(footnotes).toContain('” (p. 2) (OCR).');

  expect(Math.max(0, ...(await longTasks()))).toBeLessThan(200);
});

test('Cancel stops recognition at once, stores nothing, and the app stays usable', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, { name: 'to-cancel.pdf', mimeType: 'application/pdf', buffer: scan });
  await ocrDialog(page).getByRole('button', { name: 'Recognise text' }).click();
  const status = page.getByRole('group', { name: 'Import of “to-cancel.pdf”' });
  await expect(status.getByRole('status')).toHaveText(/Recognising text: page 1 \(1 of 2\)…/, { timeout: 60_000 });
  const axe = await new AxeBuilder({ page }).include('.import-status-list').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  // Reached and pressed with the keyboard.
  await status.getByRole('button', { name: 'Cancel importing “to-cancel.pdf”' }).focus();
  await page.keyboard.press('Enter');
  await expect(status).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Import of “to-cancel.pdf” cancelled; nothing was added.' })).toBeVisible();
  await expect(page.getByText('No source yet')).toBeVisible();
  expect(await storedSources(page)).toEqual([]);

  // Cancelling the question itself stores nothing either.
  await importThroughChooser(page, { name: 'to-cancel.pdf', mimeType: 'application/pdf', buffer: scan });
  await ocrDialog(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(ocrDialog(page)).toHaveCount(0);
  expect(await storedSources(page)).toEqual([]);
  // The app still takes a text import at once.
  await importThroughChooser(page, fixture('articles/harbour-seizure.txt'));
  await expect(sourceItems(page)).toHaveCount(1);
});

test('a garbled text layer is named by page and offered OCR; after OCR the page reads right and the good page keeps its own text', async ({ page }) => {
  test.setTimeout(180_000);
  const garbled = { name: 'committee-minutes.pdf', mimeType: 'application/pdf', buffer: readFileSync(fixture('pdf/garbled.pdf')) };
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, garbled);
  const dialog = ocrDialog(page);
  await expect(dialog).toContainText('The text layer of “committee-minutes.pdf” does not read as text on page 2');
  // Page 1 reads fine, so importing without page 2 is offered too.
  await expect(dialog.getByRole('button', { name: 'Import without this page' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Recognise text' }).click();
  await expect(sourceItems(page)).toHaveCount(1, { timeout: 150_000 });

  const [pageOne, ...appendix] = [visibleText(GARBLED_HTML).slice(0, 3), visibleText(GARBLED_HTML).slice(3)];
  expect(await pageText(page, 1)).toBe(pageOne!.join(' '));
  const two = await pageText(page, 2);
  expect(wordAccuracy(two, appendix[0]!.join(' '))).toBeGreaterThanOrEqual(0.95);
  expect(two).toContain(GARBLED_PAGE_TWO[0]!.slice(0, 40));
  const [stored] = await storedSources(page);
  expect(stored?.ocr?.pages).toEqual([2]);
  // Only page 2's blocks are recorded as recognised.
  expect(stored!.ocr!.blocks.map((b) => stored!.blocks[b.index]!.n)).toEqual(stored!.blocks.filter((b) => b.n === 2).map(() => 2));
});

test('a PNG and a JPEG of a notice import through OCR', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await newCase(page);
  for (const [name, mimeType] of [
    ['notice.png', 'image/png'],
    ['notice.jpg', 'image/jpeg'],
  ] as const) {
    await test.step(name, async () => {
      const before = await sourceItems(page).count();
      await importThroughChooser(page, { name, mimeType, buffer: readFileSync(fixture(`pdf/${name}`)) });
      const dialog = ocrDialog(page);
      await expect(dialog).toContainText(`“${name}” is an image.`);
      await expect(dialog.getByRole('button', { name: /^Import without/ })).toHaveCount(0);
      await dialog.getByRole('button', { name: 'Recognise text' }).click();
      await expect(sourceItems(page)).toHaveCount(before + 1, { timeout: 120_000 });
      const text = squash((await sourceRegion(page).locator('.source-body > *').allTextContents()).join(' '));
      expect(wordAccuracy(text, NOTICE_LINES.join(' '))).toBeGreaterThanOrEqual(0.95);
      await expect(sourceRegion(page).locator('.reader-ocr-note')).toContainText('Text recognised by OCR (English; tesseract.js');
    });
  }
  const stored = await storedSources(page);
  expect(stored.map((s) => s.format)).toEqual(['image', 'image']);
  // A single image is cited by paragraph.
  expect(stored[0]!.blocks.map((b) => b.kind)).toEqual(stored[0]!.blocks.map(() => 'paragraph'));
});

test('the languages chosen are the ones recognised, only their data is loaded, and the choice is offered again', async ({ page }) => {
  test.setTimeout(180_000);
  const langFiles: string[] = [];
  // Tesseract's worker fetches the data itself; the context sees workers' requests too.
  page.context().on('request', (request) => {
    const match = /\/ocr\/lang\/([a-z_]+)\.traineddata\.gz$/.exec(new URL(request.url()).pathname);
    if (match) langFiles.push(match[1]!);
  });
  await openApp(page);
  await newCase(page);
  const notice = { name: 'notice.png', mimeType: 'image/png', buffer: readFileSync(fixture('pdf/notice.png')) };
  await importThroughChooser(page, notice);
  const dialog = ocrDialog(page);
  const english = dialog.getByRole('checkbox', { name: /^English/ });
  const german = dialog.getByRole('checkbox', { name: /^German/ });
  await expect(english).toBeChecked();
  await expect(german).not.toBeChecked();
  // No language at all is refused in words, and nothing starts.
  await english.uncheck();
  await dialog.getByRole('button', { name: 'Recognise text' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Choose at least one language.');
  await expect(dialog).toBeVisible();
  await german.check();
  await english.check();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Recognise text' }).click();
  await expect(sourceItems(page)).toHaveCount(1, { timeout: 150_000 });

  const [stored] = await storedSources(page);
  expect(stored?.ocr).toMatchObject({ engine: 'tesseract.js', languages: ['eng', 'deu'] });
  expect(stored?.ocr?.version).toMatch(/^\d+\.\d+\.\d+/);
  await expect(sourceRegion(page).locator('.reader-ocr-note')).toContainText('Text recognised by OCR (English and German; tesseract.js');
  // Each language is loaded only when chosen: no other language's data was requested.
  expect([...new Set(langFiles)].sort()).toEqual(['deu', 'eng']);

  // The next file offers the same languages.
  await importThroughChooser(page, { ...notice, name: 'notice-again.png' });
  await expect(dialog.getByRole('checkbox', { name: /^English/ })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /^German/ })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /^Japanese/ })).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(sourceItems(page)).toHaveCount(1);
});
