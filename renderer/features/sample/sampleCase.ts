import articleText from '../../../resources/sample-case/article.txt?raw';
import { newId } from '../../../shared/domain/ids';
import { NOTE_SCHEMA_VERSION, type CaseRecord, type NoteRecord, type SourceRecord } from '../../../shared/domain/types';
import { brief, briefPlainText, citation, claimMark, heading, paragraph, quote, text, TEXT_FORMAT } from '../../../shared/brief/build';
import type { SampleCaseData } from '../../db/repositories/sample';
import { buildPassage } from '../../db/repositories/passages';
import { addEvidence, createClaim, setStatus } from '../../../shared/claims/claims';
import { tagColor } from '../../../shared/claims/tags';
import type { ClaimRecord, PassageRecord, TagRecord } from '../../../shared/domain/types';
import { importFile } from '../../import/importFile';

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

  // A small codebook, a few passages and two claims, so the sample shows the whole idea.
  const tagNames = ['arrests', 'seizures', 'attribution/NCA', 'attribution/Europol'];
  const tags: TagRecord[] = tagNames.map((name, i) => ({ id: newId(), caseId, name, color: tagColor(i), description: '', createdAt: now }));
  const tagId = (name: string) => tags.find((t) => t.name === name)!.id;
  const passageOf = (quote: string, tagList: string[], comment = ''): PassageRecord => {
    const start = source.text.indexOf(quote);
    if (start < 0) throw new Error(`Sample passage not found in the sample article: ${quote}`);
    return buildPassage(source, start, start + quote.length, { tags: tagList.map(tagId), comment, now });
  };
  const arrests = passageOf('In the United Kingdom the National Crime Agency reported 746 arrests', ['arrests', 'attribution/NCA'], 'Arrests, or charges? Check the NCA release.');
  const seized = passageOf('£54 million in cash, 77 firearms and more than two tonnes of class A and class B drugs', ['seizures', 'attribution/NCA']);
  const users = passageOf('EncroChat had about 60,000 users worldwide', ['attribution/Europol']);
  const prices = passageOf('€1,000 apiece and charged €1,500 for a six-month subscription', ['attribution/Europol']);
  const breach = passageOf('The operators only noticed the breach on 13 June 2020', []);
  const passages = [arrests, seized, users, prices, breach];

  let arrestClaim: ClaimRecord = createClaim({ caseId, statement: 'UK police arrested 746 people in the EncroChat operation', claimant: 'National Crime Agency', passageId: arrests.id, now });
  arrestClaim = { ...arrestClaim, tags: [tagId('arrests')] };
  arrestClaim = setStatus(arrestClaim, 'supported', { reason: 'The NCA figure is stated directly in the article.', now });
  let userClaim: ClaimRecord = createClaim({ caseId, statement: 'EncroChat had about 60,000 users worldwide', claimant: 'Europol', passageId: users.id, now });
  userClaim = addEvidence(userClaim, prices.id, 'context', now).claim;
  const claims = [arrestClaim, userClaim];

  // A short brief that cites the passages above: a repeated citation, a block quote and a claim reference.
  const content = brief(
    heading('h2', text('What the EncroChat operation achieved')),
    paragraph(
      text('Police forces reported the cracking of EncroChat as a turning point against organised crime. In the UK alone, '),
      claimMark([arrestClaim.id], text('the National Crime Agency counted '), text('746 arrests', TEXT_FORMAT.bold)),
      citation(arrests.id, arrestClaim.id),
      text(' and seizures of £54 million in cash, 77 firearms and more than two tonnes of drugs.'),
      citation(seized.id),
    ),
    quote(text(users.selectors[0].exact), citation(users.id)),
    paragraph(
      text('Still to verify: whether the arrest figure covers charges as well as detentions, and where Europol’s estimate of '),
      text('60,000 users', TEXT_FORMAT.italic),
      text(' comes from'),
      citation(users.id),
      text('. Hover over a number to see its quote; click it to open the passage.'),
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
    passages,
    claims,
    tags,
    notes: [note],
    timelineEntries: [],
    entityMerges: [],
    entityTags: [],
    figures: [],
  };
}
