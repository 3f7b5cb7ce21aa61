/**
 * A PDF being imported, as the import pipeline sees it: open it, read its
 * pages, paint pages for OCR, and assemble the snapshot. In the app all of
 * that happens in a worker of its own (one per file), so a 1,000-page report
 * never blocks the UI; Cancel terminates the worker. Node tests run the same
 * code (`PdfCore`) on their own thread with pdf.js's Node build.
 *
 * Failures come back as `ImportError`s that name the file.
 */
import { importErrors, type ImportError } from '../../shared/import/errors';
import { cancelled, throwIfCancelled } from '../../shared/import/progress';
import { pdfAssetsAt, type PdfAssets } from './offlineAssets';
import { PdfCore, PdfFailureError, type AssembledPdf, type PageImage, type PdfFailure, type PdfInfo, type PdfjsModule, type PdfPageSummary, type RecognisedPages } from './pdfCore';
import type { PdfReply, PdfRequest, PdfResults } from './pdfProtocol';

export type { PdfjsModule };

export interface PdfSession {
  readonly info: PdfInfo;
  /** Read every page; `onPage` after each. */
  read(signal: AbortSignal | undefined, onPage: (done: number, total: number) => void): Promise<PdfPageSummary[]>;
  /** Paint one page for OCR. */
  render(page: number, dpi: number, signal: AbortSignal | undefined): Promise<PageImage>;
  assemble(recognised: RecognisedPages | undefined, leaveOut: number[]): Promise<AssembledPdf>;
  close(): void;
}

export interface OpenPdfOptions {
  /** pdf.js to run on this thread (Node tests pass its Node build); without it, the app's PDF worker is used. */
  pdfjs?: PdfjsModule;
  /** Where pdf.js finds character maps, standard fonts and decoders; the app's own copies by default. */
  assets?: PdfAssets;
  signal?: AbortSignal;
}

function failureError(name: string, failure: PdfFailure): ImportError {
  if (failure.kind === 'password') return importErrors.encryptedPdf(name);
  if (failure.kind === 'damaged-page') return importErrors.damagedPage(name, failure.page);
  return importErrors.corrupt(name, 'PDF');
}

function rethrow(name: string, error: unknown): never {
  if (error instanceof PdfFailureError) throw failureError(name, error.failure);
  throw error;
}

/** Same-thread session (Node): the signal is checked between pages. */
async function openInProcess(name: string, bytes: Uint8Array, lib: PdfjsModule, assets: PdfAssets | undefined): Promise<PdfSession> {
  const core = await PdfCore.open(lib, bytes.slice(), assets, false).catch((error: unknown) => rethrow(name, error));
  return {
    info: core.info,
    async read(signal, onPage) {
      const pages = await core.readPages(onPage, () => signal?.aborted === true).catch((error: unknown) => rethrow(name, error));
      throwIfCancelled(signal);
      return pages;
    },
    async render(page, dpi, signal) {
      throwIfCancelled(signal);
      return core.renderPage(page, dpi);
    },
    async assemble(recognised, leaveOut) {
      return core.assemble(recognised, leaveOut);
    },
    close() {
      void core.close();
    },
  };
}

/** The app's session: a PDF worker for this file alone. Cancel (or close) terminates it. */
async function openInWorker(name: string, bytes: Uint8Array, assets: PdfAssets, signal: AbortSignal | undefined): Promise<PdfSession> {
  throwIfCancelled(signal);
  const worker = new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module', name: `PDF: ${name}` });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void; onProgress?: (done: number, total: number) => void }>();
  let nextId = 1;
  let closed = false;
  const fail = (error: unknown) => {
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  const close = () => {
    if (closed) return;
    closed = true;
    worker.terminate();
    signal?.removeEventListener('abort', onAbort);
  };
  const onAbort = () => {
    close();
    fail(cancelled());
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  worker.addEventListener('message', (event: MessageEvent<PdfReply>) => {
    const reply = event.data;
    if (reply?.casefile !== 'pdf') return;
    const call = pending.get(reply.id);
    if (!call) return;
    if ('progress' in reply) return call.onProgress?.(reply.progress.done, reply.progress.total);
    pending.delete(reply.id);
    if (reply.ok) call.resolve(reply.value);
    else call.reject(reply.failure ? failureError(name, reply.failure) : importErrors.unreadable(name, reply.message));
  });
  worker.addEventListener('error', (event) => {
    close();
    fail(importErrors.readerStopped(name, event.message));
  });
  function call<K extends keyof PdfResults>(request: Omit<Extract<PdfRequest, { type: K }>, 'id'>, transfer: Transferable[] = [], onProgress?: (done: number, total: number) => void): Promise<PdfResults[K]> {
    if (closed) return Promise.reject(signal?.aborted ? cancelled() : importErrors.readerStopped(name, ''));
    const id = nextId++;
    return new Promise<PdfResults[K]>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
      worker.postMessage({ ...request, id }, transfer);
    });
  }
  // The worker takes ownership of what it is sent: it gets a copy, and the original stays the caller's.
  const copy = bytes.slice();
  try {
    const info = await call<'open'>({ type: 'open', bytes: copy, assets }, [copy.buffer]);
    return {
      info,
      read: (_signal, onPage) => call<'read'>({ type: 'read' }, [], onPage),
      render: (page, dpi) => call<'render'>({ type: 'render', page, dpi }),
      assemble: (recognised, leaveOut) => call<'assemble'>({ type: 'assemble', ...(recognised ? { recognised } : {}), leaveOut }),
      close,
    };
  } catch (error) {
    close();
    throw error;
  }
}

/** Open a PDF for import. Throws `ImportError` for a password or a damaged file. */
export function openPdf(name: string, bytes: Uint8Array, options: OpenPdfOptions = {}): Promise<PdfSession> {
  if (options.pdfjs) return openInProcess(name, bytes, options.pdfjs, options.assets);
  return openInWorker(name, bytes, options.assets ?? pdfAssetsAt(document.baseURI), options.signal);
}
