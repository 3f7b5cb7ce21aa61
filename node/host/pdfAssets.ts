/**
 * pdf.js's character maps, standard fonts and decoders for code that reads
 * PDFs in plain Node (the unit tests today, and any Node host that imports
 * sources): the folders of the installed `pdfjs-dist`, as pdf.js's Node
 * reader wants them (paths ending in a separator). The app itself loads the
 * same files from its own origin (renderer/import/offlineAssets.ts).
 */
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

export interface NodePdfAssets {
  cMapUrl: string;
  standardFontDataUrl: string;
  wasmUrl: string;
  workerFetch: false;
}

export function nodePdfAssets(): NodePdfAssets {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return {
    cMapUrl: join(root, 'cmaps') + sep,
    standardFontDataUrl: join(root, 'standard_fonts') + sep,
    wasmUrl: join(root, 'wasm') + sep,
    workerFetch: false,
  };
}
