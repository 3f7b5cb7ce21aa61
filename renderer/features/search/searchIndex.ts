import MiniSearch, { type SearchResult } from 'minisearch';
import type { ClaimRecord, NoteRecord, PassageRecord, SourceRecord } from '../../../shared/domain/types';
import { foldString, foldText, originalRange } from '../../../shared/text/fold';

/**
 * The search index of one case: documents built from records, kept per
 * record so a change replaces only that record's documents, and searched
 * with MiniSearch. Pure logic (no DOM, no Dexie): the worker wraps it, and the
 * unit tests and the S1 benchmark run it directly.
 */

export type DocKind = 'source' | 'chunk' | 'passage' | 'claim' | 'note';

/** One indexed document. Text fields are searched; the rest is for display and jumping. */
export interface SearchDoc {
  id: string;
  kind: DocKind;
  /** The record the document belongs to (a source has one document per chunk plus one for its title). */
  recordId: string;
  title: string;
  text: string;
  comment?: string;
  claimant?: string;
  note?: string;
  /** What the result's heading shows (a source title, a claim statement, a note title); empty when it has none, which the palette names in the UI's language. */
  heading: string;
  /** Where in the source: "¶ 4", "p. 2". */
  where?: string;
  sourceId?: string;
  /** Offsets of a chunk or passage in its source text. */
  start?: number;
  end?: number;
}

export type SnippetPart = { text: string; match: boolean };

export interface SearchHit {
  id: string;
  kind: DocKind;
  recordId: string;
  heading: string;
  where?: string;
  sourceId?: string;
  /** The snippet, with the matched words marked. */
  snippet: SnippetPart[];
  /** For a chunk: the source offsets of the first match, to scroll to and flash. */
  matchStart?: number;
  matchEnd?: number;
  score: number;
}

const FIELDS = ['title', 'text', 'comment', 'claimant', 'note'] as const;
type Field = (typeof FIELDS)[number];

/** Chunks longer than this are split at a space, so a hit lands near its place and snippets stay cheap. */
export const MAX_CHUNK = 2000;

const KIND_BOOST: Record<DocKind, number> = { source: 1.4, passage: 1.5, claim: 1.5, note: 1.3, chunk: 1 };

function whereOf(kind: 'paragraph' | 'page', n: number): string {
  return kind === 'page' ? `p. ${n}` : `¶ ${n}`;
}

/** Split [start, end) of `text` into pieces of at most `max` characters, cutting at whitespace when there is some. */
export function chunkRange(text: string, start: number, end: number, max = MAX_CHUNK): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let at = start;
  while (end - at > max) {
    let cut = at + max;
    const floor = at + Math.floor(max / 2);
    while (cut > floor && !/\s/.test(text[cut]!)) cut--;
    if (cut === floor) cut = at + max;
    out.push({ start: at, end: cut });
    at = cut;
    while (at < end && /\s/.test(text[at]!)) at++;
  }
  if (end > at) out.push({ start: at, end });
  return out;
}

function authorsOf(source: SourceRecord): string {
  return (source.metadata.author ?? []).map((a) => a.literal ?? [a.given, a.family].filter(Boolean).join(' ')).join(', ');
}

/** A source's documents: one for its title and details, one per chunk of its text. */
export function docsForSource(source: SourceRecord): SearchDoc[] {
  const title = source.metadata.title || source.fileName;
  const details = [authorsOf(source), source.metadata['container-title'], source.metadata.publisher, source.fileName].filter(Boolean).join(' · ');
  const docs: SearchDoc[] = [{ id: `source:${source.id}`, kind: 'source', recordId: source.id, title, text: details, heading: title, sourceId: source.id }];
  for (const block of source.blocks) {
    const pieces = chunkRange(source.text, block.start, block.end);
    pieces.forEach((piece, i) => {
      docs.push({
        id: `chunk:${source.id}:${block.start}${pieces.length > 1 ? `.${i}` : ''}`,
        kind: 'chunk',
        recordId: source.id,
        title: '',
        text: source.text.slice(piece.start, piece.end),
        heading: title,
        where: whereOf(block.kind === 'page' ? 'page' : 'paragraph', block.n),
        sourceId: source.id,
        start: piece.start,
        end: piece.end,
      });
    });
  }
  return docs;
}

export function docForPassage(passage: PassageRecord, sourceTitle: string): SearchDoc {
  return {
    id: `passage:${passage.id}`,
    kind: 'passage',
    recordId: passage.id,
    title: '',
    text: passage.selectors[0].exact,
    comment: passage.comment,
    heading: sourceTitle,
    where: whereOf(passage.locator.kind, passage.locator.value),
    sourceId: passage.sourceId,
    start: passage.selectors[1].start,
    end: passage.selectors[1].end,
  };
}

export function docForClaim(claim: ClaimRecord): SearchDoc {
  return {
    id: `claim:${claim.id}`,
    kind: 'claim',
    recordId: claim.id,
    title: '',
    text: claim.statement,
    claimant: claim.claimant,
    note: claim.note,
    heading: claim.statement,
  };
}

export function docForNote(note: NoteRecord): SearchDoc {
  return { id: `note:${note.id}`, kind: 'note', recordId: note.id, title: note.title, text: note.plainText, heading: note.title };
}

