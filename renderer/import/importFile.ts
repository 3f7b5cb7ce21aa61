/**
 * Bytes (or pasted text) → an `ImportedSourceDraft`, ready to store. Routing is
 * by extension; every refusal is an `ImportError` thrown before anything is
 * written. Plain text is normalised directly; Markdown and HTML go through the
 * one sanitiser and become blocks from its text parts.
 */
import { Marked } from 'marked';
import type { CslDate, SourceFormat, SourceMetadata, SourceOcr } from '../../shared/domain/types';
import { decodeText, mediaTypeFromName, sourceKindFromName, MAX_SOURCE_BYTES } from '../../shared/import/detect';
import type { ImportedSourceDraft } from '../../shared/import/draft';
import { PASTED_SUBJECT, fileSubject, importErrors } from '../../shared/import/errors';
import { baseName } from '../../shared/import/formats';
import { splitFrontMatter } from '../../shared/import/frontMatter';
import { sha256Hex } from '../../shared/import/hash';
import { metadataFromHints, type MetadataHints } from '../../shared/import/metadata';
import { blocksFromParts, normaliseText, titleFromText, type TextPart, type TextSnapshot } from '../../shared/import/text';
import type { ImportControl } from '../../shared/import/progress';
import { docxToHtml } from './docx';
import { parseImage } from './importImage';
import { parsePdf, type OcrChoice } from './importPdf';
import type { OcrEngine } from './ocrEngine';
import type { PdfAssets } from './offlineAssets';
import type { PdfjsModule } from './pdf';
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
}

/** What each format pipeline contributes to the draft. */
interface Parsed extends TextSnapshot {
  format: SourceFormat;
  html?: string;
  hints: MetadataHints;
  titleFromFirstLine: boolean;
  ocr?: SourceOcr;
  note?: string;
}

/** GitHub-flavoured Markdown; raw HTML in it is left for the sanitiser to deal with. */
const markdown = new Marked({ gfm: true, breaks: false });

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

function parsePlainText(raw: string, fileName: string): Parsed {
  const snapshot = normaliseText(raw);
  const { title, fromFirstLine } = titleFromText(snapshot.text, fileName);
  return { ...snapshot, format: 'text', hints: { title }, titleFromFirstLine: fromFirstLine };
}

function parseMarkdown(raw: string, fileName: string): Parsed {
  const { body, hints } = splitFrontMatter(raw);
  const { html, parts } = sanitizeArticle(markdown.parse(body, { async: false }), undefined, { readability: false });
  const snapshot = blocksFromParts(parts);
  if (hints.title) return { ...snapshot, format: 'markdown', html, hints, titleFromFirstLine: false };
  const heading = headingTitle(parts);
  const { title, fromFirstLine } = heading ? { title: heading, fromFirstLine: true } : titleFromText(snapshot.text, fileName);
  return { ...snapshot, format: 'markdown', html, hints: { ...hints, title }, titleFromFirstLine: fromFirstLine };
}

function parseHtml(raw: string, baseUrl: string | undefined): Parsed {
  const { html, parts, hints } = sanitizeArticle(raw, baseUrl);
  const snapshot = blocksFromParts(parts);
  if (hints.title) return { ...snapshot, format: 'html', html, hints, titleFromFirstLine: false };
  const heading = headingTitle(parts);
  return { ...snapshot, format: 'html', html, hints: { ...hints, title: heading }, titleFromFirstLine: heading !== undefined };
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

async function parseDocx(bytes: Uint8Array, fileName: string): Promise<Parsed> {
  const { html, parts } = sanitizeArticle(await docxToHtml(fileName, bytes), undefined, { readability: false });
  const snapshot = blocksFromParts(parts);
  const heading = headingTitle(parts);
  const { title, fromFirstLine } = heading ? { title: heading, fromFirstLine: true } : titleFromText(snapshot.text, fileName);
  return { ...snapshot, format: 'docx', html, hints: { title }, titleFromFirstLine: fromFirstLine };
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
    sha256: await sha256Hex(bytes),
    fileName,
    byteLength: bytes.byteLength,
    mediaType,
    metadata,
    bytes,
    titleFromFirstLine: parsed.titleFromFirstLine,
  };
  if (parsed.html !== undefined) draft.html = parsed.html;
  if (parsed.ocr) draft.ocr = parsed.ocr;
  if (parsed.note) draft.note = parsed.note;
  return draft;
}

/**
 * Import a file the user chose, dropped or the app fetched. `name` may carry a
 * folder; only its last segment is kept. Throws `ImportError` for unsupported
 * extensions, oversized, empty, binary or non-UTF-8 files, for Markdown, HTML
 * or Word files with no readable text, and for scanned, password-protected or
 * damaged PDFs.
 */
export async function importFile(name: string, bytes: Uint8Array, opts: ImportOptions = {}): Promise<ImportedSourceDraft> {
  const fileName = lastSegment(name);
  const kind = sourceKindFromName(fileName);
  let parsed: Parsed;
  if (kind === 'pdf') parsed = await parsePdfFile(bytes, fileName, opts);
  else if (kind === 'image') parsed = await parseImageFile(bytes, fileName, opts);
  else if (kind === 'docx') parsed = await parseDocx(bytes, fileName);
  else {
    const raw = decodeText(fileName, bytes);
    parsed = kind === 'text' ? parsePlainText(raw, fileName) : kind === 'markdown' ? parseMarkdown(raw, fileName) : parseHtml(raw, opts.baseUrl);
  }
  if (parsed.blocks.length === 0) {
    throw kind === 'text' ? importErrors.empty(fileSubject(fileName)) : kind === 'docx' ? importErrors.emptyWordDocument(fileName) : importErrors.noText(fileName);
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
  const parsed = parsePlainText(text, fileName);
  if (parsed.blocks.length === 0) throw importErrors.empty(PASTED_SUBJECT);
  return toDraft(parsed, fileName, bytes, mediaTypeFromName(fileName), now);
}
