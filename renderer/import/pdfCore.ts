/**
 * Everything Casefile does with a PDF, on whichever thread pdf.js runs: in
 * the app that is the PDF worker (`pdf.worker.ts`, with pdf.js's own parser on
 * the same thread), in Node tests it is the test's thread. Nothing here
 * touches the DOM, so the main thread only ever sends bytes and receives
 * finished text.
 *
 * - `open` loads the document with the app's own character maps, standard
 *   fonts and decoders, and classifies failures (password, damaged).
 * - `readPages` collects each page's lines, judges its text layer, notes
 *   whether a page without text has anything painted on it, and reads form
 *   fields.
 * - `renderPage` paints a page for OCR into an OffscreenCanvas and returns it
 *   as PNG.
 * - `assemble` joins text pages and recognised pages into the snapshot.
 */
import type { DocumentInitParameters, PDFDocumentProxy, PDFPageProxy, TextItem } from 'pdfjs-dist/types/src/display/api';
import type { SourceOcr } from '../../shared/domain/types';
import { assemblePages, type AssembledPage, type OcrEngineInfo, type RecognisedParagraph } from '../../shared/import/ocr';
import { joinPageLines, pageLines, type PdfTextRun } from '../../shared/import/pdfLayout';
import { textLayerQuality, type QualityProblem } from '../../shared/import/pdfQuality';
import type { TextSnapshot } from '../../shared/import/text';
import type { PdfAssets } from './offlineAssets';

/** The part of the pdf.js module this code uses; Node tests hand in its "legacy" build. */
export interface PdfjsModule {
  getDocument(params: DocumentInitParameters): { promise: Promise<PDFDocumentProxy>; destroy(): Promise<void> };
  OPS: Record<string, number>;
  AnnotationMode: { DISABLE: number };
}

/** Why a PDF could not be read, as data: the caller words the message with the file's name. */
export type PdfFailure = { kind: 'password' } | { kind: 'damaged' } | { kind: 'damaged-page'; page: number };

export class PdfFailureError extends Error {
  override readonly name = 'PdfFailureError';
  constructor(public readonly failure: PdfFailure) {
    super(failure.kind);
  }
}

export interface PdfInfo {
  pageCount: number;
  title?: string;
  authors?: string[];
}

/** What reading found on one page: enough for the caller to decide about OCR. */
export interface PdfPageSummary {
  /** 1-based. */
  page: number;
  /** The text layer has at least one visible character. */
  hasText: boolean;
  /** What is wrong with the text layer (empty when it reads as text). */
  problems: QualityProblem[];
  /** Something is painted (images, drawings); only checked for pages without text. */
  painted: boolean;
  /**
   * A line or two of text over a page image: a scan whose only text layer is
   * a stamp, a Bates number or a court's filing header. Checked for pages
   * with little text.
   */
  stamped: boolean;
  /** Form fields on the page. */
  fields: number;
}

/**
 * A page painted for OCR, as PNG: a few hundred kilobytes where the raw
 * pixels of a 300-dpi page are 35 MB, so handing it from this worker through
 * the main thread to Tesseract's worker costs the main thread next to nothing.
 */
export interface PageImage {
  width: number;
  height: number;
  dpi: number;
  png: Uint8Array;
}

/** OCR'd pages to put in place of their text layer. */
export interface RecognisedPages {
  pages: Record<number, RecognisedParagraph[]>;
  engine: OcrEngineInfo;
}

export interface AssembledPdf extends TextSnapshot {
  ocr?: SourceOcr;
  /** No page had a text layer, and the text is the form's field names and values. */
  formOnly: boolean;
}

/** A form field as text: "Applicant: Jane Doe". */
interface FieldText {
  name: string;
  value: string;
}

/** Operators that put something visible on a page. */
const PAINT_OPS = [
  'paintImageXObject',
  'paintInlineImageXObject',
  'paintImageMaskXObject',
  'paintImageMaskXObjectGroup',
  'paintImageXObjectRepeat',
  'paintImageMaskXObjectRepeat',
  'paintSolidColorImageMask',
  'paintInlineImageXObjectGroup',
  'constructPath',
  'shadingFill',
  'fill',
  'eoFill',
  'stroke',
  'fillStroke',
];

