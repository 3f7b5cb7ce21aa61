import { describe, expect, it } from 'vitest';
import type { ClaimRecord, NoteRecord, PassageRecord, SourceBlock, SourceRecord } from '../../../../../shared/domain/types';
import { foldText, originalRange } from '../../../../../shared/text/fold';
import { MAX_CHUNK, SearchIndex, chunkRange, docForClaim, docForNote, docsForSource, snippet } from '../../../../../renderer/features/search/searchIndex';
import { RecordTracker } from '../../../../../renderer/features/search/sync';
import { findMatches } from '../../../../../renderer/features/find/findMatches';
import { hitHeading } from '../../../../../renderer/features/search/hitHeading';
import { createTranslator } from '../../../../../shared/i18n';

function source(id: string, title: string, paragraphs: string[], extra: Partial<SourceRecord> = {}): SourceRecord {
  const blocks: SourceBlock[] = [];
  let at = 0;
  paragraphs.forEach((p, i) => {
    blocks.push({ start: at, end: at + p.length, n: i + 1, kind: 'paragraph' });
    at += p.length + 2;
  });
  return {
    id,
    caseId: 'c1',
    format: 'text',
    text: paragraphs.join('\n\n'),
    blocks,
    sha256: '0'.repeat(64),
    fileName: `${id}.txt`,
    byteLength: at,
    importedAt: 0,
    metadata: { type: 'report', title },
    revision: 1,
    order: 0,
    ...extra,
  };
}

function passage(id: string, src: SourceRecord, exact: string, comment = ''): PassageRecord {
  const start = src.text.indexOf(exact);
  return {
    id,
    caseId: 'c1',
    sourceId: src.id,
    selectors: [
      { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      { type: 'TextPositionSelector', start, end: start + exact.length },
    ],
    tags: [],
    comment,
    locator: { kind: 'paragraph', value: 2 },
    anchor: 'exact',
    createdAt: 0,
    updatedAt: 0,
  };
}

function claim(id: string, statement: string, claimant = '', note = ''): ClaimRecord {
  return { id, caseId: 'c1', statement, claimant, status: 'unverified', tags: [], note, evidence: [], statusLog: [], createdAt: 0, updatedAt: 0 };
}

function note(id: string, title: string, plainText: string): NoteRecord {
  return { id, caseId: 'c1', title, content: null, schemaVersion: 1, plainText, createdAt: 0, updatedAt: 0, order: 0 };
}

const harbour = source('s1', 'Harbour inspections in Velden', [
  'Harbour inspections in Velden',
  'Customs officers opened forty containers at the northern quay on Tuesday.',
  'The ministry said the café owners near the quay were not involved.',
]);

function apply(index: SearchIndex, change: { set: Array<[string, ReturnType<typeof docsForSource>]>; removed: string[] }) {
  for (const id of change.removed) index.removeRecord(id);
  for (const [id, docs] of change.set) index.setRecord(id, docs);
}

describe('documents from records', () => {
  it('indexes a source as a title document plus one chunk per block, with offsets into its text', () => {
    const docs = docsForSource(harbour);
    expect(docs.map((d) => d.kind)).toEqual(['source', 'chunk', 'chunk', 'chunk']);
    for (const d of docs.slice(1)) expect(harbour.text.slice(d.start, d.end)).toBe(d.text);
    expect(docs[2]!.where).toBe('¶ 2');
  });

  it('splits a long block at whitespace into chunks no longer than the limit, covering every word', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `word${i}`);
    const text = words.join(' ');
    const pieces = chunkRange(text, 0, text.length);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) {
      expect(p.end - p.start).toBeLessThanOrEqual(MAX_CHUNK);
      expect(text[p.start]).not.toBe(' ');
    }
    const rejoined = pieces.map((p) => text.slice(p.start, p.end)).join(' ');
    expect(rejoined).toBe(text);
    // A run without any space is still cut.
    expect(chunkRange('x'.repeat(5000), 0, 5000).map((p) => p.end - p.start)).toEqual([2000, 2000, 1000]);
  });
});

