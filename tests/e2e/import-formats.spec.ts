import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { createServer, type Server } from 'node:http';
import { newCase, openApp, openUrlDialog, sourceItems, sourceRegion } from './helpers/app';
import { selectWithMouse } from './helpers/select';
import { writePdf } from '../unit/helpers/pdfWriter';
import { PAGE_TWO_SENTENCE, printPdf, REPORT_HTML } from './helpers/pdf';

/**
 * PDF, Word and web-page sources. Every fixture is made by the test itself:
 * PDFs are printed by Chromium from HTML written here, the Word file is built
 * with the `docx` package, and web pages come from a loopback server.
 */

/** A "scan": a screenshot of typed text, placed as the only thing on two printed pages. */
async function printScannedPdf(browser: Browser): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 700, height: 500 } });
  try {
    await page.setContent('<p style="font: 20px serif; margin: 40px">Scanned letter from the ferry operator, received by post.</p>');
    const png = (await page.screenshot()).toString('base64');
    await page.setContent(
      `<!doctype html><html><body style="margin:0"><img src="data:image/png;base64,${png}" style="width:100%"><img src="data:image/png;base64,${png}" style="width:100%; break-before: page"></body></html>`,
    );
    return await page.pdf({ format: 'A4' });
  } finally {
    await page.close();
  }
}

async function chooseFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import source' }).click();
  await (await chooser).setFiles(file);
}

interface StoredSource {
  id: string;
  format: string;
  html?: string;
  fetched?: { url: string; finalUrl: string; fetchedAt: number };
}

/** The sources of the case `newCase` made ("Untitled case"), with their stored originals, read straight from IndexedDB. */
async function storedSources(page: Page): Promise<{ sources: StoredSource[]; blobs: { length: number; head: number[]; mediaType: string }[] }> {
  return page.evaluate(async () => {
    const open = indexedDB.open('casefile');
    const db: IDBDatabase = await new Promise((r) => (open.onsuccess = () => r(open.result)));
    const read = <T,>(store: string): Promise<T[]> =>
      new Promise((r) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => r(req.result as T[]);
      });
    const caseId = (await read<{ id: string; name: string }>('cases')).find((c) => c.name === 'Untitled case')?.id;
    const sources = (await read<StoredSource & { caseId: string }>('sources')).filter((s) => s.caseId === caseId);
    const ids = new Set(sources.map((s) => s.id));
    const blobs = (await read<{ sourceId: string; bytes: Uint8Array; mediaType: string }>('sourceBlobs'))
      .filter((b) => ids.has(b.sourceId))
      .map((b) => ({ length: b.bytes.byteLength, head: Array.from(b.bytes.slice(0, 5)), mediaType: b.mediaType }));
    db.close();
    return { sources, blobs };
  });
}