/** No-text pages whose operator lists are checked before the rest are taken to be like them (each check decodes the page's images). */
const PAINT_CHECKS = 5;

/** Fewer visible characters than this on a page that shows an image: its text layer is a stamp on a scan. */
const SPARSE_TEXT = 120;

const IMAGE_OPS = PAINT_OPS.filter((name) => name.startsWith('paint'));

function isTextItem(item: unknown): item is TextItem {
  return typeof (item as TextItem).str === 'string' && Array.isArray((item as TextItem).transform);
}

/** A document title worth keeping: not empty and not just the name of the file it was made from. */
function usableTitle(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const title = raw.replace(/\s+/g, ' ').trim();
  if (!title || /^untitled\b/i.test(title) || /^microsoft (word|powerpoint) - /i.test(title) || /\.(docx?|pdf|odt|rtf|txt|html?)$/i.test(title)) return undefined;
  return title;
}

function authorsOf(raw: unknown): string[] | undefined {
  if (typeof raw !== 'string' || !raw.trim()) return undefined;
  const authors = raw
    .split(/;|\band\b/)
    .map((a) => a.trim())
    .filter(Boolean);
  return authors.length ? authors : undefined;
}

/** Canvases for pdf.js inside a worker, where there is no `document`. */
class OffscreenCanvasFactory {
  create(width: number, height: number) {
    if (width <= 0 || height <= 0) throw new Error('Invalid canvas size');
    const canvas = new OffscreenCanvas(width, height);
    return { canvas, context: canvas.getContext('2d', { willReadFrequently: true }) };
  }
  reset(entry: { canvas: OffscreenCanvas }, width: number, height: number) {
    entry.canvas.width = width;
    entry.canvas.height = height;
  }
  destroy(entry: { canvas: OffscreenCanvas | null; context: unknown }) {
    if (entry.canvas) entry.canvas.width = entry.canvas.height = 0;
    entry.canvas = null;
    entry.context = null;
  }
}

/** SVG filters need a document; without one, transfer functions and soft masks are drawn unfiltered. */
class NoFilterFactory {
  addFilter() {
    return 'none';
  }
  addHCMFilter() {
    return 'none';
  }
  addAlphaFilter() {
    return 'none';
  }
  addLuminosityFilter() {
    return 'none';
  }
  addHighlightHCMFilter() {
    return 'none';
  }
  destroy() {}
}

/** The largest page image handed to OCR; bigger pages (posters, plans) are painted at a lower resolution. */
const MAX_OCR_PIXELS = 14_000_000;

/** Where the text of one field comes from, by field type. Push buttons and signatures have no value to read. */
function fieldValue(a: Record<string, unknown>): string | null | undefined {
  const value = a.fieldValue;
  switch (a.fieldType) {
    case 'Tx':
      return typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : null;
    case 'Ch':
      return Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : null;
    case 'Btn':
      if (a.pushButton) return undefined;
      if (a.checkBox) return value && value !== 'Off' ? 'Yes' : 'No';
      if (a.radioButton) return value && value === a.buttonValue ? String(a.buttonValue) : null;
      return undefined;
    default:
      return undefined;
  }
}

export class PdfCore {
  private readonly lines = new Map<number, string[][]>();
  private readonly fields = new Map<number, FieldText[]>();
  private readonly summaries: PdfPageSummary[] = [];

  private constructor(
    private readonly lib: PdfjsModule,
    private readonly task: { destroy(): Promise<void> },
    private readonly doc: PDFDocumentProxy,
    readonly info: PdfInfo,
  ) {}

