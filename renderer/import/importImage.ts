/**
 * An image file (PNG, JPEG, TIFF) → the snapshot, through OCR. The header is
 * read first: a file that is not really an image, or one too large to
 * recognise, is refused before any decoder sees it. A single image's blocks
 * are numbered paragraphs; a multi-page TIFF is recognised page by page and
 * cited by page, like a PDF.
 */
import type { SourceOcr } from '../../shared/domain/types';
import { fileSubject, importErrors } from '../../shared/import/errors';
import { ocrLanguageNames, t, translate } from '../i18n';
import { extensionOf, MAX_SOURCE_BYTES } from '../../shared/import/formats';
import { IMAGE_TYPE_NAMES, imageInfo, MAX_IMAGE_MEGAPIXELS, tiffPage } from '../../shared/import/imageInfo';
import { assemblePages } from '../../shared/import/ocr';
import type { TextSnapshot } from '../../shared/import/text';
import type { OcrChoice } from './importPdf';
import type { OcrEngine } from './ocrEngine';
import type { ImportControl } from '../../shared/import/progress';
import { recognisePages } from './recognise';

export interface ImageImportOptions extends ImportControl {
  ocr?: OcrChoice;
  ocrEngine?: OcrEngine;
}

export interface ParsedImage extends TextSnapshot {
  ocr?: SourceOcr;
  paged: boolean;
}

function expectedType(name: string): string {
  const ext = extensionOf(name);
  return ext === '.png' ? IMAGE_TYPE_NAMES.png : ext === '.tif' || ext === '.tiff' ? IMAGE_TYPE_NAMES.tiff : IMAGE_TYPE_NAMES.jpeg;
}

export async function parseImage(name: string, bytes: Uint8Array, options: ImageImportOptions = {}): Promise<ParsedImage> {
  if (bytes.byteLength > MAX_SOURCE_BYTES) throw importErrors.tooLarge(fileSubject(name), bytes.byteLength);
  if (bytes.byteLength === 0) throw importErrors.empty(fileSubject(name));
  const info = imageInfo(bytes);
  if (!info) throw importErrors.corrupt(name, expectedType(name));
  if (info.width * info.height > MAX_IMAGE_MEGAPIXELS * 1_000_000) throw importErrors.imageTooLarge(name, info.width, info.height, MAX_IMAGE_MEGAPIXELS);
  const choice = options.ocr;
  if (!choice || choice === 'leave-out') throw importErrors.imageNeedsOcr(name, info.pages);
  const pages = Array.from({ length: info.pages }, (_, i) => i + 1);
  const paged = info.pages > 1;
  const recognised = await recognisePages(name, pages, async (page) => ({ bytes: paged ? tiffPage(bytes, page) : bytes }), {
    languages: choice.languages,
    ...(options.ocrEngine ? { engine: options.ocrEngine } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    describe: (i, count) => (paged ? t('sourceImport.ocr.imagePage', { page: i + 1, count }) : translate(fileSubject(name))),
  });
  const { snapshot, ocr } = assemblePages(
    pages.map((page) => ({ kind: 'ocr' as const, paragraphs: recognised.pages[page] ?? [] })),
    recognised.engine,
    { paged },
  );
  if (snapshot.blocks.length === 0) throw importErrors.nothingRecognised(name, ocrLanguageNames(recognised.engine.languages));
  return { ...snapshot, ...(ocr ? { ocr } : {}), paged };
}