/** MiniSearch's term processing: folded like find-in-source, so "cafe" finds "Café". */
export function processTerm(term: string): string | null {
  const folded = foldString(term);
  return folded.length > 0 ? folded : null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A snippet of `text` around the first occurrence of any of `terms` (folded
 * index terms), every occurrence in the window marked. Whitespace runs show
 * as one space. Returns the offsets of the first match in `text` too.
 */
export function snippet(text: string, terms: readonly string[], width = 160): { parts: SnippetPart[]; first: { start: number; end: number } | null } {
  const clean = (s: string) => s.replace(/\s+/g, ' ');
  const wanted = [...new Set(terms.filter(Boolean))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0 || !text) return { parts: text ? [{ text: clean(text.slice(0, width)) + (text.length > width ? '…' : ''), match: false }] : [], first: null };
  const folded = foldText(text);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${wanted.map(escapeRegExp).join('|')})`, 'gu');
  const matches: Array<{ start: number; end: number }> = [];
  for (const m of folded.text.matchAll(pattern)) {
    if (m[0].length === 0) continue;
    matches.push(originalRange(folded, m.index, m.index + m[0].length));
    if (matches.length > 200) break;
  }
  const first = matches[0] ?? null;
  const anchor = first ? first.start : 0;
  // A short text is shown whole; a long one from a little before the first match.
  let from = text.length <= width ? 0 : Math.max(0, anchor - Math.floor(width / 3));
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < anchor) from = space + 1;
  }
  let to = Math.min(text.length, from + width);
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > (first?.end ?? from)) to = space;
  }
  const parts: SnippetPart[] = [];
  if (from > 0) parts.push({ text: '…', match: false });
  let at = from;
  for (const m of matches) {
    if (m.start < at || m.end > to) continue;
    if (m.start > at) parts.push({ text: clean(text.slice(at, m.start)), match: false });
    parts.push({ text: text.slice(m.start, m.end), match: true });
    at = m.end;
  }
  if (to > at) parts.push({ text: clean(text.slice(at, to)), match: false });
  if (to < text.length) parts.push({ text: '…', match: false });
  return { parts, first };
}

export interface SearchOptions {
  limit?: number;
}

export class SearchIndex {
  private readonly mini: MiniSearch<SearchDoc>;
  private readonly docs = new Map<string, SearchDoc>();
  private readonly byRecord = new Map<string, string[]>();

  constructor() {
    this.mini = new MiniSearch<SearchDoc>({
      fields: [...FIELDS],
      storeFields: [],
      processTerm,
      extractField: (doc, field) => (doc as unknown as Record<string, string | undefined>)[field] ?? '',
      searchOptions: {
        boost: { title: 3, text: 1, comment: 1.5, claimant: 1.5, note: 1 },
        // Only the word being typed (the last one) is completed; earlier words are whole words.
        prefix: (_term, i, terms) => i === terms.length - 1,
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
        combineWith: 'AND',
      },
    });
  }

  /** Number of documents in the index. */
  get size(): number {
    return this.docs.size;
  }

  /** Number of records with documents in the index. */
  get records(): number {
    return this.byRecord.size;
  }

  /** Replace a record's documents (adds it when it is new). */
  setRecord(recordId: string, docs: readonly SearchDoc[]): void {
    this.removeRecord(recordId);
    for (const doc of docs) {
      this.mini.add(doc);
      this.docs.set(doc.id, doc);
    }
    this.byRecord.set(
      recordId,
      docs.map((d) => d.id),
    );
  }

  /** Drop a record's documents. Unknown records are ignored. */
  removeRecord(recordId: string): void {
    const ids = this.byRecord.get(recordId);
    if (!ids) return;
    for (const id of ids) {
      this.mini.discard(id);
      this.docs.delete(id);
    }
    this.byRecord.delete(recordId);
  }

  clear(): void {
    this.mini.removeAll();
    this.docs.clear();
    this.byRecord.clear();
  }

  /** The best hits for `query`, each with its snippet. */
  search(query: string, { limit = 30 }: SearchOptions = {}): { hits: SearchHit[]; total: number } {
    if (!query.trim()) return { hits: [], total: 0 };
    const boostDocument = (id: string) => KIND_BOOST[id.slice(0, id.indexOf(':')) as DocKind] ?? 1;
    // Exact and prefix matches first; typo-tolerant matching only when they find too little
    // (a misspelt word), since fuzzy expansion over a large vocabulary is the costly part.
    let results = this.mini.search(query, { boostDocument, fuzzy: false });
    if (results.length < limit) results = this.mini.search(query, { boostDocument });
    return { hits: results.slice(0, limit).flatMap((r) => this.hit(r)), total: results.length };
  }

  private hit(result: SearchResult): SearchHit[] {
    const doc = this.docs.get(result.id as string);
    if (!doc) return [];
    // Show the first field (in a sensible order) that matched.
    const matched = new Set<Field>();
    for (const fields of Object.values(result.match)) for (const f of fields) matched.add(f as Field);
    const order: Field[] = doc.kind === 'passage' ? ['text', 'comment'] : doc.kind === 'claim' ? ['text', 'claimant', 'note'] : ['text', 'title'];
    const field = order.find((f) => matched.has(f) && doc[f]) ?? order.find((f) => doc[f]) ?? 'text';
    const value = doc[field] ?? '';
    const { parts, first } = field === 'title' && doc.kind !== 'note' ? { parts: [], first: null } : snippet(value, result.terms);
    const hit: SearchHit = {
      id: doc.id,
      kind: doc.kind,
      recordId: doc.recordId,
      heading: doc.heading,
      snippet: parts,
      score: result.score,
    };
    if (doc.where) hit.where = doc.where;
    if (doc.sourceId) hit.sourceId = doc.sourceId;
    if (doc.kind === 'chunk' && doc.start !== undefined) {
      hit.matchStart = doc.start + (first?.start ?? 0);
      hit.matchEnd = doc.start + (first?.end ?? 0);
    }
    if (doc.kind === 'passage' && field === 'comment') hit.snippet = [{ text: 'Comment: ', match: false }, ...parts];
    return [hit];
  }
}
