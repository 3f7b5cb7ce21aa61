/**
 * Text recognition with tesseract.js: Tesseract compiled to WebAssembly,
 * running in its own worker. In the app every file it needs — the worker
 * script, the core and the language data — comes from the app's own origin
 * (see offlineAssets.ts); nothing is fetched from a CDN and nothing is
 * cached in the profile, since the data is already local. Languages load
 * only when a document asks for them.
 */
import type { ImportControl } from '../../shared/import/progress';
import { cancelled, throwIfCancelled } from '../../shared/import/progress';
import { type OcrEngineInfo, type OcrPageResult } from '../../shared/import/ocr';
import { ocrLanguageNames, t } from '../i18n';
import { OCR_MODEL, ocrAssetsAt, type OcrAssets } from './offlineAssets';

/** One OCR session: a Tesseract worker with the document's languages loaded. */
export interface OcrSession {
  readonly info: OcrEngineInfo;
  /** Recognise one page image (PGM, PNG, JPEG or TIFF bytes). `onProgress` gets 0…1. */
  recognise(image: Uint8Array, control: { signal?: AbortSignal; onProgress?: (fraction: number) => void; dpi?: number }): Promise<OcrPageResult>;
  close(): Promise<void>;
}

/** Starts a session for the given languages; progress and Cancel cover loading them. */
export type OcrEngine = (languages: readonly string[], control: ImportControl) => Promise<OcrSession>;

/** The part of tesseract.js used here (its types, reduced). */
interface TesseractWorker {
  recognize(image: Uint8Array, options: object, output: { blocks: boolean; text: boolean; tsv: boolean }): Promise<{ data: TesseractPage }>;
  setParameters(params: Record<string, string>): Promise<unknown>;
  terminate(): Promise<unknown>;
}
interface TesseractPage {
  tsv: string | null;
}
export type CreateTesseractWorker = (langs: string[], oem: number, options: Record<string, unknown>) => Promise<TesseractWorker>;

/** Tesseract's LSTM engine (OEM 1): the models shipped are LSTM-only. */
const LSTM_ONLY = 1;

export interface TesseractDeps {
  createWorker: CreateTesseractWorker;
  /** tesseract.js's version, for the record. */
  version: string;
  /** Browser: the app's copies. Node: `langPath` a folder of `<code>.traineddata.gz`, the rest left to tesseract.js. */
  options: Partial<OcrAssets>;
}

/** Run `work`, but reject as soon as `signal` aborts (a terminated Tesseract worker never answers). */
function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined, onAbort: () => void): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort();
      reject(cancelled());
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function tesseractEngine(deps: TesseractDeps): OcrEngine {
  return async (languages, control) => {
    throwIfCancelled(control.signal);
    const langs = [...languages];
    control.onProgress?.({ message: t('sourceImport.ocr.loading', { languages: ocrLanguageNames(langs) }) });
    let onJobProgress: ((fraction: number) => void) | undefined;
    let worker: TesseractWorker | undefined;
    let terminated = false;
    const terminate = () => {
      terminated = true;
      void worker?.terminate().catch(() => undefined);
    };
    const starting = deps.createWorker(langs, LSTM_ONLY, {
      ...deps.options,
      // Classic worker from the app's own origin (a blob: worker would need a looser CSP).
      workerBlobURL: false,
      // The data is already local: no copy in the profile's IndexedDB.
      cacheMethod: 'none',
      gzip: true,
      logger: (m: { status?: string; progress?: number }) => {
        if (m.status === 'recognizing text' && typeof m.progress === 'number') onJobProgress?.(m.progress);
      },
    });
    // A worker that finishes starting after Cancel is shut at once.
    void starting.then((w) => {
      worker = w;
      if (terminated) void w.terminate().catch(() => undefined);
    }, () => undefined);
    worker = await abortable(starting, control.signal, terminate);
    const ready = worker;
    return {
      info: { engine: 'tesseract.js', version: deps.version, model: OCR_MODEL, languages: langs },
      async recognise(image, job) {
        throwIfCancelled(job.signal);
        onJobProgress = job.onProgress;
        try {
          if (job.dpi) await ready.setParameters({ user_defined_dpi: String(job.dpi) });
          // TSV, not the block tree: one string crosses to this thread instead of an object per letter.
          const { data } = await abortable(ready.recognize(image, {}, { tsv: true, blocks: false, text: false }), job.signal, terminate);
          return pageFromTsv(data.tsv ?? '');
        } finally {
          onJobProgress = undefined;
        }
      },
      async close() {
        if (!terminated) {
          terminated = true;
          await ready.terminate().catch(() => undefined);
        }
      },
    };
  };
}

/**
 * Tesseract's TSV output → paragraphs of lines of words. Each row is
 * `level page block paragraph line word left top width height confidence
 * text`; level 5 rows are words, and (block, paragraph) and line numbers
 * group them in reading order.
 */
export function pageFromTsv(tsv: string): OcrPageResult {
  const paragraphs: OcrPageResult['paragraphs'] = [];
  let paragraphKey = '';
  let lineKey = '';
  for (const row of tsv.split('\n')) {
    const cells = row.split('\t');
    if (cells[0] !== '5' || cells.length < 12) continue;
    const [, , block, paragraph, line] = cells;
    const text = cells.slice(11).join('\t');
    const confidence = Number(cells[10]);
    if (!text.trim() || !Number.isFinite(confidence) || confidence < 0) continue;
    const pKey = `${block}:${paragraph}`;
    if (pKey !== paragraphKey) {
      paragraphs.push({ lines: [] });
      paragraphKey = pKey;
      lineKey = '';
    }
    const current = paragraphs[paragraphs.length - 1]!;
    if (line !== lineKey) {
      current.lines.push({ words: [] });
      lineKey = line!;
    }
    current.lines[current.lines.length - 1]!.words.push({ text, confidence });
  }
  return { paragraphs };
}

let browserDeps: Promise<TesseractDeps> | undefined;

/** The app's engine: tesseract.js loaded on first use, with the app's own worker, core and language data. */
export const browserOcrEngine: OcrEngine = async (languages, control) => {
  browserDeps ??= Promise.all([import('tesseract.js'), import('tesseract.js/package.json')]).then(([tesseract, pkg]) => ({
    createWorker: tesseract.createWorker as unknown as CreateTesseractWorker,
    version: pkg.default.version,
    options: ocrAssetsAt(document.baseURI),
  }));
  return tesseractEngine(await browserDeps)(languages, control);
};
