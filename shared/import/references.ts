/**
 * Importing references from a reference manager (Zotero, Mendeley, EndNote
 * exports): CSL-JSON, BibTeX/BibLaTeX and RIS, parsed by citation-js and
 * its plugins, matched to the case's sources by DOI, web address or title,
 * and turned into source metadata.
 *
 * citation-js drops the attachment fields; they are read here from the same
 * parse (BibTeX `file`, RIS `L1`/`L4`), so a reference can bring its PDF.
 * The path in those fields is relative to the export folder (or absolute on
 * the exporting machine): the app resolves it against files the person
 * picks, by name.
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import type { CslDate, CslName, SourceMetadata, SourceRecord } from '../domain/types';
import { englishText, type MessageRef } from '../i18n';
import { jsonSyntaxRef } from '../text/jsonSyntax';

export interface ReferenceAttachment {
  /** The path as the export wrote it ("files/12/Okafor - 2024.pdf"). */
  path: string;
  /** Its last part, which the app matches against picked files. */
  fileName: string;
  mediaType?: string;
}

export interface ImportedReference {
  /** The reference's own key or ID in the file ("okafor_forty_2024"). */
  key: string;
  /** Its details; `title` is empty when the file gives it none, and the app names it in the UI's language. */
  metadata: SourceMetadata;
  /** PDF attachments named by the reference. */
  attachments: ReferenceAttachment[];
}

export type ReferenceFormat = 'csl-json' | 'bibtex' | 'ris';

/** A file that cannot be read as references: `detail` says why for the UI to translate, `message` is its English. */
export class ReferenceImportError extends Error {
  override name = 'ReferenceImportError';
  readonly detail: MessageRef;

  constructor(key: string, values: MessageRef['values']) {
    const detail: MessageRef = { key: `referenceError.${key}`, values };
    super(englishText(detail));
    this.detail = detail;
  }
}

/** A CSL-JSON entry that is not an object: the parser's reason, as a message. */
class NotAnObject extends Error {
  readonly detail: MessageRef = { key: 'referenceError.notObjects' };
}

/** A CSL-JSON file that is not JSON: where it breaks, in our words (the engine's vary and may name no place). */
class NotJson extends Error {
  readonly detail: MessageRef;

  constructor(body: string) {
    super('not JSON');
    this.detail = { key: 'referenceError.notJson', values: { problem: jsonSyntaxRef(body) } };
  }
}

/** The most references one file may hold (a whole library is a job for the reference manager). */
export const MAX_REFERENCES = 5000;

/** Which format a file holds, from its content (the extension may lie). */
export function detectReferenceFormat(text: string): ReferenceFormat | null {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('[') || body.startsWith('{')) return 'csl-json';
  if (/^TY {2}- /m.test(body)) return 'ris';
  if (/^@\w+\s*[{(]/m.test(body)) return 'bibtex';
  return null;
}

const CSL_TYPES: Record<string, SourceMetadata['type']> = {
  'article-newspaper': 'article-newspaper',
  'article-journal': 'article-journal',
  article: 'article-journal',
  'article-magazine': 'article-journal',
  'paper-conference': 'article-journal',
  report: 'report',
  webpage: 'webpage',
  'post-weblog': 'webpage',
  post: 'webpage',
  interview: 'interview',
  legal_case: 'legal_case',
  legislation: 'legal_case',
};

/** citation-js's words when it cannot make out a file's entries (a BibTeX entry left open, say). */
const NOT_RECOGNISED = /format is not supported or recognized/i;

/**
 * Why the parser gave up, as a message: our own words for what we can name (broken JSON, where it breaks;
 * entries the parser could not make out); anything else is its text as it is, which the translated
 * sentence around it names as the parser's.
 */
function parserReason(error: unknown): MessageRef {
  if (error instanceof NotAnObject || error instanceof NotJson) return error.detail;
  const raw = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').replace(/\.$/, '');
  if (NOT_RECOGNISED.test(raw)) return { key: 'referenceError.entriesUnclear' };
  return { key: 'referenceError.parser', values: { detail: raw } };
}

/**
 * Parse a reference file. Throws `ReferenceImportError` for a file that is
 * none of the three formats, that holds no references, or that the parser
 * rejects, naming the format it tried.
 */
export function parseReferences(text: string, fileName = 'references'): ImportedReference[] {
  const format = detectReferenceFormat(text);
  if (!format) {
    throw new ReferenceImportError('notReferences', { name: fileName });
  }
  const label = format === 'csl-json' ? 'CSL-JSON' : format === 'bibtex' ? 'BibTeX' : 'RIS';
  let items: Record<string, unknown>[];
  let attachments: ReferenceAttachment[][];
  try {
    const body = text.replace(/^\uFEFF/, '');
    if (format === 'csl-json') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        throw new NotJson(body);
      }
      const list = Array.isArray(parsed) ? parsed : [parsed];
      if (!list.every((item) => item && typeof item === 'object' && !Array.isArray(item))) throw new NotAnObject('every entry must be an object');
      items = (new Cite(list).data as Record<string, unknown>[]).map(stripGraph);
      attachments = items.map(() => []);
    } else {
      items = (new Cite(body).data as Record<string, unknown>[]).map(stripGraph);
      attachments = format === 'bibtex' ? bibtexAttachments(body) : risAttachments(body);
    }
  } catch (error) {
    throw new ReferenceImportError('unreadable', { name: fileName, format: label, reason: parserReason(error) });
  }
  if (items.length === 0) throw new ReferenceImportError('none', { name: fileName });
  if (items.length > MAX_REFERENCES) throw new ReferenceImportError('tooMany', { name: fileName, count: items.length, limit: MAX_REFERENCES });
  return items.map((item, i) => ({ key: String(item['citation-key'] ?? item.id ?? `ref-${i + 1}`), metadata: toMetadata(item), attachments: attachments[i] ?? [] }));
}

