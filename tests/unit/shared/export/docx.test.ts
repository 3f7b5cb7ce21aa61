import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { brief, paragraph, text } from '../../../../shared/brief/build';
import { renderDocx } from '../../../../shared/export/docx';
import { buildExportModel } from '../../../../shared/export/model';
import { fixtureInput, fixtureModel, loadCase } from './helpers';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of a WordprocessingML part: its w:t runs, unescaped, per w:footnote/w:endnote when asked. */
function wordText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1] ?? '')
    .join('')
    .replace(/&(#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => (e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e] ?? '')));
}

function notesOf(xml: string, kind: 'footnote' | 'endnote'): string[] {
  return [...xml.matchAll(new RegExp(`<w:${kind} [^>]*w:id="(\\d+)"[^>]*>([\\s\\S]*?)</w:${kind}>`, 'g'))]
    .filter((m) => Number(m[1]) > 0) // ids -1 and 0 are Word's separators
    .map((m) => wordText(m[2] ?? ''));
}

describe('renderDocx', () => {
  it('writes a real Word footnote per citation, each with its exact quote and locator', async () => {
    const files = unzipSync(await renderDocx(fixtureModel({ include: { bibliography: true, claimsAppendix: true, evidenceTable: true } })));
    const footnotes = notesOf(strFromU8(files['word/footnotes.xml'] ?? new Uint8Array()), 'footnote');
    expect(footnotes).toHaveLength(6);
    const data = loadCase();
    const order = ['p-gazette-1', 'p-gazette-2', 'p-gazette-3', 'p-report-1', 'p-interview-1', 'p-gazette-1'];
    footnotes.forEach((note, i) => {
      const passage = data.passages.find((p) => p.id === order[i]);
      expect(note).toContain(`“${passage?.selectors[0].exact}”`);
      expect(note).toMatch(/\((para\.|p\.) \d+\)\.$/);
    });
    expect(footnotes[0]).toMatch(/^Okafor, A\. \(2024, March 5\)\./);
    const body = strFromU8(files['word/document.xml'] ?? new Uint8Array());
    expect(body.match(/<w:footnoteReference w:id="\d+"\/>/g)).toHaveLength(6);
    const bodyText = wordText(body);
    expect(bodyText).toContain('References');
    expect(bodyText).toContain('Annual enforcement report 2023');
    expect(bodyText).toContain('Independent sources');
    expect(body).toContain('w:val="BlockQuote"');
    expect(body).toContain('<w:numPr>');
  });

  it('uses Word endnotes in endnotes mode', async () => {
    const files = unzipSync(await renderDocx(fixtureModel({ notes: 'endnotes' })));
    const endnotes = notesOf(strFromU8(files['word/endnotes.xml'] ?? new Uint8Array()), 'endnote');
    expect(endnotes).toHaveLength(6);
    expect(strFromU8(files['word/document.xml'] ?? new Uint8Array())).not.toContain('<w:footnoteReference');
  });

  it('keeps markup-looking text literal and drops characters XML cannot hold', async () => {
    const input = fixtureInput();
    input.note = { ...input.note, content: brief(paragraph(text('<w:t>& "x"\u0001 ok'))) };
    const files = unzipSync(await renderDocx(buildExportModel(input)));
    expect(wordText(strFromU8(files['word/document.xml'] ?? new Uint8Array()))).toContain('<w:t>& "x" ok');
  });
});