describe('SearchIndex', () => {
  it('finds source text, titles, passage comments, claims and notes, each with a labelled snippet', () => {
    const index = new SearchIndex();
    const p = passage('p1', harbour, 'opened forty containers', 'Check the manifest against the port log');
    index.setRecord('s1', docsForSource(harbour));
    index.setRecord('p1', [
      {
        id: 'passage:p1',
        kind: 'passage',
        recordId: 'p1',
        title: '',
        text: p.selectors[0].exact,
        comment: p.comment,
        heading: 'Harbour inspections in Velden',
        sourceId: 's1',
      },
    ]);
    const tracker = new RecordTracker();
    tracker.update('sources', [harbour]);
    apply(index, tracker.update('claims', [claim('k1', 'Forty containers were opened', 'Customs agency', 'Seen in the quarterly return')]));
    apply(index, tracker.update('notes', [note('n1', 'Brief', 'Draft: the quarterly return does not list Velden.')]));

    const manifest = index.search('manifest').hits;
    expect(manifest).toHaveLength(1);
    expect(manifest[0]).toMatchObject({ kind: 'passage', recordId: 'p1' });
    expect(manifest[0]!.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['manifest']);
    expect(manifest[0]!.snippet[0]!.text).toBe('Comment: ');

    const quarterly = index.search('quarterly').hits.map((h) => h.kind).sort();
    expect(quarterly).toEqual(['claim', 'note']);

    const quay = index.search('quay').hits;
    expect(quay.every((h) => h.kind === 'chunk')).toBe(true);
    expect(quay).toHaveLength(2);
    for (const hit of quay) expect(harbour.text.slice(hit.matchStart, hit.matchEnd)).toBe('quay');

    expect(index.search('Velden inspections').hits[0]).toMatchObject({ kind: 'source', recordId: 's1' });
  });

  it('ignores case and diacritics, matches prefixes and tolerates a typo in a long word', () => {
    const index = new SearchIndex();
    index.setRecord('s1', docsForSource(harbour));
    const cafe = index.search('CAFE').hits;
    expect(cafe).toHaveLength(1);
    expect(cafe[0]!.snippet.find((s) => s.match)?.text).toBe('café');
    expect(index.search('contain').hits.length).toBeGreaterThan(0);
    expect(index.search('minsitry').hits.length).toBe(1);
    expect(index.search('').hits).toEqual([]);
  });

  it('finds Arabic and Hebrew words (with or without vowel marks) and maps them to the exact words of the source', () => {
    const index = new SearchIndex();
    const arabic = source('ar', 'عوامات جديدة في ميناء فيلدن', ['عوامات جديدة في ميناء فيلدن', 'قال مدير المِيناء إن العوامات الجديدة أصبحت أوضح في الليل.']);
    const hebrew = source('he', 'דוח הנמל', ['דוח הנמל', 'העלות עלתה בחמישית, לפי מנהל הנמל.']);
    index.setRecord('ar', docsForSource(arabic));
    index.setRecord('he', docsForSource(hebrew));
    // The source writes a kasra in المِيناء; the search, like most typing, does not.
    const port = index.search('الميناء').hits.filter((h) => h.kind === 'chunk');
    expect(port).toHaveLength(1);
    expect(arabic.text.slice(port[0]!.matchStart, port[0]!.matchEnd)).toBe('المِيناء');
    const cost = index.search('העלות').hits;
    expect(cost).toHaveLength(1);
    expect(cost[0]!.snippet.find((s) => s.match)?.text).toBe('העלות');
    expect(index.search('מנהל הנמל').hits[0]).toMatchObject({ recordId: 'he' });
  });

  it('updates incrementally: add, replace and remove one record without touching the others', () => {
    const index = new SearchIndex();
    const tracker = new RecordTracker();
    const p1 = passage('p1', harbour, 'opened forty containers', 'first thought');
    const p2 = passage('p2', harbour, 'café owners', '');
    apply(index, tracker.update('sources', [harbour]));
    const first = tracker.update('passages', [p1, p2]);
    expect(first.set.map(([id]) => id)).toEqual(['p1', 'p2']);
    apply(index, first);
    const sourceDocs = index.size - 2;

    // Editing one comment re-indexes only that passage.
    const edited = { ...p2, comment: 'ask the owners about zanzibar crates' };
    const change = tracker.update('passages', [p1, edited]);
    expect(change.set.map(([id]) => id)).toEqual(['p2']);
    expect(change.removed).toEqual([]);
    apply(index, change);
    expect(index.search('zanzibar').hits.map((h) => h.recordId)).toEqual(['p2']);

    // The same snapshot again changes nothing.
    expect(tracker.update('passages', [p1, edited])).toEqual({ set: [], removed: [] });

    // Replacing drops the old words.
    apply(index, tracker.update('passages', [{ ...p1, comment: 'second thought' }, edited]));
    expect(index.search('first').hits).toEqual([]);
    expect(index.search('second').hits.map((h) => h.recordId)).toEqual(['p1']);

    // Removing a passage removes its document and nothing else.
    const removal = tracker.update('passages', [edited]);
    expect(removal.removed).toEqual(['p1']);
    apply(index, removal);
    expect(index.search('second').hits).toEqual([]);
    expect(index.size).toBe(sourceDocs + 1);

    // A renamed source re-indexes the source and the headings of its passages.
    const renamed = { ...harbour, metadata: { ...harbour.metadata, title: 'Port checks at Velden' } };
    const rename = tracker.update('sources', [renamed]);
    expect(rename.set.map(([id]) => id).sort()).toEqual(['p2', 's1']);
    apply(index, rename);
    expect(index.search('zanzibar').hits[0]!.heading).toBe('Port checks at Velden');

    // Removing a source drops all its chunks.
    apply(index, tracker.update('sources', []));
    expect(index.search('quay').hits).toEqual([]);
  });
});

