// @vitest-environment jsdom
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importFailure } from '../../helpers/importFailure';
import { importFile } from '../../../../renderer/import/importFile';
import { locatorAt } from '../../../../renderer/db/repositories/passages';
import { pdfjs } from '../../helpers/pdfjsNode';
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

  it('refuses a PDF whose pages carry no text (a scan) with a specific message', async () => {
    const bytes = writePdf([{ image: true }, { image: true }]);
    const message = await importFailure(importFile('scan.pdf', bytes, { pdfjs }), 'scanned-pdf');
    expect(message).toBe(
      '“scan.pdf” has no text layer (it looks scanned); Casefile cannot read scanned PDFs yet — no OCR. Run it through text recognition (OCR) in another program and import the result.',
    );
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
