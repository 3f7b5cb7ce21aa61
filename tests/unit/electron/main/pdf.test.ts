import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../../../shared/ipc/contract';
import { MAX_DATA_URL_CHARS, PDF_WINDOW_OPTIONS, renderPdf, type PdfWindow } from '../../../../electron/main/pdf';
import { pdfHeaderFooter } from '../../../../shared/export/html';

const PDF_BYTES = new Uint8Array([37, 80, 68, 70, 45]);

/** A printing window that records what it loaded and what it was asked to print. */
function fakeWindow(behaviour: { load?: (url: string) => Promise<void>; print?: () => Promise<Uint8Array> } = {}) {
  const record = { loaded: [] as string[], printOptions: [] as unknown[], destroyed: false, htmlAtLoad: '' };
  const window: PdfWindow = {
    async loadURL(url) {
      record.loaded.push(url);
      if (url.startsWith('file:')) record.htmlAtLoad = await readFile(fileURLToPath(url), 'utf8');
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
  let tempRoot: string;
  beforeAll(async () => {
    tempRoot = await mkdtemp(path.join(os.tmpdir(), 'casefile-pdf-test-'));
  });
  afterAll(async () => {
    await rm(tempRoot, { recursive: true, force: true });
  });

  it('loads a small brief as a base64 data URL, prints it and destroys the window', async () => {
    const { window, record } = fakeWindow();
    const html = '<!doctype html><title>Brief</title><p>Claim — “quoted”</p>';
    const pdf = await renderPdf({ createWindow: () => window, tempRoot }, request(html, 'Letter'));

    expect(pdf).toEqual(PDF_BYTES);
    const [url] = record.loaded;
    expect(url?.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true);
    expect(Buffer.from(url?.split(',')[1] ?? '', 'base64').toString('utf8')).toBe(html);
    expect(record.printOptions).toEqual([
      { pageSize: 'Letter', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, ...pdfHeaderFooter({ title: '' }) },
    ]);
    expect(record.destroyed).toBe(true);
  });

  it('prints the running title from the request title, escaped, and page numbers, as the CLI does', async () => {
    const { window, record } = fakeWindow();
    await renderPdf({ createWindow: () => window, tempRoot }, contract['cf:pdf:render'].request.parse({ html: '<p>x</p>', title: 'Harbour <b>case</b>' }));
    const [options] = record.printOptions as { headerTemplate: string; footerTemplate: string; displayHeaderFooter: boolean }[];
    expect(options?.displayHeaderFooter).toBe(true);
    expect(options?.headerTemplate).toContain('Harbour &lt;b&gt;case&lt;/b&gt;');
    expect(options?.footerTemplate).toContain('<span class="pageNumber"></span>');
  });

  it('prints a large brief from a temporary file and deletes it afterwards', async () => {
    const { window, record } = fakeWindow();
    const html = `<p>${'x'.repeat(Math.ceil(MAX_DATA_URL_CHARS))}</p>`;
    await renderPdf({ createWindow: () => window, tempRoot }, request(html));

    const [url] = record.loaded;
    expect(url?.startsWith('file:')).toBe(true);
    expect(record.htmlAtLoad).toBe(html);
    expect(await readdir(tempRoot)).toEqual([]);
    expect(record.destroyed).toBe(true);
  });

  it('reports a page that fails to load as pdf-failed and still cleans up', async () => {
    const { window, record } = fakeWindow({ load: async () => Promise.reject(new Error('ERR_FAILED (-2) loading data:')) });
    await expect(renderPdf({ createWindow: () => window, tempRoot }, request('<p>x</p>'))).rejects.toMatchObject({
      code: 'pdf-failed',
      message: expect.stringContaining('could not print the brief to PDF'),
    });
    expect(record.destroyed).toBe(true);
  });

  it('gives up after the timeout with a clear message', async () => {
    const { window, record } = fakeWindow({ load: () => new Promise(() => undefined) });
    await expect(renderPdf({ createWindow: () => window, tempRoot, timeoutMs: 20 }, request('<p>x</p>'))).rejects.toMatchObject({
      code: 'pdf-timeout',
    });
    expect(record.destroyed).toBe(true);
  });

  it('uses a hidden, script-less, sandboxed window in its own session with no preload', () => {
    expect(PDF_WINDOW_OPTIONS.show).toBe(false);
    expect(PDF_WINDOW_OPTIONS.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(PDF_WINDOW_OPTIONS.webPreferences).not.toHaveProperty('preload');
    expect(PDF_WINDOW_OPTIONS.webPreferences.partition).not.toMatch(/^persist:/);
  });
});
