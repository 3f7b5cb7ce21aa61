/**
 * Bytes (or pasted text) → an `ImportedSourceDraft`, ready to store. Routing is
 * by extension; every refusal is an `ImportError` thrown before anything is
 * written. Decoding, Markdown and Word conversion and the first half of the
 * HTML path run in the import worker (prepareSource.ts); the sanitiser
 * finishes HTML-like sources here in short tasks, and PDFs go to pdf.js.
 */
import type { CslDate, SourceFormat, SourceImportReport, SourceMetadata } from '../../shared/domain/types';
import { mediaTypeFromName, sourceKindFromName, MAX_SOURCE_BYTES } from '../../shared/import/detect';
import type { ImportedSourceDraft } from '../../shared/import/draft';
import { PASTED_SUBJECT, fileSubject, importErrors } from '../../shared/import/errors';
import { sha256Hex } from '../../shared/domain/hash';
import { metadataFromHints, type MetadataHints } from '../../shared/import/metadata';
import { blocksFromPages, blocksFromParts, titleFromText, type TextPart, type TextSnapshot } from '../../shared/import/text';
import { prepareOffThread } from './importWorker';
import { readPdfText, type PdfjsModule } from './pdf';
import type { PreparedSource } from './prepareSource';
import { sanitizeArticle } from './sanitizeHtml';

/** Where an import is; shown by the import progress UI. */
export interface ImportProgress {
  stage: 'decoding' | 'unpacking' | 'parsing' | 'sanitising';
  done?: number;
  total?: number;
}

