import { expect, test, type Page } from '@playwright/test';
import { Document, Packer, Paragraph } from 'docx';
import { createHash } from 'node:crypto';
import { flowPage, writePdf } from '../unit/helpers/pdfWriter';
import { fixture, importThroughChooser, newCase, openApp, sourceItems } from './helpers/app';

interface BadFile {
  what: string;
  file: { name: string; mimeType: string; buffer: Buffer };
  message: RegExp;
}

const md5 = (bytes: number[]) => Array.from(createHash('md5').update(Uint8Array.from(bytes)).digest());
const pdf = (name: string, bytes: Uint8Array) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(bytes) });
const reportPage = flowPage(['The harbour authority published its quarterly dredging report on a grey Monday morning.']);

/** A Word document holding only an empty paragraph. */
async function emptyWordFile() {
  const buffer = Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('')] }] })));
  return { name: 'empty-minutes.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer };
}

const BAD_FILES: BadFile[] = [
  { what: 'an empty file', file: { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) }, message: /“empty\.txt” is empty/ },
  {
    what: 'a binary file',
    file: { name: 'photo.txt', mimeType: 'text/plain', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]) },
    message: /“photo\.txt” looks like a binary file/,
  },
  {
    what: 'bytes that are not UTF-8',
    file: { name: 'legacy.txt', mimeType: 'text/plain', buffer: Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9]), Buffer.from(' au lait, written in Latin-1.')]) },
    message: /“legacy\.txt” is not valid UTF-8 text \(first bad byte at position 3\)/,
  },
  {
    what: 'a file over 20 MB',
    file: { name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(21 * 1024 * 1024, 'a') },
    message: /“huge\.txt” is 21(\.0)? MB; Casefile imports sources up to 20 MB/,
  },
  { what: 'an unsupported extension', file: { name: 'budget.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004') }, message: /Casefile cannot import “\.xlsx” files/ },
  {
    what: 'HTML with no readable text',
    file: { name: 'blank.html', mimeType: 'text/html', buffer: Buffer.from('<!doctype html><html><head><title>x</title><script>var a = 1;</script></head><body><img src="x.png"><div>   </div></body></html>') },
    message: /“blank\.html” has no readable text/,
  },
  { what: 'a blank PDF', file: pdf('blank.pdf', writePdf([{ lines: [] }, { lines: [] }])), message: /^“blank\.pdf” is blank: its 2 pages have no text, no images and no form fields to import\.$/ },
  { what: 'a damaged PDF', file: pdf('cut.pdf', writePdf([reportPage]).slice(0, 200)), message: /^“cut\.pdf” is damaged or is not really a PDF file, so Casefile cannot read it\.$/ },
  {
    what: 'a password-protected PDF',
    file: pdf('locked.pdf', writePdf([reportPage], { encrypt: { userPassword: 'tide table', ownerPassword: 'harbour office', md5 } })),
    message: /^“locked\.pdf” is protected with a password\. Open it in a PDF reader, save a copy without the password, and import that copy\.$/,
  },
  {
    what: 'a PDF of 50,000 pages',
    file: pdf('everything.pdf', writePdf(Array.from({ length: 50_000 }, () => ({ lines: [] })))),
    message: /^“everything\.pdf” has 50,000 pages; Casefile imports PDFs of up to 5,000 pages\. Split it into parts/,
  },
  {
    what: 'a text file named as an image',
    file: { name: 'receipt.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Received with thanks: twelve crates of oranges.') },
    message: /^“receipt\.jpg” is damaged or is not really a JPEG image file, so Casefile cannot read it\.$/,
  },
];

async function sourceTitles(page: Page): Promise<string[]> {
  return sourceItems(page).getByRole('button').filter({ hasNotText: /^$/ }).allInnerTexts();
}

test('each bad input gets its own message and leaves the sources as they were', async ({ page }) => {
  test.setTimeout(120_000);
  const badFiles = [
    ...BAD_FILES,
    { what: 'a Word document with no text', file: await emptyWordFile(), message: /^“empty-minutes\.docx” has no text: the Word document is empty, or holds only pictures, shapes or embedded objects\.$/ },
  ];
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('articles/harbour-seizure.txt'));
  await expect(sourceItems(page)).toHaveCount(1);
  const before = await sourceTitles(page);

  for (const bad of badFiles) {
    await test.step(bad.what, async () => {
      await importThroughChooser(page, bad.file);
      await expect(page.getByRole('alert')).toHaveText(bad.message);
      await expect(sourceItems(page)).toHaveCount(1);
      expect(await sourceTitles(page)).toEqual(before);
      await page.getByRole('button', { name: 'Dismiss message' }).click();
    });
  }
  await page.reload();
  await expect(sourceItems(page)).toHaveCount(1);
});
