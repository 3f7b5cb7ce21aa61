/**
 * `cf:pdf:render`: print the export HTML with the host's own Chromium.
 *
 * The HTML is built from the stored brief by `shared/` and contains no scripts, but it
 * may quote untrusted sources, and a compromised renderer could send anything. So it is
 * loaded into a throw-away window with JavaScript off and no preload, in a session that
 * can load exactly one thing: this document, served from memory through the dedicated
 * `casefile-print:` scheme (never written to disk, never `file://`), with a CSP header
 * that forbids frames, objects and every fetch but inline styles and `data:` images.
 * `isolatePdfSession` (security.ts) cancels every other request, `file:` included.
 */
import { randomUUID } from 'node:crypto';
import { pdfHeaderFooter } from '../../shared/export/html';
import { cappedPageRanges, countPdfPages, MAX_PDF_PAGES, PDF_TIMEOUT_MS } from '../../shared/export/printLimits';
import type { ParsedRequest } from '../../shared/ipc/contract';
import { refusal } from '../../shared/ipc/hostRefusals';
import { HandlerError } from './ipc';

export { PDF_TIMEOUT_MS };

/** The scheme the printing window loads its one document from; registered privileged (standard, secure) before ready. */
export const PRINT_SCHEME = 'casefile-print';
const PRINT_ORIGIN = `${PRINT_SCHEME}://document`;

/** Sent with the print document: nothing but inline styles and data: images and fonts, and no frames of any kind. */
export const PRINT_DOCUMENT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The documents being printed, held in memory by a random id for as long as their
 * window prints. The PDF session's protocol handler answers from here, and its request
 * filter lets through only a URL that is live here.
 */
export interface PrintDocuments {
  /** Hold `html` and return the URL that serves it until `release()`. */
  add(html: string): { url: string; release(): void };
  /** Whether `url` is one of the documents being printed right now. */
  isLive(url: string): boolean;
  /** The `protocol.handle(PRINT_SCHEME, …)` callback. */
  handle(request: Request): Response;
}

export function createPrintDocuments(newId: () => string = randomUUID): PrintDocuments {
  const live = new Map<string, string>();
  const key = (url: string): string | null => {
    try {
      const parsed = new URL(url);
      return parsed.protocol === `${PRINT_SCHEME}:` && !parsed.search && !parsed.hash && !parsed.username && !parsed.password ? parsed.href : null;
    } catch {
      return null;
    }
  };
  return {
    add(html) {
      const url = `${PRINT_ORIGIN}/${newId()}`;
      live.set(url, html);
      return { url, release: () => void live.delete(url) };
    },
    isLive(url) {
      const k = key(url);
      return k !== null && live.has(k);
    },
    handle(request) {
      const k = key(request.url);
      const html = k === null ? undefined : live.get(k);
      if (request.method !== 'GET' || html === undefined) {
        return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': PRINT_DOCUMENT_CSP } });
      }
      return new Response(html, {
        status: 200,
        headers: {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': PRINT_DOCUMENT_CSP,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
        },
      });
    },
  };
}

/** The slice of `BrowserWindow` the renderer needs; a fake in tests. */
export interface PdfWindow {
  loadURL(url: string): Promise<void>;
  readonly webContents: {
    printToPDF(options: {
      pageSize: 'A4' | 'Letter';
      printBackground: boolean;
      preferCSSPageSize: boolean;
      displayHeaderFooter: boolean;
      headerTemplate: string;
      footerTemplate: string;
      pageRanges: string;
    }): Promise<Uint8Array>;
  };
  isDestroyed(): boolean;
  destroy(): void;
}

export interface PdfDeps {
  /** A hidden, script-less window (see `PDF_WINDOW_OPTIONS`). */
  createWindow(): PdfWindow;
  /** Where the document is held while it prints (the PDF session serves it from here). */
  documents: PrintDocuments;
  timeoutMs?: number;
}

/**
 * `BrowserWindow` options for the printing window: never shown, no scripts, no preload,
 * sandboxed, and in its own in-memory session that `isolatePdfSession` cuts off from the network.
 */
export const PDF_WINDOW_OPTIONS = {
  show: false,
  width: 900,
  height: 1200,
  webPreferences: {
    javascript: false,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    webSecurity: true,
    partition: 'casefile-pdf',
  },
} as const;

/**
 * The print options, the same as the web host's and the CLI's: the page size
 * (the HTML's own `@page` rule wins, with its margins), backgrounds, and the
 * running title and page numbers of `pdfHeaderFooter`, built here from the
 * request's title so no template HTML crosses the bridge.
 */
export function printOptions(request: ParsedRequest<'cf:pdf:render'>) {
  return {
    pageSize: request.pageSize,
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: true,
    ...pdfHeaderFooter({ title: request.title }),
    // One page past the cap: if it is printed, the brief is too long (see renderPdf).
    pageRanges: cappedPageRanges(),
  };
}

/**
 * Render `request.html` to PDF bytes from memory, and always destroy the window and
 * drop the document, whether printing succeeds, fails or times out.
 */
export async function renderPdf(deps: PdfDeps, request: ParsedRequest<'cf:pdf:render'>): Promise<Uint8Array> {
  const document = deps.documents.add(request.html);
  let window: PdfWindow | null = null;
  try {
    const printingWindow = deps.createWindow();
    window = printingWindow;
    const pdf = await withTimeout(
      (async () => {
        // Resolves on `did-finish-load`, after images and web fonts in the page have loaded.
        await printingWindow.loadURL(document.url);
        return printingWindow.webContents.printToPDF(printOptions(request));
      })(),
      deps.timeoutMs ?? PDF_TIMEOUT_MS,
    );
    const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    if (countPdfPages(bytes) > MAX_PDF_PAGES) throw refusal('pdf-too-long', { pages: MAX_PDF_PAGES });
    return bytes;
  } catch (error) {
    if (error instanceof HandlerError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw refusal('pdf-failed', { detail: reason });
  } finally {
    if (window && !window.isDestroyed()) window.destroy();
    document.release();
  }
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(refusal('pdf-timeout', { seconds: Math.round(timeoutMs / 1000) }));
    }, timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
