/**
 * The OCR loop shared by scanned PDFs and image files: start a Tesseract
 * session for the chosen languages, then for each page get its image and
 * recognise it, reporting progress per page (and within it). The next page's
 * image is prepared while the current one is recognised, so painting a PDF
 * page and recognising the previous one use both cores.
 */
import { ImportError, importErrors } from '../../shared/import/errors';
import { ocrVocabulary, recognisedParagraphs, type OcrEngineInfo, type OcrPageResult, type RecognisedParagraph } from '../../shared/import/ocr';
import { isCancellation, throwIfCancelled, type ImportControl } from '../../shared/import/progress';
import { ocrLanguageNames, t } from '../i18n';
import { browserOcrEngine, type OcrEngine } from './ocrEngine';

export interface PageImageSource {
  bytes: Uint8Array;
  dpi?: number;
}

export interface RecogniseOptions extends ImportControl {
  languages: readonly string[];
  /** The engine; the app's tesseract.js by default (tests pass a Node one). */
  engine?: OcrEngine;
  /** "page 3 of 12" for a PDF, "page 2 of 4" for a TIFF; a single image just says "the image". */
  describe: (index: number, count: number, page: number) => string;
}

export interface Recognised {
  pages: Record<number, RecognisedParagraph[]>;
  engine: OcrEngineInfo;
}

export async function recognisePages(fileName: string, pages: readonly number[], imageOf: (page: number) => Promise<PageImageSource>, options: RecogniseOptions): Promise<Recognised> {
  const { signal, onProgress } = options;
  const session = await (options.engine ?? browserOcrEngine)(options.languages, { signal, onProgress }).catch((error: unknown) => {
    if (isCancellation(error) || error instanceof ImportError) throw error;
    throw importErrors.ocrFailed(fileName, importErrors.engineFailed(ocrLanguageNames(options.languages), error instanceof Error ? error.message : String(error)));
  });
  const results = new Map<number, OcrPageResult>();
  try {
    let next: Promise<PageImageSource> | undefined = pages.length ? imageOf(pages[0]!) : undefined;
    // A failure of an image prepared ahead surfaces when it is awaited, not as an unhandled rejection.
    next?.catch(() => undefined);
    for (let i = 0; i < pages.length; i++) {
      throwIfCancelled(signal);
      const page = pages[i]!;
      const what = options.describe(i, pages.length, page);
      onProgress?.({ message: t('sourceImport.ocr.recognising', { what }), done: i, total: pages.length });
      const image: PageImageSource = await next!;
      next = i + 1 < pages.length ? imageOf(pages[i + 1]!) : undefined;
      next?.catch(() => undefined);
      const result = await session.recognise(image.bytes, {
        signal,
        ...(image.dpi ? { dpi: image.dpi } : {}),
        onProgress: (fraction) => onProgress?.({ message: t('sourceImport.ocr.recognising', { what }), done: i + Math.min(1, Math.max(0, fraction)), total: pages.length }),
      });
      results.set(page, result);
    }
    onProgress?.({ message: t('sourceImport.ocr.done'), done: pages.length, total: pages.length });
  } catch (error) {
    if (isCancellation(error) || error instanceof ImportError) throw error;
    throw importErrors.ocrFailed(fileName, error instanceof Error ? error.message : String(error));
  } finally {
    await session.close();
  }
  const vocabulary = ocrVocabulary([...results.values()]);
  const recognised: Record<number, RecognisedParagraph[]> = {};
  for (const [page, result] of results) recognised[page] = recognisedParagraphs(result, vocabulary);
  return { pages: recognised, engine: session.info };
}
