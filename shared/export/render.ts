/**
 * The one switch from an export model to a file, shared by the `casefile` CLI (node/cli/cli.ts) and the
 * app's export worker (renderer/features/export/exportJob.ts), so both write the same bytes for the same
 * case. PDF stops at print-ready HTML: printing needs the host's Chromium (Electron's printToPDF, the web
 * server's or the CLI's headless Chromium), which shared/ cannot reach.
 */
import { renderDocx } from './docx';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import type { ExportModel } from './model';

export type DocumentFormat = 'md' | 'html' | 'docx' | 'pdf';
export const DOCUMENT_FORMATS: readonly DocumentFormat[] = ['md', 'html', 'docx', 'pdf'];
export type PageSize = 'A4' | 'Letter';

export type RenderedDocument =
  /** Finished file bytes. */
  | { kind: 'file'; bytes: Uint8Array }
  /** Print HTML for the host's PDF renderer, with the title its running head shows. */
  | { kind: 'print'; html: string; title: string; pageSize: PageSize };

export async function renderDocument(model: ExportModel, format: DocumentFormat, options: { pageSize: PageSize }): Promise<RenderedDocument> {
  switch (format) {
    case 'md':
      return { kind: 'file', bytes: new TextEncoder().encode(renderMarkdown(model)) };
    case 'html':
      return { kind: 'file', bytes: new TextEncoder().encode(renderHtml(model, { print: false, pageSize: options.pageSize })) };
    case 'docx':
      return { kind: 'file', bytes: await renderDocx(model) };
    case 'pdf':
      return { kind: 'print', html: renderHtml(model, { print: true, pageSize: options.pageSize }), title: model.title, pageSize: options.pageSize };
  }
}
