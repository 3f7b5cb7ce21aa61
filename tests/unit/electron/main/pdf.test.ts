import { describe, expect, it } from 'vitest';
import { contract } from '../../../../shared/ipc/contract';
import { createPrintDocuments, PDF_WINDOW_OPTIONS, PRINT_DOCUMENT_CSP, renderPdf, type PdfWindow, type PrintDocuments } from '../../../../electron/main/pdf';
import { pdfHeaderFooter } from '../../../../shared/export/html';
import { MAX_PDF_PAGES } from '../../../../shared/export/printLimits';
import { shownInSpanish } from '../../helpers/hostRefusal';

const PDF_BYTES = new Uint8Array([37, 80, 68, 70, 45]);

/**
 * A printing window that records what it loaded and what it was asked to print.
 * Like Chromium, it fetches what it loads through the session's protocol handler
 * (the documents' `handle`), so the test sees what the window would have shown.
 */
function fakeWindow(documents: PrintDocuments, behaviour: { load?: (url: string) => Promise<void>; print?: () => Promise<Uint8Array> } = {}) {
  const record = { loaded: [] as string[], printOptions: [] as unknown[], destroyed: false, served: [] as { status: number; csp: string | null; body: string }[] };
  const window: PdfWindow = {
    async loadURL(url) {
      record.loaded.push(url);
      const response = documents.handle(new Request(url));
      record.served.push({ status: response.status, csp: response.headers.get('content-security-policy'), body: await response.text() });
      await behaviour.load?.(url);
    },
    webContents: {
      async printToPDF(options) {
        record.printOptions.push(options);
        return behaviour.print ? behaviour.print() : PDF_BYTES;
      },
    },
    isDestroyed: () => record.destroyed,
    destroy: () => {
      record.destroyed = true;
    },
  };
  return { window, record };
}

const request = (html: string, pageSize: 'A4' | 'Letter' = 'A4') => contract['cf:pdf:render'].request.parse({ html, pageSize });

