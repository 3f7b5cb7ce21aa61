/**
 * The files pdf.js and tesseract.js load while they run — character maps,
 * standard fonts and image decoders for pdf.js; the OCR worker, its
 * WebAssembly core and the language data for tesseract.js — all copied from
 * their npm packages into the renderer build (see `offlineAssets()` in
 * vite.config.ts). The app loads them from its own origin (app:// in the
 * desktop app, the local server in the browser build), never from a CDN.
 */

/** Folders and files in the build, relative to index.html. Directory paths end in "/". */
export const OFFLINE_ASSETS = {
  cmaps: 'pdfjs/cmaps/',
  standardFonts: 'pdfjs/standard_fonts/',
  wasm: 'pdfjs/wasm/',
  ocrWorker: 'ocr/worker.min.js',
  ocrCore: 'ocr/core/',
  ocrLang: 'ocr/lang/',
} as const;

/**
 * The languages shipped, as Tesseract codes. The same list as `OCR_LANGUAGES`
 * in shared/import/ocr.ts (a unit test keeps them equal); repeated here so the
 * build configuration can read this file without the app's other modules.
 */
export const OCR_LANGUAGE_CODES = ['eng', 'fra', 'deu', 'spa', 'ara', 'chi_sim', 'jpn'] as const;

/** The trained model every language ships in: `@tesseract.js-data/<code>/4.0.0_best_int` (LSTM, integer weights). */
export const OCR_MODEL = '4.0.0_best_int';

/** Where pdf.js finds its data. Browser: absolute URLs the parsing thread fetches itself. Node: folder paths read from disk. */
export interface PdfAssets {
  cMapUrl: string;
  standardFontDataUrl: string;
  wasmUrl: string;
  /** True when pdf.js's core fetches the files with `fetch` (browser), false when its reader loads them (Node paths). */
  workerFetch: boolean;
}

export interface OcrAssets {
  workerPath: string;
  corePath: string;
  /** Folder holding `<code>.traineddata.gz`. */
  langPath: string;
}

/** The app's copies, as absolute URLs against the page's own address (workers resolve relative URLs against their script). */
export function pdfAssetsAt(base: string): PdfAssets {
  return {
    cMapUrl: new URL(OFFLINE_ASSETS.cmaps, base).href,
    standardFontDataUrl: new URL(OFFLINE_ASSETS.standardFonts, base).href,
    wasmUrl: new URL(OFFLINE_ASSETS.wasm, base).href,
    workerFetch: true,
  };
}

export function ocrAssetsAt(base: string): OcrAssets {
  return {
    workerPath: new URL(OFFLINE_ASSETS.ocrWorker, base).href,
    corePath: new URL(OFFLINE_ASSETS.ocrCore, base).href,
    langPath: new URL(OFFLINE_ASSETS.ocrLang, base).href.replace(/\/$/, ''),
  };
}

/**
 * Every file to copy: `from` is a path inside node_modules, `to` a path in the
 * build. Directories are copied whole (filtered by `match`). Read by the Vite
 * build; kept here so the paths the app asks for and the paths the build
 * writes cannot drift apart.
 */
export const OFFLINE_ASSET_SOURCES: readonly { from: string; to: string; match?: RegExp }[] = [
  { from: 'pdfjs-dist/cmaps', to: OFFLINE_ASSETS.cmaps },
  { from: 'pdfjs-dist/standard_fonts', to: OFFLINE_ASSETS.standardFonts },
  { from: 'pdfjs-dist/wasm', to: OFFLINE_ASSETS.wasm },
  { from: 'tesseract.js/dist/worker.min.js', to: OFFLINE_ASSETS.ocrWorker },
  // Only the LSTM builds: Casefile runs Tesseract's LSTM engine, and the core picks SIMD or not by itself.
  { from: 'tesseract.js-core', to: OFFLINE_ASSETS.ocrCore, match: /^tesseract-core(-simd|-relaxedsimd)?-lstm\.wasm\.js$/ },
  ...OCR_LANGUAGE_CODES.map((code) => ({ from: `@tesseract.js-data/${code}/${OCR_MODEL}/${code}.traineddata.gz`, to: `${OFFLINE_ASSETS.ocrLang}${code}.traineddata.gz` })),
];