function stripGraph(item: Record<string, unknown>): Record<string, unknown> {
  const { _graph: _ignored, ...rest } = item;
  return rest;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.replace(/\s+/g, ' ').trim() : undefined;
}

function names(value: unknown): CslName[] | undefined {
  // RIS news items come through with "Family, Given" strings (citation-js puts them in `reporter`).
  if (typeof value === 'string') value = value.split(/\s*;\s*/).map((n) => (n.includes(',') ? { family: n.split(',')[0], given: n.split(',').slice(1).join(',') } : { literal: n }));
  if (!Array.isArray(value)) return undefined;
  const out = value.flatMap((n): CslName[] => {
    if (!n || typeof n !== 'object') return [];
    const name = n as Record<string, unknown>;
    const family = str(name.family);
    const given = str(name.given);
    const literal = str(name.literal);
    if (literal) return [{ literal }];
    if (family || given) return [{ ...(family ? { family } : {}), ...(given ? { given } : {}) }];
    return [];
  });
  return out.length > 0 ? out : undefined;
}

function date(value: unknown): CslDate | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const parts = (value as { 'date-parts'?: unknown })['date-parts'];
  const first = Array.isArray(parts) && Array.isArray(parts[0]) ? (parts[0] as unknown[]).map(Number) : [];
  const [y, m, d] = first;
  if (y === undefined || !Number.isInteger(y)) {
    const raw = str((value as { raw?: unknown }).raw);
    // RIS writes "2024/03/20/".
    const numeric = raw ? /^(\d{4})(?:[/-](\d{1,2}))?(?:[/-](\d{1,2}))?\/?$/.exec(raw) : null;
    if (numeric) return date({ 'date-parts': [[Number(numeric[1]), numeric[2] ? Number(numeric[2]) : undefined, numeric[3] ? Number(numeric[3]) : undefined].filter((n) => n !== undefined)] });
    return raw ? { raw } : undefined;
  }
  const valid = (n: number | undefined, max: number) => n !== undefined && Number.isInteger(n) && n >= 1 && n <= max;
  if (valid(m, 12) && valid(d, 31)) return { 'date-parts': [[y, m, d]] };
  if (valid(m, 12)) return { 'date-parts': [[y, m]] };
  return { 'date-parts': [[y]] };
}