describe('renderPdf', () => {
  it('prints a brief served from memory over casefile-print:, then drops it and destroys the window', async () => {
    const documents = createPrintDocuments();
    const { window, record } = fakeWindow(documents);
    const html = '<!doctype html><title>Brief</title><p>Claim — “quoted”</p>';
    const pdf = await renderPdf({ createWindow: () => window, documents }, request(html, 'Letter'));

    expect(pdf).toEqual(PDF_BYTES);
    const [url] = record.loaded;
    expect(url).toMatch(/^casefile-print:\/\/document\/[0-9a-f-]{36}$/);
    expect(record.served).toEqual([{ status: 200, csp: PRINT_DOCUMENT_CSP, body: html }]);
    expect(record.printOptions).toEqual([
      { pageSize: 'Letter', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, ...pdfHeaderFooter({ title: '' }), pageRanges: '1-1001' },
    ]);
    expect(record.destroyed).toBe(true);
    // Once printed, the document is gone: the URL answers 404 and the session filter no longer lets it through.
    expect(documents.handle(new Request(url!)).status).toBe(404);
    expect(documents.isLive(url!)).toBe(false);
  });

  it('never loads file:// or a data: URL, however large the brief (the old temp-file path began at 1.5 MB)', async () => {
    const documents = createPrintDocuments();
    const { window, record } = fakeWindow(documents);
    const html = `<p>${'x'.repeat(3 * 1024 * 1024)}</p>`;
    await renderPdf({ createWindow: () => window, documents }, request(html));
    expect(record.loaded).toHaveLength(1);
    expect(record.loaded[0]).toMatch(/^casefile-print:/);
    expect(record.loaded.filter((url) => /^(file|data):/i.test(url))).toEqual([]);
    expect(record.served[0]?.body.length).toBe(html.length);
  });

  it('prints the running title from the request title, escaped, and page numbers, as the CLI does', async () => {
    const documents = createPrintDocuments();
    const { window, record } = fakeWindow(documents);
    await renderPdf({ createWindow: () => window, documents }, contract['cf:pdf:render'].request.parse({ html: '<p>x</p>', title: 'Harbour <b>case</b>' }));
    const [options] = record.printOptions as { headerTemplate: string; footerTemplate: string; displayHeaderFooter: boolean }[];
    expect(options?.displayHeaderFooter).toBe(true);
    expect(options?.headerTemplate).toContain('Harbour &lt;b&gt;case&lt;/b&gt;');
    expect(options?.footerTemplate).toContain('<span class="pageNumber"></span>');
  });

  it('reports a page that fails to load as pdf-failed and still cleans up', async () => {
    const documents = createPrintDocuments();
    const { window, record } = fakeWindow(documents, { load: async () => Promise.reject(new Error('ERR_FAILED (-2)')) });
    const error = await renderPdf({ createWindow: () => window, documents }, request('<p>x</p>')).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'pdf-failed', message: 'Casefile could not print the brief to PDF: ERR_FAILED (-2)' });
    expect(shownInSpanish(error)).toBe('Casefile no pudo imprimir el informe como PDF: ERR_FAILED (-2)');
    expect(record.destroyed).toBe(true);
    expect(documents.isLive(record.loaded[0]!)).toBe(false);
  });

  it('refuses a brief that printed past the page cap (Chromium printed the extra page asked for)', async () => {
    const documents = createPrintDocuments();
    const pages = (n: number) => new TextEncoder().encode(`%PDF-1.4\n${'<< /Type /Page /Parent 2 0 R >>\n'.repeat(n)}<< /Type /Pages /Count ${n} >>\n%%EOF`);
    const long = fakeWindow(documents, { print: async () => pages(MAX_PDF_PAGES + 1) });
    const error = await renderPdf({ createWindow: () => long.window, documents }, request('<p>x</p>')).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'pdf-too-long', message: expect.stringContaining('more than 1,000 pages') });
    expect(shownInSpanish(error)).toContain('más de 1000 páginas');
    expect(long.record.destroyed).toBe(true);
    const atCap = fakeWindow(documents, { print: async () => pages(MAX_PDF_PAGES) });
    expect((await renderPdf({ createWindow: () => atCap.window, documents }, request('<p>x</p>'))).byteLength).toBeGreaterThan(0);
  });

  it('gives up after the timeout with a clear message', async () => {
    const documents = createPrintDocuments();
    const { window, record } = fakeWindow(documents, { load: () => new Promise(() => undefined) });
    const error = await renderPdf({ createWindow: () => window, documents, timeoutMs: 20 }, request('<p>x</p>')).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'pdf-timeout', message: 'Printing the brief to PDF did not finish within 0 seconds; please try again.' });
    expect(shownInSpanish(error)).toBe('La impresión del informe como PDF no terminó en 0 segundos; inténtalo de nuevo.');
    expect(record.destroyed).toBe(true);
    expect(documents.isLive(record.loaded[0]!)).toBe(false);
  });

  it('uses a hidden, script-less, sandboxed window in its own session with no preload', () => {
    expect(PDF_WINDOW_OPTIONS.show).toBe(false);
    expect(PDF_WINDOW_OPTIONS.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(PDF_WINDOW_OPTIONS.webPreferences).not.toHaveProperty('preload');
    expect(PDF_WINDOW_OPTIONS.webPreferences.partition).not.toMatch(/^persist:/);
  });
});

describe('print documents', () => {
  it('serve only the exact live URL, only to GET, with a CSP that forbids frames and objects', async () => {
    const documents = createPrintDocuments(() => 'doc-1');
    const { url, release } = documents.add('<p>Brief</p>');
    expect(url).toBe('casefile-print://document/doc-1');
    expect(documents.isLive(url)).toBe(true);
    for (const other of [`${url}?x=1`, `${url}#top`, 'casefile-print://document/doc-2', 'casefile-print://other/doc-1', 'file:///tmp/doc-1', 'not a url']) {
      expect(documents.isLive(other), other).toBe(false);
    }
    expect(documents.handle(new Request(url, { method: 'POST', body: 'x' })).status).toBe(404);
    expect(documents.handle(new Request('casefile-print://document/doc-2')).status).toBe(404);
    const served = documents.handle(new Request(url));
    expect(await served.text()).toBe('<p>Brief</p>');
    expect(served.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(PRINT_DOCUMENT_CSP).toMatch(/default-src 'none'/);
    expect(PRINT_DOCUMENT_CSP).toMatch(/frame-src 'none'/);
    expect(PRINT_DOCUMENT_CSP).toMatch(/object-src 'none'/);
    release();
    expect(documents.isLive(url)).toBe(false);
  });
});
