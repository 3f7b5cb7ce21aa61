// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OcrNeeded } from '../../../../shared/import/errors';
import { isCancellation, type ImportProgress } from '../../../../shared/import/progress';
import { importFile } from '../../../../renderer/import/importFile';
import { locatorAt } from '../../../../renderer/db/repositories/passages';
import { GARBLED_HTML, NOTICE_LINES, visibleText } from '../../../fixtures/pdf/sources';
import { fixture } from '../../helpers/fixtures';
import { importFailure } from '../../helpers/importFailure';
import { nodeOcrEngine } from '../../helpers/ocrNode';
import { writeTiff, type GrayPage } from '../../helpers/tiffWriter';
import { wordAccuracy } from '../../../fixtures/pdf/wordAccuracy';
import type { OcrEngine } from '../../../../renderer/import/ocrEngine';

/**
 * Images through OCR, with the app's engine code on tesseract.js's Node
 * build and the same language data the app ships. (PDF pages are painted in
 * the browser's PDF worker; their OCR is covered by tests/e2e/ocr.spec.ts.)
 */

const ENGLISH = { languages: ['eng'] };
let engine: OcrEngine;
beforeAll(() => {
  engine = nodeOcrEngine();
});

const bytesOf = (name: string) => new Uint8Array(readFileSync(fixture(`pdf/${name}`)));

/** The pages of a PDF as greyscale pixels, rasterised by poppler (a scanner's output, before it is saved). */
function rasterisedPages(pdf: string, dpi: number): GrayPage[] {
  const dir = mkdtempSync(join(tmpdir(), 'casefile-tiff-'));
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', pdf, join(dir, 'page')]);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pgm'))
    .sort()
    .map((f) => {
      const pgm = readFileSync(join(dir, f));
      const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
      return { width: Number(header[1]), height: Number(header[2]), pixels: new Uint8Array(pgm.subarray(header[0].length)) };
    });
}

describe('images through OCR', () => {
  it('asks before recognising an image, whatever else the import says', async () => {
    for (const ocr of [undefined, 'leave-out' as const]) {
      const error = await importFile('notice.png', bytesOf('notice.png'), { ocrEngine: engine, ...(ocr ? { ocr } : {}) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OcrNeeded);
      expect((error as OcrNeeded).message).toBe('“notice.png” is an image. Casefile can recognise its text (OCR) on this computer.');
      expect((error as OcrNeeded).offer).toEqual({ scanned: [1], garbled: [], pageCount: 1, image: true });
    }
  });

  it('imports a PNG and a JPEG of a notice, paragraph by paragraph, with the OCR record and progress', async () => {
    for (const name of ['notice.png', 'notice.jpg']) {
      const progress: ImportProgress[] = [];
      const draft = await importFile(name, bytesOf(name), { ocr: ENGLISH, ocrEngine: engine, onProgress: (p) => progress.push(p) });
      expect(draft.format).toBe('image');
      expect(draft.mediaType).toBe(name.endsWith('.png') ? 'image/png' : 'image/jpeg');
      expect(wordAccuracy(draft.text, NOTICE_LINES.join(' '))).toBeGreaterThanOrEqual(0.95);
      expect(draft.text.split('\n\n')[0]).toBe('Notice to mariners');
      expect(draft.blocks.map((b) => b.kind)).toEqual(draft.blocks.map(() => 'paragraph'));
      expect(draft.metadata.title).toBe(name.replace(/\.\w+$/, ''));
      expect(draft.ocr).toMatchObject({ engine: 'tesseract.js', model: '4.0.0_best_int', languages: ['eng'], pages: [1] });
      expect(draft.ocr!.blocks.map((b) => b.index)).toEqual(draft.blocks.map((_, i) => i));
      expect(locatorAt({ blocks: draft.blocks, format: draft.format }, draft.text.indexOf('Vessels'))).toEqual({ kind: 'paragraph', value: draft.blocks.length });
      expect(progress[0]!.message).toBe('Loading text recognition for English…');
      expect(progress.some((p) => p.message === `Recognising text: “${name}”…` && p.total === 1)).toBe(true);
      expect(progress.at(-1)).toEqual({ message: 'Recognising text: done.', done: 1, total: 1 });
    }
  }, 120_000);

  it('recognises a multi-page TIFF page by page and cites it by page', async () => {
    const tiff = writeTiff(rasterisedPages(fixture('pdf/garbled.pdf'), 150));
    const draft = await importFile('minutes.tif', tiff, { ocr: ENGLISH, ocrEngine: engine });
    expect(draft.mediaType).toBe('image/tiff');
    expect(draft.ocr?.pages).toEqual([1, 2]);
    const pageOne = visibleText(GARBLED_HTML).slice(0, 3).join(' ');
    const textOf = (n: number) => draft.blocks.filter((b) => b.n === n).map((b) => draft.text.slice(b.start, b.end)).join(' ');
    expect(wordAccuracy(textOf(1), pageOne)).toBeGreaterThanOrEqual(0.95);
    expect(wordAccuracy(textOf(2), visibleText(GARBLED_HTML).slice(3).join(' '))).toBeGreaterThanOrEqual(0.95);
    expect(locatorAt({ blocks: draft.blocks, format: draft.format }, draft.text.indexOf('Fuel costs'))).toEqual({ kind: 'page', value: 2 });
  }, 120_000);

  it('stops at once when cancelled, mid-recognition', async () => {
    const tiff = writeTiff(rasterisedPages(fixture('pdf/garbled.pdf'), 150));
    const controller = new AbortController();
    let abortedAt = 0;
    let lastProgress: ImportProgress | undefined;
    const error = await importFile('minutes.tif', tiff, {
      ocr: ENGLISH,
      ocrEngine: engine,
      signal: controller.signal,
      onProgress: (p) => {
        lastProgress = p;
        if (!abortedAt && p.message.startsWith('Recognising text') && (p.done ?? 0) > 0.1) {
          abortedAt = Date.now();
          controller.abort();
        }
      },
    }).catch((e: unknown) => e);
    expect(isCancellation(error)).toBe(true);
    // The import answers at once (the Tesseract worker is terminated, not waited for), midway through page 1.
    expect(Date.now() - abortedAt).toBeLessThan(1_000);
    expect(lastProgress?.done).toBeLessThan(1);
  }, 120_000);

  it('says when nothing was recognised, and refuses files that are not the images they claim to be', async () => {
    const white = writeTiff([{ width: 600, height: 400, pixels: new Uint8Array(600 * 400).fill(255) }]);
    expect(await importFailure(importFile('blank.tiff', white, { ocr: ENGLISH, ocrEngine: engine }), 'no-text')).toBe(
      'No text was recognised in “blank.tiff” (languages: English). If it does hold text, try again with the document’s languages, or with a sharper scan.',
    );
    expect(await importFailure(importFile('photo.png', new TextEncoder().encode('a note saved under the wrong name'), { ocr: ENGLISH, ocrEngine: engine }), 'corrupt')).toBe(
      '“photo.png” is damaged or is not really a PNG image file, so Casefile cannot read it.',
    );
    // A PNG header claiming 20,000 × 20,000 pixels: refused before any decoder sees it.
    const huge = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20, 8, 0, 0, 0, 0]);
    expect(await importFailure(importFile('poster.png', huge, { ocr: ENGLISH, ocrEngine: engine }), 'too-large')).toBe(
      '“poster.png” is 20,000 × 20,000 pixels; Casefile recognises images of up to 40 megapixels. Scale it down (300 dpi is plenty for text) and import it again.',
    );
  }, 60_000);
});