export interface ImportOptions {
  /** Clock for `accessed` and the pasted-text file name (tests and the sample case pin it). */
  now?: number;
  /** Address the HTML was fetched from: resolves relative links and is the fallback URL. */
  baseUrl?: string;
  /** pdf.js to use instead of the app's worker-backed one (unit tests pass the Node build). */
  pdfjs?: PdfjsModule;
  /** Read a text-like file in this encoding instead of detecting one ("Reopen with encoding…"). */
  encoding?: string;
  /** The `charset` a web server sent with a fetched page (Content-Type); it outranks the page's own declaration. */
  serverCharset?: string;
  /** Cancels the import; it then fails with an ImportError of code 'cancelled' and nothing is stored. */
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

/** What each format pipeline contributes to the draft. */
interface Parsed extends TextSnapshot {
  format: SourceFormat;
  /** The original bytes' SHA-256, when the import worker computed it already. */
  sha256?: string;
  html?: string;
  hints: MetadataHints;
  titleFromFirstLine: boolean;
  report?: SourceImportReport;
}

/** A dropped or picked file may arrive with its folder; the source keeps only its name. */
function lastSegment(name: string): string {
  return name.split(/[\\/]/).pop()?.trim() || name;
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The first level-1 heading, else the first heading of any level. */
function headingTitle(parts: readonly TextPart[]): string | undefined {
  const heading = parts.find((p) => p.kind === 'heading' && p.level === 1) ?? parts.find((p) => p.kind === 'heading');
  return heading ? squash(heading.text) || undefined : undefined;
}

function withoutEmpty(report: SourceImportReport): SourceImportReport | undefined {
  return Object.values(report).some((value) => value !== undefined) ? report : undefined;
}

async function parseMarkup(
  result: Extract<PreparedSource, { kind: 'markup' }>,
  format: 'markdown' | 'html' | 'docx',
  fileName: string,
  opts: ImportOptions,
): Promise<Parsed> {
  const article = await sanitizeArticle(result.prepared, format === 'html' ? opts.baseUrl : undefined, {
    readability: format === 'html',
    subject: fileSubject(fileName),
    ...(opts.signal ? { signal: opts.signal } : {}),
    onProgress: (done, total) => opts.onProgress?.({ stage: 'sanitising', done, total }),
  });
  const snapshot = blocksFromParts(article.parts);
  const report = withoutEmpty({
    ...(result.encoding ? { encoding: result.encoding } : {}),
    ...(result.prepared.hidden.count > 0 ? { hidden: result.prepared.hidden } : {}),
    ...(article.metadataAuthors ? { metadataAuthors: article.metadataAuthors } : {}),
  });
  const base = { ...snapshot, format, html: article.html, ...(report ? { report } : {}) };
  const hints: MetadataHints = format === 'markdown' ? { ...(result.frontMatter ?? {}) } : format === 'html' ? article.hints : {};
  if (hints.title) return { ...base, hints, titleFromFirstLine: false };
  const heading = headingTitle(article.parts);
  if (format === 'html') return { ...base, hints: { ...hints, title: heading }, titleFromFirstLine: heading !== undefined };
  const { title, fromFirstLine } = heading ? { title: heading, fromFirstLine: true } : titleFromText(snapshot.text, fileName);
  return { ...base, hints: { ...hints, title }, titleFromFirstLine: fromFirstLine };
}

async function parsePdf(bytes: Uint8Array, fileName: string, pdfjs: PdfjsModule | undefined): Promise<Parsed> {
  const pdf = await readPdfText(fileName, bytes, pdfjs);
  const snapshot = blocksFromPages(pdf.pages);
  if (snapshot.blocks.length === 0) throw importErrors.scannedPdf(fileName);
  const hints: MetadataHints = pdf.authors ? { authors: pdf.authors } : {};
  if (pdf.title) return { ...snapshot, format: 'pdf', hints: { ...hints, title: pdf.title }, titleFromFirstLine: false };
  const { title, fromFirstLine } = titleFromText(snapshot.text, fileName);
  return { ...snapshot, format: 'pdf', hints: { ...hints, title }, titleFromFirstLine: fromFirstLine };
}

/** Today's calendar date in the user's time zone, as CSL wants for `accessed`. */
function accessedOn(now: number): CslDate {
  const date = new Date(now);
  return { 'date-parts': [[date.getFullYear(), date.getMonth() + 1, date.getDate()]] };
}

async function toDraft(parsed: Parsed, fileName: string, bytes: Uint8Array, mediaType: string, now: number): Promise<ImportedSourceDraft> {
  const metadata: SourceMetadata = { ...metadataFromHints(parsed.hints, fileName, parsed.format), accessed: accessedOn(now) };
  const draft: ImportedSourceDraft = {
    format: parsed.format,
    text: parsed.text,
    blocks: parsed.blocks,
    sha256: parsed.sha256 ?? (await sha256Hex(bytes)),
    fileName,
    byteLength: bytes.byteLength,
    mediaType,
    metadata,
    bytes,
    titleFromFirstLine: parsed.titleFromFirstLine,
  };
  if (parsed.html !== undefined) draft.html = parsed.html;
  if (parsed.report) draft.importReport = parsed.report;
  return draft;
}

/**
 * Import a file the user chose, dropped or the app fetched. `name` may carry a
 * folder; only its last segment is kept. Throws `ImportError` for unsupported
 * extensions, oversized, empty or binary files, pages too deep or too big to
 * read, Word files that inflate past the limits, Markdown, HTML or Word files
 * with no readable text, scanned, password-protected or damaged PDFs, and a
 * cancelled import.
 */
export async function importFile(name: string, bytes: Uint8Array, opts: ImportOptions = {}): Promise<ImportedSourceDraft> {
  const fileName = lastSegment(name);
  const kind = sourceKindFromName(fileName);
  let parsed: Parsed;
  if (kind === 'pdf') {
    parsed = await parsePdf(bytes, fileName, opts.pdfjs);
  } else {
    if (bytes.byteLength > MAX_SOURCE_BYTES) throw importErrors.tooLarge(fileSubject(fileName), bytes.byteLength);
    const request =
      kind === 'docx'
        ? { kind, name: fileName, bytes }
        : { kind, name: fileName, bytes, ...(opts.encoding ? { encoding: opts.encoding } : {}), ...(opts.serverCharset ? { serverCharset: opts.serverCharset } : {}) };
    const result = await prepareOffThread(request, {
      ...(opts.signal ? { signal: opts.signal } : {}),
      onProgress: (progress) => opts.onProgress?.(progress),
    });
    if (result.kind === 'text') {
      parsed = { ...result.snapshot, format: 'text', hints: { title: result.title }, titleFromFirstLine: result.titleFromFirstLine, report: { encoding: result.encoding } };
    } else {
      parsed = await parseMarkup(result, kind === 'text' ? 'html' : kind, fileName, opts);
    }
    parsed.sha256 = result.sha256;
  }
  if (opts.signal?.aborted) throw importErrors.cancelled(fileSubject(fileName));
  if (parsed.blocks.length === 0) {
    if (kind === 'text') throw importErrors.empty(fileSubject(fileName));
    if (kind === 'docx') throw importErrors.noTextWord(fileName);
    const hidden = parsed.report?.hidden?.count ?? 0;
    throw hidden > 0 ? importErrors.onlyHiddenText(fileName, hidden) : importErrors.noText(fileName);
  }
  return toDraft(parsed, fileName, bytes, mediaTypeFromName(fileName), opts.now ?? Date.now());
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** "Pasted text 2026-11-28 15.47.txt": sortable, and legal on every file system. */
export function pastedFileName(now: number): string {
  const d = new Date(now);
  return `Pasted text ${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}.${two(d.getMinutes())}.txt`;
}

/**
 * Import plain text from the clipboard or a text drop. It gets the same size
 * and emptiness checks as a file, and its UTF-8 bytes become the original.
 */
export async function importPastedText(text: string, opts: ImportOptions = {}): Promise<ImportedSourceDraft> {
  const bytes = new TextEncoder().encode(text);
  if (bytes.byteLength > MAX_SOURCE_BYTES) throw importErrors.tooLarge(PASTED_SUBJECT, bytes.byteLength);
  const now = opts.now ?? Date.now();
  const fileName = pastedFileName(now);
  const result = await prepareOffThread({ kind: 'text', name: fileName, bytes }, opts.signal ? { signal: opts.signal } : {}).catch((error: unknown) => {
    // The pasted text has no file name to speak of.
    if (error instanceof Error && 'code' in error && (error as { code: string }).code === 'empty') throw importErrors.empty(PASTED_SUBJECT);
    throw error;
  });
  if (result.kind !== 'text' || result.snapshot.blocks.length === 0) throw importErrors.empty(PASTED_SUBJECT);
  const parsed: Parsed = { ...result.snapshot, format: 'text', hints: { title: result.title }, titleFromFirstLine: result.titleFromFirstLine, sha256: result.sha256 };
  return toDraft(parsed, fileName, bytes, mediaTypeFromName(fileName), now);
}