  /**
   * Open a document. `inWorker` gives pdf.js canvases and filters that work
   * without a document. Throws `PdfFailureError` for a password or damage.
   */
  static async open(lib: PdfjsModule, bytes: Uint8Array, assets: PdfAssets | undefined, inWorker: boolean): Promise<PdfCore> {
    const params: DocumentInitParameters = {
      data: bytes,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      disableAutoFetch: true,
      stopAtErrors: false,
      verbosity: 0,
      ...(assets ? { cMapUrl: assets.cMapUrl, cMapPacked: true, standardFontDataUrl: assets.standardFontDataUrl, wasmUrl: assets.wasmUrl, useWorkerFetch: assets.workerFetch } : {}),
      ...(inWorker ? { CanvasFactory: OffscreenCanvasFactory, FilterFactory: NoFilterFactory, isOffscreenCanvasSupported: true } : {}),
    };
    const task = lib.getDocument(params);
    let doc: PDFDocumentProxy;
    try {
      doc = await task.promise;
    } catch (error) {
      await task.destroy().catch(() => undefined);
      throw new PdfFailureError((error as { name?: string }).name === 'PasswordException' ? { kind: 'password' } : { kind: 'damaged' });
    }
    const meta = (await doc.getMetadata().catch(() => undefined))?.info as Record<string, unknown> | undefined;
    const info: PdfInfo = { pageCount: doc.numPages };
    const title = usableTitle(meta?.Title);
    const authors = authorsOf(meta?.Author);
    if (title) info.title = title;
    if (authors) info.authors = authors;
    return new PdfCore(lib, task, doc, info);
  }

  /**
   * Read every page in order. `onPage` is called after each; `cancelled` is
   * asked between pages, and reading stops (returning what it has) when it
   * says yes — the caller then throws its own cancellation.
   */
  async readPages(onPage: (done: number, total: number) => void, cancelled: () => boolean): Promise<PdfPageSummary[]> {
    const total = this.doc.numPages;
    const hasForms = (await this.doc.getFieldObjects().catch(() => null)) !== null;
    let paintChecks = 0;
    let blankSeen = false;
    let stampChecks = 0;
    let plainSparseSeen = false;
    for (let n = 1; n <= total; n++) {
      if (cancelled()) break;
      let page: PDFPageProxy;
      try {
        page = await this.doc.getPage(n);
      } catch {
        throw new PdfFailureError({ kind: 'damaged-page', page: n });
      }
      try {
        const content = await page.getTextContent();
        const runs: PdfTextRun[] = content.items
          .filter(isTextItem)
          .map(({ str, transform, width, height, hasEOL }) => ({ str, transform, width, height, hasEOL }));
        const raw = runs.map((r) => r.str).join(' ');
        const hasText = /\S/u.test(raw);
        const quality = hasText ? textLayerQuality(raw) : undefined;
        const summary: PdfPageSummary = { page: n, hasText, problems: quality?.problems ?? [], painted: hasText, stamped: false, fields: 0 };
        if (quality) {
          this.lines.set(n, pageLines(runs));
          // A short text layer: is it a stamp on a scan? The same budget as below, with its own count.
          if (quality.chars < SPARSE_TEXT) {
            if (stampChecks < PAINT_CHECKS || plainSparseSeen) {
              summary.stamped = await this.paints(page, IMAGE_OPS);
              if (summary.stamped) stampChecks++;
              else plainSparseSeen = true;
            } else summary.stamped = true;
          }
        } else if (paintChecks < PAINT_CHECKS || blankSeen) {
          // Checked until a few painted pages are seen (all of them once a blank one turns up);
          // after that the rest are taken to be scans too, and OCR finds out.
          summary.painted = await this.paints(page, PAINT_OPS);
          if (summary.painted) paintChecks++;
          else blankSeen = true;
        } else summary.painted = true;
        if (hasForms) {
          const fields = await this.fieldsOf(page);
          if (fields.length) this.fields.set(n, fields);
          summary.fields = fields.length;
        }
        this.summaries.push(summary);
      } catch (error) {
        if (error instanceof PdfFailureError) throw error;
        throw new PdfFailureError({ kind: 'damaged-page', page: n });
      } finally {
        page.cleanup();
      }
      onPage(n, total);
    }
    return this.summaries;
  }