/** CSL-JSON (as citation-js gives it) → our metadata, keeping only the fields we store; no title is an empty one. */
function toMetadata(item: Record<string, unknown>): SourceMetadata {
  const metadata: SourceMetadata = { type: CSL_TYPES[String(item.type)] ?? 'document', title: str(item.title) ?? str(item['title-short']) ?? '' };
  const author = names(item.author) ?? names(item.editor) ?? names(item.reporter);
  if (author) metadata.author = author;
  const container = str(item['container-title']);
  if (container) metadata['container-title'] = container;
  const publisher = str(item.publisher);
  if (publisher) metadata.publisher = publisher;
  const issued = date(item.issued);
  if (issued) metadata.issued = issued;
  const accessed = date(item.accessed);
  if (accessed) metadata.accessed = accessed;
  const url = str(item.URL);
  if (url && /^https?:\/\//i.test(url)) metadata.URL = url;
  const doi = normaliseDoi(str(item.DOI) ?? '');
  if (doi) metadata.DOI = doi;
  const language = str(item.language);
  if (language) metadata.language = language;
  return metadata;
}

/** "https://doi.org/10.1000/ABC" or "doi:10.1000/abc" → "10.1000/abc" (DOIs compare without case). */
export function normaliseDoi(value: string): string | undefined {
  const match = /(10\.\d{4,9}\/\S+)/i.exec(value.trim());
  return match ? match[1]!.replace(/[.,;]+$/, '').toLowerCase() : undefined;
}

/** BibTeX `file` fields: Zotero writes "Title:path:mime;Title:path:mime", JabRef ":path:PDF", others just a path. */
function bibtexAttachments(text: string): ReferenceAttachment[][] {
  const entries = plugins.input.chain(text, { target: '@biblatex/entries+list' }) as { properties?: Record<string, unknown> }[];
  return entries.map((entry) => {
    const field = str(entry.properties?.file) ?? str(entry.properties?.pdf);
    if (!field) return [];
    return field
      .split(/(?<!\\);/)
      .map((part) => {
        const pieces = part.split(/(?<!\\):/);
        // "Title:path:type" (three parts), a Windows "C:\…" path splits further: rejoin the middle.
        const path = pieces.length >= 3 ? pieces.slice(1, -1).join(':') : pieces.length === 2 ? pieces[1]! : pieces[0]!;
        const mediaType = pieces.length >= 3 ? pieces.at(-1) : undefined;
        return attachment(path.replace(/\\([:;\\])/g, '$1'), mediaType);
      })
      .filter((a): a is ReferenceAttachment => a !== null);
  });
}

/** RIS `L1` (file attachments) and `L4` (figures/links) lines, per record. */
function risAttachments(text: string): ReferenceAttachment[][] {
  const records = plugins.input.chainLink(text) as Record<string, unknown>[];
  return records.map((record) => {
    const values = ['L1', 'L4'].flatMap((tag) => {
      const value = record[tag];
      return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
    });
    return values.map((path) => attachment(path, undefined)).filter((a): a is ReferenceAttachment => a !== null);
  });
}

function attachment(rawPath: string, mediaType: string | undefined): ReferenceAttachment | null {
  const path = rawPath.trim().replace(/^file:\/\//i, '');
  if (path === '') return null;
  const fileName = decodeURIComponentSafe(path.split(/[\\/]/).pop() ?? path);
  const isPdf = /\.pdf$/i.test(fileName) || /pdf/i.test(mediaType ?? '');
  if (!isPdf) return null;
  return { path, fileName, ...(mediaType ? { mediaType } : {}) };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// ------------------------------------------------------------ matching

function foldTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function foldUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname.replace(/^www\./, '')}${u.pathname.replace(/\/+$/, '')}${u.search}`.toLowerCase();
  } catch {
    return url.trim().toLowerCase();
  }
}

export interface ReferenceMatch {
  sourceId: string;
  by: 'doi' | 'url' | 'title';
}

/**
 * The case's source a reference describes: the same DOI, else the same web
 * address (scheme, "www." and a trailing slash ignored; the address it was
 * fetched from counts too), else the same title (case, accents and
 * punctuation ignored). A title shared by two sources matches neither.
 */
export function matchReference(
  reference: Pick<ImportedReference, 'metadata'>,
  sources: readonly Pick<SourceRecord, 'id' | 'metadata' | 'fetched'>[],
): ReferenceMatch | null {
  const doi = reference.metadata.DOI;
  if (doi) {
    const found = sources.find((s) => s.metadata.DOI !== undefined && normaliseDoi(s.metadata.DOI) === doi);
    if (found) return { sourceId: found.id, by: 'doi' };
  }
  const url = reference.metadata.URL;
  if (url) {
    const key = foldUrl(url);
    const found = sources.find((s) => [s.metadata.URL, s.fetched?.url, s.fetched?.finalUrl].some((u) => u !== undefined && foldUrl(u) === key));
    if (found) return { sourceId: found.id, by: 'url' };
  }
  const title = foldTitle(reference.metadata.title);
  if (title !== '') {
    const found = sources.filter((s) => foldTitle(s.metadata.title) === title);
    if (found.length === 1) return { sourceId: found[0]!.id, by: 'title' };
  }
  return null;
}

/**
 * A source's metadata with a reference's filled in: the reference manager's
 * curated fields win where it has them, the source keeps what the reference
 * leaves out (its fetched address, its language, its title when the reference
 * has none).
 */
export function mergeReferenceMetadata(current: SourceMetadata, incoming: SourceMetadata): SourceMetadata {
  const merged: SourceMetadata = { ...current };
  for (const [key, value] of Object.entries(incoming) as [keyof SourceMetadata, unknown][]) {
    if (value === undefined) continue;
    if (key === 'title' && incoming.title.trim() === '') continue;
    (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return merged;
}
