import { copyFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createWorker } from 'tesseract.js';
import tesseractPackage from 'tesseract.js/package.json';
import { tesseractEngine, type CreateTesseractWorker, type OcrEngine } from '../../../renderer/import/ocrEngine';
import { OCR_LANGUAGE_CODES, OCR_MODEL } from '../../../renderer/import/offlineAssets';

const require = createRequire(import.meta.url);

/**
 * The app's language data gathered in one folder, as the build lays it out
 * (tesseract.js in Node reads `<langPath>/<code>.traineddata.gz` from disk).
 */
function languageFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'casefile-ocr-'));
  for (const code of OCR_LANGUAGE_CODES) {
    const data = join(dirname(require.resolve(`@tesseract.js-data/${code}/package.json`)), OCR_MODEL, `${code}.traineddata.gz`);
    copyFileSync(data, join(folder, `${code}.traineddata.gz`));
  }
  return folder;
}

/** The app's OCR engine code with tesseract.js's Node build (worker threads), for tests on this thread's terms. */
export function nodeOcrEngine(): OcrEngine {
  return tesseractEngine({ createWorker: createWorker as unknown as CreateTesseractWorker, version: tesseractPackage.version, options: { langPath: languageFolder() } });
}
