/**
 * Bytes (or pasted text) → an `ImportedSourceDraft`, ready to store. Routing is
 * by extension; every refusal is an `ImportError` thrown before anything is
 * written. Decoding, Markdown and Word conversion and the first half of the
 * HTML path run in the import worker (prepareSource.ts); the sanitiser
 * finishes HTML-like sources here in short tasks, and PDFs and images go to pdf.js and, for pages
 * without a text layer, to OCR (importPdf.ts, importImage.ts).
 */
import type { CslDate, SourceFormat, SourceImportReport, SourceMetadata, SourceOcr } from '../../shared/domain/types';
import { sha256Hex } from '../../shared/domain/hash';
import { mediaTypeFromName, sourceKindFromName, MAX_SOURCE_BYTES } from '../../shared/import/detect';
import type { ImportedSourceDraft } from '../../shared/import/draft';
import { PASTED_SUBJECT, fileSubject, importErrors } from '../../shared/import/errors';
import { baseName } from '../../shared/import/formats';
import { metadataFromHints, type MetadataHints } from '../../shared/import/metadata';
import { throwIfCancelled, type ImportControl } from '../../shared/import/progress';
import { blocksFromParts, titleFromText, type TextPart, type TextSnapshot } from '../../shared/import/text';
import { t } from '../i18n';
import { parseImage } from './importImage';
import { parsePdf, type OcrChoice } from './importPdf';
import { prepareOffThread } from './importWorker';
import type { OcrEngine } from './ocrEngine';
import type { PdfAssets } from './offlineAssets';
import type { PdfjsModule } from './pdf';
import type { PrepareProgress, PreparedSource } from './prepareSource';
import { sanitizeArticle } from './sanitizeHtml';

/** Options for every import: Cancel (`signal`) and progress (`onProgress`) from the UI, plus what tests pin. */
export interface ImportOptions extends ImportControl {
  /** Clock for `accessed` and the pasted-text file name (tests and the sample case pin it). */
  now?: number;
  /** Address the HTML was fetched from: resolves relative links and is the fallback URL. */
  baseUrl?: string;
  /** pdf.js to use instead of the app's worker-backed one (unit tests pass the Node build). */
  pdfjs?: PdfjsModule;
  /** Where pdf.js finds character maps and fonts (Node tests pass folder paths); the app's own copies by default. */
  pdfAssets?: PdfAssets;
  /** Pages that need text recognition: OCR them in these languages, or leave them out. Without it they are offered to the user. */
  ocr?: OcrChoice;
  /** The OCR engine instead of the app's tesseract.js worker (unit tests pass one for Node). */
  ocrEngine?: OcrEngine;
  /** Read a text-like file in this encoding instead of detecting one ("Reopen with encoding…"). */
  encoding?: string;
  /** The `charset` a web server sent with a fetched page (Content-Type); it outranks the page's own declaration. */
  serverCharset?: string;
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
  ocr?: SourceOcr;
  note?: string;
}

type Stage = PrepareProgress['stage'] | 'sanitising';

function stageProgress(opts: ImportOptions, stage: Stage, done?: number, total?: number): void {
  // The import worker's stages and the sanitiser's, as the status line says them.
  opts.onProgress?.({ message: t(`sourceImport.stage.${stage}`), ...(done !== undefined ? { done } : {}), ...(total !== undefined ? { total } : {}) });
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
    onProgress: (done, total) => stageProgress(opts, 'sanitising', done, total),
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

async function parsePdfFile(bytes: Uint8Array, fileName: string, opts: ImportOptions): Promise<Parsed> {
  const { title: pdfTitle, authors, ocr, note, ...snapshot } = await parsePdf(fileName, bytes, opts);
  const extra = { ...(ocr ? { ocr } : {}), ...(note ? { note } : {}) };
  const hints: MetadataHints = authors ? { authors } : {};
  if (pdfTitle) return { ...snapshot, ...extra, format: 'pdf', hints: { ...hints, title: pdfTitle }, titleFromFirstLine: false };
  const { title, fromFirstLine } = titleFromText(snapshot.text, fileName);
  return { ...snapshot, ...extra, format: 'pdf', hints: { ...hints, title }, titleFromFirstLine: fromFirstLine };
}

async function parseImageFile(bytes: Uint8Array, fileName: string, opts: ImportOptions): Promise<Parsed> {
  const { ocr, paged: _paged, ...snapshot } = await parseImage(fileName, bytes, opts);
  // Recognised text rarely starts with a headline worth trusting: the file name is the title.
  return { ...snapshot, ...(ocr ? { ocr } : {}), format: 'image', hints: { title: baseName(fileName) }, titleFromFirstLine: false };
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
  if (parsed.ocr) draft.ocr = parsed.ocr;
  if (parsed.note) draft.note = parsed.note;
  return draft;
}

/**
 * Import a file the user chose, dropped or the app fetched. `name` may carry a
 * folder; only its last segment is kept. Throws `ImportError` for unsupported
 * extensions, oversized, empty or binary files, pages too deep or too big to
 * read, Word files that inflate past the limits, Markdown, HTML or Word files
 * with no readable text, blank, oversized, password-protected or damaged PDFs,
 * PDFs and images that need OCR (unless `ocr` says what to do), and a
 * cancelled import.
 */
export async function importFile(name: string, bytes: Uint8Array, opts: ImportOptions = {}): Promise<ImportedSourceDraft> {
  const fileName = lastSegment(name);
  const kind = sourceKindFromName(fileName);
  let parsed: Parsed;
  if (kind === 'pdf') {
    parsed = await parsePdfFile(bytes, fileName, opts);
  } else if (kind === 'image') {
    parsed = await parseImageFile(bytes, fileName, opts);
  } else {
    if (bytes.byteLength > MAX_SOURCE_BYTES) throw importErrors.tooLarge(fileSubject(fileName), bytes.byteLength);
    const request =
      kind === 'docx'
        ? { kind, name: fileName, bytes }
        : { kind, name: fileName, bytes, ...(opts.encoding ? { encoding: opts.encoding } : {}), ...(opts.serverCharset ? { serverCharset: opts.serverCharset } : {}) };
    const result = await prepareOffThread(request, {
      ...(opts.signal ? { signal: opts.signal } : {}),
      onProgress: (progress) => stageProgress(opts, progress.stage),
    });
    if (result.kind === 'text') {
      parsed = { ...result.snapshot, format: 'text', hints: { title: result.title }, titleFromFirstLine: result.titleFromFirstLine, report: { encoding: result.encoding } };
    } else {
      parsed = await parseMarkup(result, kind === 'text' ? 'html' : kind, fileName, opts);
    }
    parsed.sha256 = result.sha256;
  }
  throwIfCancelled(opts.signal);
  if (parsed.blocks.length === 0) {
    if (kind === 'text') throw importErrors.empty(fileSubject(fileName));
    if (kind === 'docx') throw importErrors.emptyWordDocument(fileName);
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