test('a PDF imports with its text, and a passage on page 2 is located on page 2', async ({ page, browser }) => {
  const pdf = await printPdf(browser, REPORT_HTML);
  await openApp(page);
  await newCase(page);
  await chooseFile(page, { name: 'harbour-review.pdf', mimeType: 'application/pdf', buffer: pdf });

  const reader = sourceRegion(page);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Harbour operations review');
  await expect(reader).toContainText('Pilots reported that the new buoys on the approach channel were easier to see at night than the old ones.');
  await expect(reader).toContainText(PAGE_TWO_SENTENCE);
  // Each page starts with a "Page N" label, drawn outside the text.
  const pageStarts = reader.locator('.source-page-start');
  await expect(pageStarts).toHaveCount(2);
  await expect(pageStarts.nth(1)).toHaveAttribute('data-page', '2');
  await expect(pageStarts.nth(1)).toHaveText(/^Delays/);
  await expect(sourceItems(page)).toHaveCount(1);
  await expect(sourceItems(page).first()).toContainText('harbour-review.pdf');
  await page.screenshot({ path: test.info().outputPath('pdf-source.png') });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.html}`)).toEqual([]);

  await selectWithMouse(page, PAGE_TWO_SENTENCE);
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Highlight' }).click();
  const card = page.getByRole('dialog', { name: 'Passage' });
  await expect(card.locator('blockquote')).toHaveText(PAGE_TWO_SENTENCE);
  await expect(card).toContainText('Harbour operations review · p. 2');
  await card.getByRole('button', { name: 'Close passage' }).click();
  const passages = page.getByRole('list', { name: 'Passages' });
  await expect(passages.getByRole('listitem')).toHaveCount(1);
  await expect(passages.getByRole('listitem').first()).toContainText('Harbour operations review · p. 2');

  // The original PDF is kept byte for byte next to the snapshot.
  const stored = (await storedSources(page)).blobs;
  expect(stored).toEqual([{ length: pdf.byteLength, head: Array.from(pdf.subarray(0, 5)), mediaType: 'application/pdf' }]);
});

test('a scanned PDF with no text layer is offered OCR, and declining it stores nothing', async ({ page, browser }) => {
  const scan = await printScannedPdf(browser);
  await openApp(page);
  await newCase(page);
  await chooseFile(page, { name: 'posted-letter.pdf', mimeType: 'application/pdf', buffer: scan });
  const dialog = page.getByRole('dialog', { name: 'Recognise text (OCR)' });
  await expect(dialog).toContainText('“posted-letter.pdf” has no text layer: it looks scanned. Casefile can recognise the text of every page from the page image (OCR), on this computer.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('No source yet')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Sources in this case' })).toHaveCount(0);
  expect(await storedSources(page)).toEqual({ sources: [], blobs: [] });
});

test('a PDF holding only form fields imports their names and values as text, and says so', async ({ page }) => {
  const form = writePdf([
    {
      fields: [
        { name: 'applicant', label: 'Name of applicant', kind: 'text', value: 'Eastern Slipway Cooperative' },
        { name: 'berth', kind: 'text', value: 'Berth 14' },
        { name: 'hazardous', label: 'Hazardous cargo', kind: 'checkbox', value: 'Yes' },
        { name: 'remarks', kind: 'text', value: '' },
      ],
    },
  ]);
  await openApp(page);
  await newCase(page);
  await chooseFile(page, { name: 'berth-application.pdf', mimeType: 'application/pdf', buffer: Buffer.from(form) });

  await expect(page.locator('.toasts')).toContainText(
    '“berth-application.pdf” has no text of its own, only form fields: their names and values were imported as text.',
  );
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(sourceItems(page)).toHaveCount(1);
  const body = sourceRegion(page).locator('.source-body');
  await expect(body.locator('.source-block')).toHaveText([
    'Name of applicant: Eastern Slipway Cooperative',
    'berth: Berth 14',
    'Hazardous cargo: Yes',
    'remarks: (empty)',
  ]);
  await expect(body.locator('.source-page-start')).toHaveAttribute('data-page', '1');
});

test('a Word document imports as sanitised text', async ({ page }) => {
  const doc = new Document({
    creator: 'Casefile tests',
    sections: [
      {
        children: [
          new Paragraph({ text: 'Notes from the ferry users’ meeting', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun('Thirty-two people came to the meeting in the library hall on a wet Wednesday evening.')] }),
          new Paragraph({
            children: [
              new TextRun('Several asked about the '),
              new ExternalHyperlink({ link: 'javascript:document.title="pwned"', children: [new TextRun('refund form')] }),
              new TextRun(' for cancelled crossings.'),
            ],
          }),
          new Paragraph({ text: '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>' }),
        ],
      },
    ],
  });
  const buffer = Buffer.from(await Packer.toBuffer(doc));
  await openApp(page);
  await newCase(page);
  await chooseFile(page, { name: 'meeting-notes.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer });

  const reader = sourceRegion(page);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Notes from the ferry users’ meeting');
  await expect(reader).toContainText('Thirty-two people came to the meeting in the library hall on a wet Wednesday evening.');
  await expect(reader).toContainText('Several asked about the refund form for cancelled crossings.');
  // Markup typed in the document is shown as text and never becomes elements.
  await expect(reader).toContainText('<script>document.title="pwned"</script>');
  const body = reader.locator('.source-body');
  await expect(body.locator('script, img, a, [onerror], [onclick]')).toHaveCount(0);
  expect(await page.title()).toBe('Casefile');
  const html = (await storedSources(page)).sources.map((source): [string, string] => [source.format, source.html ?? '']);
  expect(html).toHaveLength(1);
  expect(html[0]![0]).toBe('docx');
  // The stored HTML rendition: parsed, it has no scripts, images, handlers or script links (the typed markup is escaped text).
  const dangerous = await page.evaluate((markup) => {
    const doc = new DOMParser().parseFromString(markup, 'text/html');
    const found = Array.from(doc.body.querySelectorAll('script, img, iframe, object, embed')).map((el) => el.tagName);
    for (const el of Array.from(doc.body.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) if (attr.name.startsWith('on') || /^\s*javascript:/i.test(attr.value)) found.push(`${el.tagName}[${attr.name}]`);
    }
    return found;
  }, html[0]![1]);
  expect(dangerous).toEqual([]);
  expect(html[0]![1]).toContain('refund form');
});

test.describe('Import from URL', () => {
  let server: Server;
  let origin = '';
  test.beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/stories/library-hours') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html lang="en"><head><title>Library extends evening hours</title><meta name="author" content="Odile Marsh"></head>
<body><nav><a href="/">Front page</a></nav><article><h1>Library extends evening hours</h1>
<p>From next month the central library will stay open until nine on weekdays, the council announced.</p>
<p onclick="alert(1)">Staff will be paid from the cultural fund that was set aside last spring for the reading rooms.</p>
<script>document.title = 'pwned'</script></article></body></html>`);
        return;
      }
      if (req.url === '/slow') {
        const timer = setTimeout(() => {
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
          res.end('<!doctype html><title>Late page</title><p>This page answered only after the person had given up waiting for it.</p>');
        }, 2_500);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      if (req.url === '/short') {
        res.writeHead(302, { Location: '/stories/library-hours' });
        res.end();
        return;
      }
      res.writeHead(404, 'Not Found', { 'Content-Type': 'text/html' });
      res.end('<p>Nothing here.</p>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  test.afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  test('fetches a page into a frozen snapshot with its address; failures say why and store nothing', async ({ page }) => {
    await openApp(page);
    await newCase(page);

    // Keyboard only: the button, the field, Enter.
    await page.getByRole('button', { name: 'Import from URL…' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Import from URL' });
    await expect(dialog).toBeVisible();
    const field = dialog.getByRole('textbox', { name: 'Address' });
    await expect(field).toBeFocused();
    // The pages are served from loopback: a local network address, off limits unless the setting is on.
    const allowLocal = dialog.getByRole('checkbox', { name: 'Allow local network addresses' });
    await expect(allowLocal).not.toBeChecked();
    await page.keyboard.press('Tab');
    await expect(allowLocal).toBeFocused();
    await page.keyboard.press('Space');
    await expect(allowLocal).toBeChecked();
    await field.focus();

    await field.fill('ftp://files.example/minutes.pdf');
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('alert')).toHaveText('The address must start with http:// or https://.');

    await field.fill(`${origin}/stories/closed-branch`);
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('alert')).toHaveText(`Could not import “${origin}/stories/closed-branch”: The server answered 404 Not Found.`);
    await expect(page.getByText('No source yet')).toBeVisible();
    expect((await storedSources(page)).sources).toEqual([]);

    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.html}`)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath('url-dialog.png') });

    await field.fill(`${origin}/short`);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();

    const reader = sourceRegion(page);
    await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Library extends evening hours');
    await expect(reader).toContainText('From next month the central library will stay open until nine on weekdays, the council announced.');
    await expect(reader).not.toContainText('Front page');
    await expect(reader.getByRole('link', { name: `${origin}/stories/library-hours` })).toBeVisible();
    await expect(sourceItems(page)).toHaveCount(1);
    expect(await page.title()).toBe('Casefile');

    await reader.getByRole('button', { name: 'Edit details' }).click();
    const details = page.getByRole('dialog', { name: 'Source details' });
    await expect(details.getByLabel('URL')).toHaveValue(`${origin}/stories/library-hours`);
    await expect(details.getByLabel('Authors')).toHaveValue('Odile Marsh');
    await details.getByRole('button', { name: 'Cancel' }).click();

    const stored = (await storedSources(page)).sources;
    expect(stored).toHaveLength(1);
    expect(stored[0]!.format).toBe('html');
    expect(stored[0]!.fetched).toEqual({ url: `${origin}/short`, finalUrl: `${origin}/stories/library-hours`, fetchedAt: expect.any(Number) });
    expect(Math.abs(Date.now() - stored[0]!.fetched!.fetchedAt)).toBeLessThan(60_000);
    expect(stored[0]!.html).not.toMatch(/onclick|<script/i);
  });

  test('cancelling while a page is being fetched stores nothing', async ({ page }) => {
    await openApp(page);
    await newCase(page);
    const dialog = await openUrlDialog(page, { allowLocal: true });
    await dialog.getByRole('textbox', { name: 'Address' }).fill(`${origin}/slow`);
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Fetching the page…');
    await expect(dialog.getByRole('button', { name: 'Import' })).toBeDisabled();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // Long enough for the late page to arrive and be dropped.
    await page.waitForTimeout(3_500);
    await expect(page.getByText('No source yet')).toBeVisible();
    expect((await storedSources(page)).sources).toEqual([]);
  });
});
