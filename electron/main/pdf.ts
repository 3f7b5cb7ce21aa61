/**
 * `cf:pdf:render`: print the export HTML with the host's own Chromium.
 *
 * The HTML is built from the stored brief by `shared/` and contains no scripts, but it
 * may quote untrusted sources, so it is loaded into a throw-away window with JavaScript
 * off, no preload and a session that cannot reach the network.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { pdfHeaderFooter } from '../../shared/export/html';
import type { ParsedRequest } from '../../shared/ipc/contract';
import { HandlerError } from './ipc';

/** Chromium refuses URLs over 2 MiB; stay well under it and use a temporary file beyond. */
export const MAX_DATA_URL_CHARS = 1.5 * 1024 * 1024;
/** A brief that has not been laid out within this time is stuck, not slow. */
export const PDF_TIMEOUT_MS = 60_000;

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
    }): Promise<Uint8Array>;
  };
  isDestroyed(): boolean;
  destroy(): void;
}

export interface PdfDeps {
  /** A hidden, script-less window (see `pdfWindowOptions`). */
  createWindow(): PdfWindow;
  /** Folder under which a temporary HTML file may be written, normally `os.tmpdir()`. */
  tempRoot: string;
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
  };
}

/**
 * Render `request.html` to PDF bytes and always destroy the window and delete any
 * temporary file, whether printing succeeds, fails or times out.
 */
export async function renderPdf(deps: PdfDeps, request: ParsedRequest<'cf:pdf:render'>): Promise<Uint8Array> {
  const dataUrl = `data:text/html;charset=utf-8;base64,${Buffer.from(request.html, 'utf8').toString('base64')}`;
  let tempDir: string | null = null;
  let window: PdfWindow | null = null;
  try {
    let url = dataUrl;
    if (dataUrl.length > MAX_DATA_URL_CHARS) {
      tempDir = await mkdtemp(path.join(deps.tempRoot, 'casefile-pdf-'));
      const htmlPath = path.join(tempDir, 'brief.html');
      await writeFile(htmlPath, request.html, 'utf8');
      url = pathToFileURL(htmlPath).href;
    }
    const printingWindow = deps.createWindow();
    window = printingWindow;
    const pdf = await withTimeout(
      (async () => {
        // Resolves on `did-finish-load`, after images and web fonts in the page have loaded.
        await printingWindow.loadURL(url);
        return printingWindow.webContents.printToPDF(printOptions(request));
      })(),
      deps.timeoutMs ?? PDF_TIMEOUT_MS,
    );
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } catch (error) {
    if (error instanceof HandlerError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new HandlerError('pdf-failed', `Casefile could not print the brief to PDF: ${reason}`);
  } finally {
    if (window && !window.isDestroyed()) window.destroy();
    if (tempDir) await rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new HandlerError(
          'pdf-timeout',
          `Printing the brief to PDF did not finish within ${Math.round(timeoutMs / 1000)} seconds; please try again.`,
        ),
      );
    }, timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
