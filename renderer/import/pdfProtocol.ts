/** Messages between the import and the PDF worker (one worker per imported file). */
import type { AssembledPdf, PageImage, PdfFailure, PdfInfo, PdfPageSummary, RecognisedPages } from './pdfCore';
import type { PdfAssets } from './offlineAssets';

export type PdfRequest =
  | { id: number; type: 'open'; bytes: Uint8Array; assets: PdfAssets }
  | { id: number; type: 'read' }
  | { id: number; type: 'render'; page: number; dpi: number }
  | { id: number; type: 'assemble'; recognised?: RecognisedPages; leaveOut: number[] };

export interface PdfResults {
  open: PdfInfo;
  read: PdfPageSummary[];
  render: PageImage;
  assemble: AssembledPdf;
}

/** Replies carry a `casefile` tag: pdf.js's own parser, on the same thread, posts a "ready" message of its own. */
export type PdfReply =
  | { casefile: 'pdf'; id: number; ok: true; value: PdfResults[keyof PdfResults] }
  | { casefile: 'pdf'; id: number; ok: false; failure?: PdfFailure; message: string }
  | { casefile: 'pdf'; id: number; progress: { done: number; total: number } };
