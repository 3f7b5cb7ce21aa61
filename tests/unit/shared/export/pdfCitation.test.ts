// @vitest-environment jsdom
/**
 * A passage on page 2 of an imported PDF is cited as "p. 2": the import keeps
 * page blocks, the passage takes its locator from them, and the Markdown export
 * prints it in the note.
 */
import { describe, expect, it } from 'vitest';
import type { CaseRecord, NoteRecord, SourceRecord } from '../../../../shared/domain/types';
import { NOTE_SCHEMA_VERSION } from '../../../../shared/domain/types';
import { brief, citation, paragraph, text } from '../../../../shared/brief/build';
import { buildExportModel, DEFAULT_EXPORT_OPTIONS } from '../../../../shared/export/model';
import { renderMarkdown } from '../../../../shared/export/markdown';
import { importFile } from '../../../../renderer/import/importFile';
import { buildPassage } from '../../../../renderer/db/repositories/passages';
import { pdfjs } from '../../helpers/pdfjsNode';
import { flowPage, writePdf } from '../../helpers/pdfWriter';

const NOW = Date.UTC(2026, 10, 28, 12);
const PAGE_TWO_SENTENCE = 'The lock keeper logged forty-one vessels through the eastern gate in a single night.';

describe('PDF page locators in exports', () => {
  it('cites a passage on page 2 as “p. 2” and one on page 1 as “p. 1”', async () => {
    const bytes = writePdf(
      [flowPage(['Canal traffic survey, winter edition.', 'Counts on the first page come from the western gate.']), flowPage([PAGE_TWO_SENTENCE])],
      { title: 'Canal traffic survey' },
    );
    const draft = await importFile('canal-survey.pdf', bytes, { now: NOW, pdfjs });
    const caseRecord: CaseRecord = { id: 'case-1', name: 'Canal', createdAt: NOW, updatedAt: NOW, briefNoteId: 'note-1' };
    const source: SourceRecord = {
      id: 'source-1',
      caseId: caseRecord.id,
      format: draft.format,
      text: draft.text,
      blocks: draft.blocks,
      sha256: draft.sha256,
      fileName: draft.fileName,
      byteLength: draft.byteLength,
      importedAt: NOW,
      metadata: draft.metadata,
      revision: 1,
      order: 0,
    };
    const start = source.text.indexOf(PAGE_TWO_SENTENCE);
    const onPageTwo = buildPassage(source, start, start + PAGE_TWO_SENTENCE.length, { now: NOW });
    const firstStart = source.text.indexOf('Counts on the first page');
    const onPageOne = buildPassage(source, firstStart, firstStart + 24, { now: NOW });
    expect(onPageTwo.locator).toEqual({ kind: 'page', value: 2 });
    expect(onPageOne.locator).toEqual({ kind: 'page', value: 1 });

    const note: NoteRecord = {
      id: 'note-1',
      caseId: caseRecord.id,
      title: 'Brief',
      content: brief(paragraph(text('Night traffic peaked at the eastern gate.'), citation(onPageTwo.id)), paragraph(text('The west was quieter.'), citation(onPageOne.id))),
      schemaVersion: NOTE_SCHEMA_VERSION,
      plainText: '',
      createdAt: NOW,
      updatedAt: NOW,
      order: 0,
    };
    const model = buildExportModel({
      case: caseRecord,
      note,
      sources: [source],
      passages: [onPageTwo, onPageOne],
      claims: [],
      tags: [],
      options: { ...DEFAULT_EXPORT_OPTIONS, date: '2026-11-28' },
    });
    const markdown = renderMarkdown(model);
    const notes = markdown.split('\n').filter((line) => line.startsWith('[^'));
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/Canal traffic survey/);
    expect(notes[0]).toMatch(/p\. 2/);
    expect(notes[1]).toMatch(/p\. 1/);
    expect(markdown).not.toMatch(/para\. /);
  });
});
