// @vitest-environment jsdom
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { MAX_PDF_PAGES, OcrNeeded } from '../../../../shared/import/errors';
import { GARBLED_HTML, JA_HTML, VERTICAL_HTML, ZH_HTML, visibleText } from '../../../fixtures/pdf/sources';
import { fixture } from '../../helpers/fixtures';
import { importFailure } from '../../helpers/importFailure';
import { importFile } from '../../../../renderer/import/importFile';
import { locatorAt } from '../../../../renderer/db/repositories/passages';
import { pdfAssets, pdfjs } from '../../helpers/pdfjsNode';
import { flowPage, writePdf } from '../../helpers/pdfWriter';
const NOW = new Date(2026, 10, 28, 15, 47).getTime();

const PAGE_ONE = [
  'The harbour authority published its quarterly dredging report on a grey Monday morning.',
  'Inspectors counted eleven barges moored along the eastern quay, four more than the previous quarter.',
];
const PAGE_TWO = [
  'The silt removed from berth nine weighed nearly six thousand tonnes, according to the appendix.',
  'Nobody on the committee could explain why the dredger had stopped working on a Thursday.',
];

describe('PDF import', () => {
  it('keeps the text layer as paragraphs with one page block per paragraph, numbered by page', async () => {
    const bytes = writePdf([flowPage(PAGE_ONE), flowPage(PAGE_TWO)], { title: 'Quarterly dredging report', author: 'Port Authority Records Office' });
    const original = bytes.slice();
    const draft = await importFile('dredging.pdf', bytes, { now: NOW, pdfjs });

    expect(draft.format).toBe('pdf');
    expect(draft.mediaType).toBe('application/pdf');
    expect(draft.metadata.title).toBe('Quarterly dredging report');
    expect(draft.metadata.author).toEqual([{ literal: 'Port Authority Records Office' }]);
    // Lines wrapped by the page are joined back into the paragraphs that were written.
    expect(draft.text).toBe([...PAGE_ONE, ...PAGE_TWO].join('\n\n'));
    expect(draft.blocks.map((b) => [b.kind, b.n])).toEqual([
      ['page', 1],
      ['page', 1],
      ['page', 2],
      ['page', 2],
    ]);
    for (const block of draft.blocks) expect(draft.text.slice(block.start, block.end)).not.toMatch(/^\s|\s$/);
    // The original file is kept byte for byte (pdf.js got a copy).
    expect(draft.bytes).toEqual(original);
    expect(draft.byteLength).toBe(original.byteLength);

    const sentence = draft.text.indexOf('Nobody on the committee');
    expect(locatorAt({ blocks: draft.blocks, format: draft.format }, sentence)).toEqual({ kind: 'page', value: 2 });
    expect(locatorAt({ blocks: draft.blocks, format: draft.format }, draft.text.indexOf('Inspectors counted'))).toEqual({ kind: 'page', value: 1 });
  });

  it('numbers blocks by their real page when a page in between is blank', async () => {
    const bytes = writePdf([flowPage(['A first page with a single short paragraph.']), { lines: [] }, flowPage(['The third page carries the closing remarks.'])]);
    const draft = await importFile('gap.pdf', bytes, { pdfjs });
    expect(draft.blocks.map((b) => b.n)).toEqual([1, 3]);
    expect(draft.metadata.title).toBe('gap');
  });

  it('separates a heading from body text and keeps runs on one line in order', async () => {
    const bytes = writePdf([
      {
        lines: [
          { text: 'Findings', x: 72, y: 740, size: 20 },
          { text: 'The ledger', x: 72, y: 700 },
          { text: 'was incomplete.', x: 136, y: 700 },
          { text: 'Two pages were missing.', x: 72, y: 685.6 },
        ],
      },
    ]);
    const draft = await importFile('findings.pdf', bytes, { pdfjs });
    expect(draft.text).toBe('Findings\n\nThe ledger was incomplete. Two pages were missing.');
  });

  it('mends a word hyphenated at a line end only when the document uses the whole word', async () => {
    const bytes = writePdf([
      {
        lines: [
          { text: 'The committee reviewed the docu-', x: 72, y: 700 },
          { text: 'ment twice. A well-', x: 72, y: 685.6 },
          { text: 'known clerk signed the document.', x: 72, y: 671.2 },
        ],
      },
    ]);
    const draft = await importFile('hyphens.pdf', bytes, { pdfjs });
    expect(draft.text).toBe('The committee reviewed the document twice. A well-known clerk signed the document.');
  });

  it('offers OCR for a PDF whose pages carry no text but an image (a scan), naming it as scanned', async () => {
    const bytes = writePdf([{ image: true }, { image: true }]);
    const error = await importFile('scan.pdf', bytes, { pdfjs }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OcrNeeded);
    expect((error as OcrNeeded).message).toBe(
      '“scan.pdf” has no text layer: it looks scanned. Casefile can recognise the text of every page from the page image (OCR), on this computer.',
    );
    expect((error as OcrNeeded).offer).toEqual({ scanned: [1, 2], garbled: [], pageCount: 2, image: false });
  });

  it('names only the scanned pages of a report that has text elsewhere, and can import without them', async () => {
    const bytes = writePdf([flowPage(PAGE_ONE), { image: true }, { lines: [] }, flowPage(PAGE_TWO)]);
    const error = (await importFile('mixed.pdf', bytes, { pdfjs }).catch((e: unknown) => e)) as OcrNeeded;
    // Page 3 is blank (nothing painted): it is not offered for OCR.
    expect(error.offer).toEqual({ scanned: [2], garbled: [], pageCount: 4, image: false });
    expect(error.message).toBe('“mixed.pdf” has no text layer on page 2 (it looks scanned). Casefile can recognise the text of that page from the page image (OCR), on this computer.');
    const draft = await importFile('mixed.pdf', bytes, { pdfjs, ocr: 'leave-out' });
    expect(draft.text).toBe([...PAGE_ONE, ...PAGE_TWO].join('\n\n'));
    expect(draft.blocks.map((b) => b.n)).toEqual([1, 1, 4, 4]);
    expect(draft.note).toBe('Left out page 2 of “mixed.pdf”, which had no readable text.');
    expect(draft.ocr).toBeUndefined();
  });

  it('treats scans whose only text is a stamp on every page as scanned, but not a report with a logo on its title page', async () => {
    const stamp = (n: number) => ({ image: true as const, stamp: `Case 4:25-cv-00871 Document 12 Filed 03/02/25 Page ${n} of 3` });
    const filing = writePdf([stamp(1), stamp(2), stamp(3)]);
    const error = (await importFile('filing.pdf', filing, { pdfjs }).catch((e: unknown) => e)) as OcrNeeded;
    expect(error.offer.scanned).toEqual([1, 2, 3]);
    expect(error.message).toMatch(/^“filing\.pdf” has little or no text layer: it looks scanned\./);
    // Leaving the pages out keeps what little text they had.
    expect((await importFile('filing.pdf', filing, { pdfjs, ocr: 'leave-out' })).text).toContain('Document 12 Filed 03/02/25 Page 2 of 3');

    const report = writePdf([{ image: true, stamp: 'Annual report of the harbour board' }, flowPage(PAGE_ONE), flowPage(PAGE_TWO)]);
    const draft = await importFile('annual.pdf', report, { pdfjs });
    expect(draft.text.split('\n\n')[0]).toBe('Annual report of the harbour board');
  });

  it('refuses a blank PDF as blank, not as a scan', async () => {
    const bytes = writePdf([{ lines: [] }, { lines: [] }, { lines: [] }]);
    expect(await importFailure(importFile('blank.pdf', bytes, { pdfjs }), 'blank')).toBe(
      '“blank.pdf” is blank: its 3 pages have no text, no images and no form fields to import.',
    );
  });

  it('imports a PDF of form fields only as their names and values, and says so', async () => {
    const bytes = writePdf([
      {
        fields: [
          { name: 'applicant', label: 'Name of applicant', kind: 'text', value: 'Northern Pier Trust' },
          { name: 'berth', kind: 'text', value: 'Berth 9' },
          { name: 'urgent', label: 'Urgent request', kind: 'checkbox', value: 'Yes' },
          { name: 'notes', kind: 'text', value: '' },
        ],
      },
    ]);
    const draft = await importFile('application.pdf', bytes, { pdfjs });
    expect(draft.text).toBe('Name of applicant: Northern Pier Trust\n\nberth: Berth 9\n\nUrgent request: Yes\n\nnotes: (empty)');
    expect(draft.blocks.every((b) => b.kind === 'page' && b.n === 1)).toBe(true);
    expect(draft.note).toBe('“application.pdf” has no text of its own, only form fields: their names and values were imported as text.');
  });

  it('keeps filled form fields after the page text of an ordinary PDF', async () => {
    const bytes = writePdf([flowPage(PAGE_ONE), { fields: [{ name: 'inspector', kind: 'text', value: 'R. Okafor' }, { name: 'empty', kind: 'text', value: '' }] }]);
    const draft = await importFile('report-with-form.pdf', bytes, { pdfjs });
    expect(draft.text).toBe([...PAGE_ONE, 'inspector: R. Okafor'].join('\n\n'));
    expect(draft.note).toBeUndefined();
  });

  it('refuses a PDF with more pages than the cap at once, with the count', async () => {
    const pages = Array.from({ length: MAX_PDF_PAGES + 1 }, () => ({ lines: [] }));
    const started = Date.now();
    expect(await importFailure(importFile('huge.pdf', writePdf(pages), { pdfjs }), 'too-many-pages')).toBe(
      '“huge.pdf” has 5,001 pages; Casefile imports PDFs of up to 5,000 pages. Split it into parts (for example with “qpdf --split-pages”) and import the parts you need.',
    );
    // Decided from the page count, before a single page is read.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('names the page whose text layer does not read as text (a font without a Unicode map) and offers OCR for it', async () => {
    const bytes = new Uint8Array(readFileSync(fixture('pdf/garbled.pdf')));
    const error = (await importFile('minutes.pdf', bytes, { pdfjs, pdfAssets }).catch((e: unknown) => e)) as OcrNeeded;
    expect(error).toBeInstanceOf(OcrNeeded);
    expect(error.offer).toEqual({ scanned: [], garbled: [2], pageCount: 2, image: false });
    expect(error.message).toBe(
      'The text layer of “minutes.pdf” does not read as text on page 2 (control or unmapped characters, mojibake, or words run together). Casefile can recognise the text of that page from the page image (OCR), on this computer.',
    );
    // Leaving the page out keeps page 1 exactly as printed, and none of page 2.
    const draft = await importFile('minutes.pdf', bytes, { pdfjs, pdfAssets, ocr: 'leave-out' });
    expect(draft.text.split('\n\n')).toEqual(visibleText(GARBLED_HTML).slice(0, 3));
  });

  it('reads Chinese, Japanese and vertical Japanese PDFs printed by Chromium as exactly the text of their HTML', async () => {
    for (const [name, html] of [
      ['zh.pdf', ZH_HTML],
      ['ja.pdf', JA_HTML],
      ['ja-vertical.pdf', VERTICAL_HTML],
    ] as const) {
      const draft = await importFile(name, new Uint8Array(readFileSync(fixture(`pdf/${name}`))), { pdfjs, pdfAssets });
      expect(draft.text.split('\n\n'), name).toEqual(visibleText(html));
      expect(draft.metadata.title, name).toBe(visibleText(html)[0]);
    }
  });

  it('reads text in fonts the PDF does not embed through the predefined CMaps, and without them finds nothing', async () => {
    const chinese = writePdf([{ cjk: [{ text: '港口管理局星期一发布了报告。', x: 72, y: 700 }], encoding: 'UniGB-UCS2-H' }]);
    const vertical = writePdf([
      {
        cjk: [
          { text: '縦書きの報告書を公表した。', x: 520, y: 740 },
          { text: '検査は三月に行う。', x: 480, y: 740 },
        ],
        encoding: 'UniJIS-UCS2-V',
      },
    ]);
    expect((await importFile('gb.pdf', chinese, { pdfjs, pdfAssets })).text).toBe('港口管理局星期一发布了报告。');
    expect((await importFile('jis.pdf', vertical, { pdfjs, pdfAssets })).text).toBe('縦書きの報告書を公表した。\n\n検査は三月に行う。');
    // What happened before the maps shipped: no text at all.
    await importFailure(importFile('gb.pdf', chinese, { pdfjs }), 'blank');
  });

  it('refuses a password-protected PDF with a specific message', async () => {
    const md5 = (bytes: number[]) => Array.from(createHash('md5').update(Uint8Array.from(bytes)).digest());
    const bytes = writePdf([flowPage(PAGE_ONE)], { encrypt: { userPassword: 'tide table', ownerPassword: 'harbour office', md5 } });
    expect(await importFailure(importFile('locked.pdf', bytes, { pdfjs }), 'encrypted')).toBe(
      '“locked.pdf” is protected with a password. Open it in a PDF reader, save a copy without the password, and import that copy.',
    );
  });

  it('refuses damaged and empty PDFs', async () => {
    const truncated = writePdf([flowPage(PAGE_ONE)]).slice(0, 60);
    expect(await importFailure(importFile('cut.pdf', truncated, { pdfjs }), 'corrupt')).toBe('“cut.pdf” is damaged or is not really a PDF file, so Casefile cannot read it.');
    const text = new TextEncoder().encode('This is a note saved with the wrong extension.');
    expect(await importFailure(importFile('note.pdf', text, { pdfjs }), 'corrupt')).toMatch(/^“note\.pdf” is damaged or is not really a PDF file/);
    expect(await importFailure(importFile('none.pdf', new Uint8Array(), { pdfjs }), 'empty')).toBe('“none.pdf” is empty: there is no text to import.');
  });
});