  private async paints(page: PDFPageProxy, names: readonly string[]): Promise<boolean> {
    const ops = new Set(names.map((name) => this.lib.OPS[name]).filter((op): op is number => op !== undefined));
    // The page's own content only: form widgets are drawn by annotations and say nothing about a scan.
    const list = await page.getOperatorList({ annotationMode: this.lib.AnnotationMode.DISABLE });
    return list.fnArray.some((fn) => ops.has(fn));
  }

  private async fieldsOf(page: PDFPageProxy): Promise<FieldText[]> {
    const annotations = (await page.getAnnotations()) as Record<string, unknown>[];
    const byName = new Map<string, FieldText>();
    for (const a of annotations) {
      if (a.subtype !== 'Widget' || typeof a.fieldName !== 'string') continue;
      const value = fieldValue(a);
      if (value === undefined) continue;
      const name = (typeof a.alternativeText === 'string' && a.alternativeText.trim()) || a.fieldName;
      const seen = byName.get(name);
      // Radio buttons are one field drawn as several widgets: keep the chosen one.
      if (!seen || (!seen.value && value)) byName.set(name, { name, value: value ?? '' });
    }
    return [...byName.values()];
  }

  /** Paint page `n` for OCR at `dpi` (less for very large pages) and return it as PNG. */
  async renderPage(n: number, dpi: number): Promise<PageImage> {
    const page = await this.doc.getPage(n);
    try {
      const base = page.getViewport({ scale: 1 });
      const pixelsAtDpi = base.width * base.height * (dpi / 72) ** 2;
      const usedDpi = pixelsAtDpi > MAX_OCR_PIXELS ? dpi * Math.sqrt(MAX_OCR_PIXELS / pixelsAtDpi) : dpi;
      const viewport = page.getViewport({ scale: usedDpi / 72 });
      const width = Math.max(1, Math.floor(viewport.width));
      const height = Math.max(1, Math.floor(viewport.height));
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d', { alpha: false });
      if (!context) throw new Error('No 2D canvas in this worker.');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, width, height);
      await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport, background: '#ffffff' }).promise;
      const png = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
      canvas.width = canvas.height = 0;
      return { width, height, dpi: Math.round(usedDpi), png };
    } finally {
      page.cleanup();
    }
  }

  /**
   * The snapshot: text pages as read (hyphens mended against the whole
   * document), recognised pages in place of their text layer, and form
   * fields as "Name: value" paragraphs — every field when no page has text
   * (a form-only PDF), otherwise only the filled ones after their page's text.
   * Pages that needed OCR but got none (the user chose to leave them out)
   * contribute nothing.
   */
  assemble(recognised: RecognisedPages | undefined, leaveOut: readonly number[]): AssembledPdf {
    const skip = new Set(leaveOut);
    const formOnly = !this.summaries.some((s) => s.hasText) && this.fields.size > 0 && !recognised;
    const textPages = this.summaries.map((s) => (s.hasText && !skip.has(s.page) && !recognised?.pages[s.page] ? (this.lines.get(s.page) ?? []) : []));
    const joined = joinPageLines(textPages);
    const pages: AssembledPage[] = this.summaries.map((s, i) => {
      const fields = (this.fields.get(s.page) ?? []).filter((f) => formOnly || f.value.trim());
      const fieldParagraphs = fields.map((f) => `${f.name}: ${f.value.trim() || '(empty)'}`);
      const ocr = recognised?.pages[s.page];
      if (ocr) return { kind: 'ocr', paragraphs: ocr, extra: fieldParagraphs };
      return { kind: 'text', paragraphs: [...(joined[i] ?? []), ...fieldParagraphs] };
    });
    const { snapshot, ocr } = assemblePages(pages, recognised?.engine);
    return { ...snapshot, ...(ocr ? { ocr } : {}), formOnly };
  }

  async close(): Promise<void> {
    await this.task.destroy().catch(() => undefined);
  }
}
