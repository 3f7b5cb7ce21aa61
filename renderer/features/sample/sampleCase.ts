import articleText from '../../../resources/sample-case/article.txt?raw';
import { newId } from '../../../shared/domain/ids';
import { NOTE_SCHEMA_VERSION, type CaseRecord, type NoteRecord, type SourceRecord } from '../../../shared/domain/types';
import { brief, briefPlainText, heading, paragraph, text, TEXT_FORMAT } from '../../../shared/brief/build';
import type { SampleCaseData } from '../../db/repositories/sample';
import { importFile } from '../../source/import/importFile';

export const SAMPLE_CASE_NAME = 'Sample case: the EncroChat takedown';

/**
 * The case a first-time user sees: an article the team wrote (retelling the
 * reported facts of the 2020 EncroChat operation) and a short brief about it.
 * It goes through the same import pipeline as any user file.
 */
export async function buildSampleCase(now = Date.now()): Promise<SampleCaseData> {
  const bytes = new TextEncoder().encode(articleText);
  const draft = await importFile('encrochat-takedown.txt', bytes, { now });
  const caseId = newId();
  const sourceId = newId();
  const noteId = newId();

  const source: SourceRecord = {
    id: sourceId,
    caseId,
    format: draft.format,
    text: draft.text,
    blocks: draft.blocks,
    sha256: draft.sha256,
    fileName: draft.fileName,
    byteLength: draft.byteLength,
    importedAt: now,
    revision: 1,
    order: 0,
    metadata: {
      ...draft.metadata,
      type: 'report',
      author: [{ literal: 'The Casefile team' }],
      'container-title': 'Casefile sample case',
      issued: { 'date-parts': [[2026, 11]] },
    },
  };

  const content = brief(
    heading('h2', text('What the EncroChat operation achieved')),
    paragraph(
      text('Police forces reported the cracking of EncroChat as a turning point against organised crime. In the UK alone, the National Crime Agency counted '),
      text('746 arrests', TEXT_FORMAT.bold),
      text(' and seizures of £54 million in cash, 77 firearms and more than two tonnes of drugs.'),
    ),
    paragraph(
      text('Still to verify: whether the arrest figure covers charges as well as detentions, and where Europol’s estimate of '),
      text('60,000 users', TEXT_FORMAT.italic),
      text(' comes from.'),
    ),
  );

  const note: NoteRecord = {
    id: noteId,
    caseId,
    title: 'Brief',
    content,
    schemaVersion: NOTE_SCHEMA_VERSION,
    plainText: briefPlainText(content),
    createdAt: now,
    updatedAt: now,
    order: 0,
  };

  const record: CaseRecord = { id: caseId, name: SAMPLE_CASE_NAME, createdAt: now, updatedAt: now, briefNoteId: noteId, activeSourceId: sourceId };

  return {
    case: record,
    sources: [source],
    blobs: [{ sourceId, bytes: draft.bytes, mediaType: draft.mediaType }],
    passages: [],
    claims: [],
    tags: [],
    notes: [note],
  };
}