describe('snippets', () => {
  it('centres on the first match, marks every match in the window and elides the rest', () => {
    const text = `${'Lead paragraph words. '.repeat(20)}The harbour master denied it. ${'Closing words here. '.repeat(20)}`;
    const { parts, first } = snippet(text, ['harbour'], 80);
    expect(parts[0]!.text).toBe('…');
    expect(parts.at(-1)!.text).toBe('…');
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['harbour']);
    expect(text.slice(first!.start, first!.end)).toBe('harbour');
    expect(parts.map((p) => p.text).join('').length).toBeLessThanOrEqual(84);
  });

  it('shows a short text whole, without ellipses', () => {
    const { parts } = snippet('In the United Kingdom the agency reported 746 arrests', ['arrests']);
    expect(parts.map((p) => p.text).join('')).toBe('In the United Kingdom the agency reported 746 arrests');
    expect(parts.at(-1)).toEqual({ text: 'arrests', match: true });
  });

  it('matches whole folded terms only at word starts and maps them back to the original text', () => {
    const { parts } = snippet('Rebar and BAR and Bär', ['bar']);
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['BAR', 'Bär']);
  });
});

describe('folding and find in source', () => {
  it('maps folded offsets back to the original text, including decomposed and expanded characters', () => {
    const text = 'Café ﬁnal Cafe\u0301 e';
    const folded = foldText(text);
    expect(folded.text).toBe('cafe final cafe e');
    const fi = folded.text.indexOf('final');
    expect(text.slice(originalRange(folded, fi, fi + 5).start, originalRange(folded, fi, fi + 5).end)).toBe('ﬁnal');
  });

  it('finds every occurrence ignoring case and diacritics, and phrases across line breaks', () => {
    const text = 'The Café opened.\n\nA cafe closed; CAFÉS remain.';
    const found = findMatches(text, 'cafe').matches.map((m) => text.slice(m.start, m.end));
    expect(found).toEqual(['Café', 'cafe', 'CAFÉ']);
    const phrase = findMatches(text, 'opened. a cafe').matches.map((m) => text.slice(m.start, m.end));
    expect(phrase).toEqual(['opened.\n\nA cafe']);
    expect(findMatches(text, '   ').matches).toEqual([]);
    expect(findMatches(text, '(').matches).toEqual([]);
  });

  it('caps the number of matches and says so', () => {
    const result = findMatches('a '.repeat(100), 'a', 10);
    expect(result.matches).toHaveLength(10);
    expect(result.capped).toBe(true);
  });
});

describe('headings of results with nothing to head them', () => {
  it('keeps no words of the index’s own: the palette names them in the UI’s language', () => {
    const index = new SearchIndex();
    index.setRecord('k1', [docForClaim(claim('k1', '', 'Harbour master Okafor'))]);
    index.setRecord('n1', [docForNote(note('n1', '', 'Okafor inspected the ferry.'))]);
    const hits = index.search('okafor').hits;
    expect(hits.map((h) => [h.kind, h.heading]).sort()).toEqual([
      ['claim', ''],
      ['note', ''],
    ]);
    const es = createTranslator('es');
    const en = createTranslator('en');
    expect(hits.map((h) => hitHeading(h, es)).sort()).toEqual(['Afirmación sin enunciado', 'Nota sin título']);
    expect(hitHeading({ kind: 'claim', heading: '' }, en)).toBe('Untitled claim');
    expect(hitHeading({ kind: 'chunk', heading: ' ' }, es)).toBe('Fuente sin título');
    expect(hitHeading({ kind: 'passage', heading: 'Port checks at Velden' }, es)).toBe('Port checks at Velden');
  });
});
