// @vitest-environment jsdom
import { Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../../shared/import/errors';
import { importFile } from '../../../../renderer/import/importFile';

async function docxBytes(children: Paragraph[]): Promise<Uint8Array> {
  const doc = new Document({ creator: 'Casefile tests', sections: [{ children }] });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

const MEMO = [
  new Paragraph({ text: 'Memo on the ferry timetable', heading: HeadingLevel.HEADING_1 }),
  new Paragraph({ children: [new TextRun('The winter timetable drops the 06:40 crossing, which '), new TextRun({ text: 'forty', bold: true }), new TextRun(' commuters use daily.')] }),
  new Paragraph({
    children: [
      new TextRun('Read the '),
      new ExternalHyperlink({ link: 'javascript:alert(document.cookie)', children: [new TextRun('operator’s notice')] }),
      new TextRun(' and the '),
      new ExternalHyperlink({ link: 'https://ferries.example/timetable', children: [new TextRun('published table')] }),
      new TextRun('.'),
    ],
  }),
  new Paragraph({ text: '<script>window.pwned = true</script><b onclick="steal()">click</b>' }),
  new Paragraph({ text: 'Council meets again in March.', bullet: { level: 0 } }),
];

describe('DOCX import', () => {
  it('converts Word structure to text blocks and sanitised HTML', async () => {
    const draft = await importFile('ferry memo.docx', await docxBytes(MEMO));
    expect(draft.format).toBe('docx');
    expect(draft.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(draft.metadata.title).toBe('Memo on the ferry timetable');
    expect(draft.text).toContain('The winter timetable drops the 06:40 crossing, which forty commuters use daily.');
    expect(draft.text).toContain('Read the operator’s notice and the published table.');
    expect(draft.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'paragraph', 'paragraph', 'list-item']);

    const html = new DOMParser().parseFromString(draft.html ?? '', 'text/html');
    expect(html.querySelectorAll('script, iframe, object, embed').length).toBe(0);
    for (const el of Array.from(html.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) expect(attr.name.startsWith('on'), `${el.tagName} has ${attr.name}`).toBe(false);
    }
    // The javascript: link loses its address; the https one keeps it.
    const links = Array.from(html.querySelectorAll('a')).map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([
      ['operator’s notice', null],
      ['published table', 'https://ferries.example/timetable'],
    ]);
    expect(draft.html).not.toMatch(/javascript:/i);
    // Markup typed into the document is only ever text: escaped in the HTML, literal in the snapshot.
    expect(draft.html).not.toContain('<script');
    expect(draft.text).toContain('<script>window.pwned = true</script><b onclick="steal()">click</b>');
  });

  it('refuses a damaged or renamed file with a specific message', async () => {
    const good = await docxBytes(MEMO);
    const cases: [string, Uint8Array, string][] = [
      ['cut.docx', good.slice(0, Math.floor(good.length / 2)), '“cut.docx” is damaged or is not really a Word (.docx) file, so Casefile cannot read it.'],
      ['old.docx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), '“old.docx” is damaged or is not really a Word (.docx) file, so Casefile cannot read it.'],
      ['zip.docx', new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Uint8Array(18)]), '“zip.docx” is damaged or is not really a Word (.docx) file, so Casefile cannot read it.'],
      ['empty.docx', new Uint8Array(), '“empty.docx” is empty: there is no text to import.'],
    ];
    for (const [name, bytes, message] of cases) {
      const error = await importFile(name, bytes).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(ImportError);
      expect((error as Error).message).toBe(message);
    }
  });

  it('refuses a Word file with no text', async () => {
    const error = await importFile('blank.docx', await docxBytes([new Paragraph({ text: '' })])).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as ImportError).code).toBe('no-text');
  });
});
