import * as legacyPdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { nodePdfAssets } from '../../../node/host/pdfAssets';
import type { PdfjsModule } from '../../../renderer/import/pdf';

/** pdf.js for Node: its build for older runtimes, parsing on this thread (Node has no module workers for it). */
export const pdfjs = legacyPdfjs as unknown as PdfjsModule;

/** Its character maps, standard fonts and decoders, from the installed package. */
export const pdfAssets = nodePdfAssets();
