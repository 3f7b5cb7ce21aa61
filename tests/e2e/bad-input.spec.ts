import { expect, test, type Page } from '@playwright/test';
import { Document, Packer, Paragraph } from 'docx';
import { createHash } from 'node:crypto';
import { flowPage, writePdf } from '../unit/helpers/pdfWriter';
import { zipSync, strToU8 } from 'fflate';
import { fixture, importThroughChooser, newCase, openApp, sourceItems } from './helpers/app';

/** A valid Word document whose body holds one empty paragraph. */
function emptyDocx(): Buffer {
  const w = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      '_rels/.rels': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
      'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${w}"><w:body><w:p/></w:body></w:document>`),
    }),
  );
}

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
    what: 'random bytes with no file signature',
    file: { name: 'dump.txt', mimeType: 'text/plain', buffer: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)) },
    message: /^“dump\.txt” looks like a binary file, not text: it holds zero bytes or control codes that text in no encoding contains\./,
  },
  {
    what: 'UTF-32 text, which no browser decodes',
    file: { name: 'wide.txt', mimeType: 'text/plain', buffer: Buffer.from([0xff, 0xfe, 0, 0, 0x48, 0, 0, 0, 0x69, 0, 0, 0]) },
    message: /^“wide\.txt” is saved as UTF-32 text, which Casefile cannot read\./,
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
  {
    what: 'HTML whose every word is hidden from its readers',
    file: { name: 'ghost.html', mimeType: 'text/html', buffer: Buffer.from('<html><head><style>.x { display: none }</style></head><body><p class="x">cheap flights</p><p hidden>best hotels</p></body></html>') },
    message: /^“ghost\.html” has no text its readers could see: all of it \(2 blocks\) is hidden by the page itself/,
  },
  {
    what: 'HTML nested deeper than browsers nest',
    file: { name: 'deep.html', mimeType: 'text/html', buffer: Buffer.from(`${'<div>'.repeat(600)}deep${'</div>'.repeat(600)}`) },
    message: /^“deep\.html” nests its elements more than 512 levels deep/,
  },
  {
    what: 'a damaged Word file',
    file: { name: 'broken.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('PK\u0003\u0004 this is not really a zip archive') },
    message: /^“broken\.docx” is damaged or is not really a Word \(\.docx\) file/,
  },
  {
    what: 'a minimal Word file (no styles, one empty paragraph) with no text',
    file: { name: 'empty.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: emptyDocx() },
    message: /^“empty\.docx” has no text: the Word document is empty, or holds only pictures, shapes or embedded objects\.$/,
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
