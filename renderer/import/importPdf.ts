/**
 * A PDF → the snapshot, page by page. Every page is judged on the way: pages
 * with no text layer but something painted (scans) and pages whose text layer
 * does not read as text are named to the user with an `OcrNeeded` error,
 * unless the import already says what to do with them — recognise them with
 * OCR in the chosen languages, or leave them out. Nothing unreadable is ever
 * imported silently. A blank PDF, one too long, a locked or damaged one each
 * get their own message; a PDF that holds only form fields imports the
 * fields' names and values.
 */
import type { SourceOcr } from '../../shared/domain/types';
import { MAX_PDF_PAGES, fileSubject, importErrors, pageListRef } from '../../shared/import/errors';
import { ocrLanguageNames, t, translate } from '../i18n';
import { MAX_SOURCE_BYTES } from '../../shared/import/formats';
import { throwIfCancelled, type ImportControl } from '../../shared/import/progress';
import type { TextSnapshot } from '../../shared/import/text';
import type { OcrEngine } from './ocrEngine';
import type { PdfAssets } from './offlineAssets';
import { openPdf, type PdfjsModule } from './pdf';
import { recognisePages } from './recognise';

/** What to do with pages that need OCR: recognise them in these languages, or import the file without them. */
export type OcrChoice = { languages: string[] } | 'leave-out';

export interface PdfImportOptions extends ImportControl {
  pdfjs?: PdfjsModule;
  pdfAssets?: PdfAssets;
  ocr?: OcrChoice;
  ocrEngine?: OcrEngine;
}

export interface ParsedPdf extends TextSnapshot {
  ocr?: SourceOcr;
  title?: string;
  authors?: string[];
  /** A sentence for the user about what was imported in an unusual way (form fields only, pages left out). */
  note?: string;
}

/** Resolution pages are painted at for OCR: what Tesseract is trained for. */
export const OCR_DPI = 300;

export async function parsePdf(name: string, bytes: Uint8Array, options: PdfImportOptions = {}): Promise<ParsedPdf> {
  const { signal, onProgress } = options;
  if (bytes.byteLength > MAX_SOURCE_BYTES) throw importErrors.tooLarge(fileSubject(name), bytes.byteLength);
  if (bytes.byteLength === 0) throw importErrors.empty(fileSubject(name));
  onProgress?.({ message: t('sourceImport.pdf.opening', { name }) });
  const session = await openPdf(name, bytes, { ...(options.pdfjs ? { pdfjs: options.pdfjs } : {}), ...(options.pdfAssets ? { assets: options.pdfAssets } : {}), ...(signal ? { signal } : {}) });
  try {
    const { pageCount } = session.info;
    if (pageCount > MAX_PDF_PAGES) throw importErrors.tooManyPages(name, pageCount);
    if (pageCount === 0) throw importErrors.corrupt(name, 'PDF');
    onProgress?.({ message: t('sourceImport.pdf.readingPage', { page: 1, count: pageCount }), done: 0, total: pageCount });
    const summaries = await session.read(signal, (done, total) => onProgress?.({ message: t('sourceImport.pdf.readingPage', { page: Math.min(done + 1, total), count: total }), done, total }));
    throwIfCancelled(signal);

    const garbled = summaries.filter((s) => s.hasText && s.problems.length > 0).map((s) => s.page);
    const bare = summaries.filter((s) => !s.hasText && s.painted).map((s) => s.page);
    // Pages whose only text is a stamp over a page image count as scanned when most of the file is like that
    // (a court filing's header on every scanned page), not for one logo-and-title page in a report.
    const stamped = summaries.filter((s) => s.stamped && s.problems.length === 0).map((s) => s.page);
    const scanned = (bare.length + stamped.length) * 2 >= pageCount ? [...bare, ...stamped].sort((a, b) => a - b) : bare;
    const anyText = summaries.some((s) => s.hasText);
    const anyFields = summaries.some((s) => s.fields > 0);
    if (!anyText && scanned.length === 0 && !anyFields) throw importErrors.blankPdf(name, pageCount);

    const needOcr = [...new Set([...scanned, ...garbled])].sort((a, b) => a - b);
    let recognised;
    let note: string | undefined;
    if (needOcr.length) {
      const choice = options.ocr;
      if (!choice) throw importErrors.needsOcr(name, scanned, garbled, pageCount, scanned.length > bare.length);
      if (choice === 'leave-out') {
        note = t('sourceImport.pdf.leftOut', { pages: translate(pageListRef(needOcr)), name });
      } else {
        recognised = await recognisePages(name, needOcr, async (page) => {
          const image = await session.render(page, OCR_DPI, signal);
          return { bytes: image.png, dpi: image.dpi };
        }, {
          languages: choice.languages,
          ...(options.ocrEngine ? { engine: options.ocrEngine } : {}),
          ...(signal ? { signal } : {}),
          ...(onProgress ? { onProgress } : {}),
          describe: (i, count, page) => t('sourceImport.pdf.page', { page, n: i + 1, count }),
        });
      }
    }
    throwIfCancelled(signal);
    onProgress?.({ message: t('sourceImport.pdf.assembling', { name }) });
    // Left out: garbage only. A stamped page keeps its stamp; a bare scan has nothing to keep.
    const assembled = await session.assemble(recognised, options.ocr === 'leave-out' ? garbled : []);
    if (assembled.blocks.length === 0) {
      if (recognised) throw importErrors.nothingRecognised(name, ocrLanguageNames(recognised.engine.languages));
      throw importErrors.noText(name);
    }
    if (assembled.formOnly) note = t('sourceImport.pdf.formOnly', { name });
    const result: ParsedPdf = { text: assembled.text, blocks: assembled.blocks };
    if (assembled.ocr) result.ocr = assembled.ocr;
    if (session.info.title) result.title = session.info.title;
    if (session.info.authors) result.authors = session.info.authors;
    if (note) result.note = note;
    return result;
  } finally {
    session.close();
  }
}
