import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { SourceRecord } from '../../../../shared/domain/types';
import { renderDocx } from '../../../../shared/export/docx';
import { renderHtml } from '../../../../shared/export/html';
import { renderMarkdown } from '../../../../shared/export/markdown';
import { buildExportModel, type ExportInput } from '../../../../shared/export/model';
import { fixtureInput } from './helpers';

/** The fixture case with its PDF report's text marked as recognised by OCR (the block holding passage p-report-1). */
function inputWithOcrReport(): ExportInput {
  const input = fixtureInput({ include: { bibliography: true, claimsAppendix: false, evidenceTable: true } });
  const sources = input.sources.map((source): SourceRecord => {
    if (source.id !== 'src-report') return source;
    const passage = input.passages.find((p) => p.id === 'p-report-1')!;
    const index = source.blocks.findIndex((b) => b.start <= passage.selectors[1].start && b.end >= passage.selectors[1].end);
    return {
      ...source,
      ocr: { engine: 'tesseract.js', version: '7.0.0', languages: ['eng'], model: '4.0.0_best_int', pages: [source.blocks[index]!.n], blocks: [{ index, confidence: 91 }], uncertain: [] },
    };
  });
  return { ...input, sources };
}

describe('citations of recognised text', () => {
  it('say "(OCR)" after the locator in Markdown, HTML and Word, and only for the recognised passage', async () => {
    const input = inputWithOcrReport();
    const model = buildExportModel(input);
    const ocrNotes = model.notes.filter((n) => n.ocr);
    expect(ocrNotes.map((n) => n.passageId)).toEqual(['p-report-1']);
    const note = ocrNotes[0]!;

    const markdown = renderMarkdown(model);
    expect(markdown).toContain(`” (${note.locator}) (OCR).`);
    expect(markdown.match(/\(OCR\)/g)?.length).toBe(1 + (model.evidence?.filter((r) => r.locator.endsWith('(OCR)')).length ?? 0));

    const html = renderHtml(model, { print: true, pageSize: 'A4' });
    expect(html).toMatch(new RegExp(`<li id="note-${note.n}"[^>]*>.*</q> \\(${note.locator.replace('.', '\\.')}\\) \\(OCR\\)\\.`));

    const footnotes = strFromU8(unzipSync(await renderDocx(model))['word/footnotes.xml']!);
    expect(footnotes).toContain(`” (${note.locator}) (OCR).`);
    expect(footnotes.match(/\(OCR\)/g)).toHaveLength(1);
  });

  it('marks the evidence table row of recognised text too, and nothing at all for a case without OCR', () => {
    const withOcr = buildExportModel(inputWithOcrReport());
    const rows = withOcr.evidence!.filter((r) => r.quote === withOcr.notes.find((n) => n.ocr)!.quote);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.locator).toMatch(/^p\. \d+ \(OCR\)$/);
    const plain = buildExportModel(fixtureInput({ include: { bibliography: true, claimsAppendix: false, evidenceTable: true } }));
    expect(plain.notes.some((n) => n.ocr)).toBe(false);
    expect(renderMarkdown(plain)).not.toContain('(OCR)');
  });
});
