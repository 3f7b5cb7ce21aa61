/**
 * PDF bytes → text layer, page by page, with pdf.js. Parsing runs in pdf.js's
 * own worker (a module worker Vite bundles from `pdfjs-dist`), so a long report
 * never blocks the UI; this side only asks for each page's text runs. pdf.js
 * runs with `isEvalSupported: false` (no `new Function`, the CSP forbids it)
 * and without font loading, since only text is needed.
 *
 * Refusals are `ImportError`s: empty or oversized files, password-protected
 * and damaged PDFs, and PDFs whose pages carry no text (scans).
 */
import type { DocumentInitParameters, PDFDocumentProxy, TextItem } from 'pdfjs-dist/types/src/display/api';
import { MAX_SOURCE_BYTES } from '../../shared/import/detect';
import { fileSubject, importErrors } from '../../shared/import/errors';
import { pdfPageParagraphs, type PdfTextRun } from '../../shared/import/pdfLayout';

/** The part of the pdf.js module this file uses; tests hand in the Node ("legacy") build. */
export interface PdfjsModule {
  getDocument(params: DocumentInitParameters): { promise: Promise<PDFDocumentProxy>; destroy(): Promise<void> };
  GlobalWorkerOptions: { workerPort: Worker | null };
}

export interface PdfText {
  /** One entry per page: that page's paragraphs in reading order (possibly none). */
  pages: string[][];
  title?: string;
  authors?: string[];
}

let browserPdfjs: Promise<PdfjsModule> | undefined;

/** pdf.js for the app: loaded on first use, with one module worker reused for every PDF. */
function loadBrowserPdfjs(): Promise<PdfjsModule> {
  browserPdfjs ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerPort ??= new Worker(new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url), { type: 'module' });
    return pdfjs as unknown as PdfjsModule;
  });
  return browserPdfjs;
}

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
  return raw.split(/;|\band\b/).map((a) => a.trim()).filter(Boolean);
}

/**
 * Read the text layer of a PDF. `bytes` is copied before pdf.js sees it (the
 * worker takes ownership of what it is given), so the caller's original stays intact.
 */
export async function readPdfText(name: string, bytes: Uint8Array, pdfjs?: PdfjsModule): Promise<PdfText> {
  if (bytes.byteLength > MAX_SOURCE_BYTES) throw importErrors.tooLarge(fileSubject(name), bytes.byteLength);
  if (bytes.byteLength === 0) throw importErrors.empty(fileSubject(name));
  const lib = pdfjs ?? (await loadBrowserPdfjs());
  const task = lib.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    disableAutoFetch: true,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (error) {
    const kind = (error as { name?: string }).name;
    if (kind === 'PasswordException') throw importErrors.encryptedPdf(name);
    throw importErrors.corrupt(name, 'PDF');
  }
  try {
    const pages: PdfTextRun[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.filter(isTextItem).map(({ str, transform, width, height, hasEOL }) => ({ str, transform, width, height, hasEOL })));
      page.cleanup();
    }
    const info = (await doc.getMetadata().catch(() => undefined))?.info as Record<string, unknown> | undefined;
    const result: PdfText = { pages: pdfPageParagraphs(pages) };
    const title = usableTitle(info?.Title);
    const authors = authorsOf(info?.Author);
    if (title) result.title = title;
    if (authors?.length) result.authors = authors;
    return result;
  } catch (error) {
    if (error instanceof Error && error.name === 'ImportError') throw error;
    throw importErrors.corrupt(name, 'PDF');
  } finally {
    await task.destroy();
  }
}
