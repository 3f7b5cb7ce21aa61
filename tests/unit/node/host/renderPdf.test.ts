import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePdfRenderer, MAX_CONCURRENT_RENDERS, printQueueState, renderPdf, withTitle } from '../../../../node/host/renderPdf';
import { countPdfPages, MAX_PRINT_HTML_CHARS } from '../../../../shared/export/printLimits';
import { shownInSpanish } from '../../helpers/hostRefusal';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** The first page's width and height in points, rounded. */
function pageSize(pdf: Uint8Array): [number, number] {
  const box = /MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(latin1(pdf));
  if (!box) throw new Error('The PDF has no MediaBox.');
  return [Math.round(Number(box[1])), Math.round(Number(box[2]))];
}

let tracker: Server;
let trackerHits = 0;
let trackerPort = 0;
/** A bare TCP listener on 127.0.0.1 and ::1: it counts connections, whatever protocol follows. */
let listeners: TcpServer[] = [];
let connections = 0;
let listenerPort = 0;

beforeAll(async () => {
  const v4 = createTcpServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => v4.listen(0, '127.0.0.1', resolve));
  listenerPort = (v4.address() as { port: number }).port;
  const v6 = createTcpServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => v6.once('error', () => resolve()).listen(listenerPort, '::1', resolve));
  listeners = [v4, v6];
  tracker = createServer((_req, res) => {
    trackerHits++;
    res.writeHead(200, { 'Content-Type': 'image/png' }).end();
  });
  await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve));
  const address = tracker.address();
  trackerPort = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
  await closePdfRenderer();
  for (const listener of listeners) listener.close();
  await new Promise<void>((resolve) => tracker.close(() => resolve()));
});

describe('renderPdf', () => {
  it('prints self-contained HTML to a PDF', async () => {
    const pdf = await renderPdf('<!doctype html><html><head></head><body><h1>Brief</h1><p>Findings.</p></body></html>', { pageSize: 'A4', title: 'Case 12' });
    expect(latin1(pdf.subarray(0, 5))).toBe('%PDF-');
    expect(latin1(pdf)).toMatch(/%%EOF\s*$/);
    expect(latin1(pdf)).toContain('/Title (Case 12)');
  }, 60_000);

  it('uses the page size it is given', async () => {
    const html = '<p>Size</p>';
    // A4 is 595 × 842 pt (Chromium rounds to whole CSS pixels), Letter 612 × 792 pt.
    const [a4Width, a4Height] = pageSize(await renderPdf(html, { pageSize: 'A4' }));
    expect(Math.abs(a4Width - 595)).toBeLessThanOrEqual(1);
    expect(Math.abs(a4Height - 842)).toBeLessThanOrEqual(1);
    expect(pageSize(await renderPdf(html, { pageSize: 'Letter' }))).toEqual([612, 792]);
  }, 60_000);

  it('never reaches the network, not even loopback', async () => {
    trackerHits = 0;
    const html = `<img src="http://127.0.0.1:${trackerPort}/pixel.png"><link rel="stylesheet" href="http://127.0.0.1:${trackerPort}/s.css"><p>x</p>`;
    const pdf = await renderPdf(html, { pageSize: 'Letter' });
    expect(latin1(pdf.subarray(0, 5))).toBe('%PDF-');
    expect(trackerHits).toBe(0);
  }, 60_000);

  it('opens no TCP connection for an iframe, object, embed or frame in the print HTML', async () => {
    connections = 0;
    const targets = [`http://127.0.0.1:${listenerPort}`, `http://localhost:${listenerPort}`, `http://[::1]:${listenerPort}`, `https://127.0.0.1:${listenerPort}`];
    const html = [
      ...targets.map((t) => `<iframe src="${t}/frame"></iframe><object data="${t}/object"></object><embed src="${t}/embed">`),
      `<iframe srcdoc="<img src='http://127.0.0.1:${listenerPort}/inner.png'><iframe src='http://127.0.0.1:${listenerPort}/nested'></iframe>"></iframe>`,
      `<link rel="preconnect" href="http://127.0.0.1:${listenerPort}"><link rel="dns-prefetch" href="http://localhost:${listenerPort}">`,
      `<iframe src="file:///etc/hostname"></iframe><p>Body text.</p>`,
    ].join('\n');
    const pdf = await renderPdf(html, { pageSize: 'A4' });
    expect(latin1(pdf.subarray(0, 5))).toBe('%PDF-');
    // Preconnects and frame navigations happen asynchronously: give them time to show up.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(connections).toBe(0);
  }, 60_000);

  it('gives up after the timeout with a message, and the next print works', async () => {
    const slow = `<p>${'A long brief. '.repeat(200_000)}</p>`;
    const error = await renderPdf(slow, { pageSize: 'A4', timeoutMs: 50 }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({
      code: 'pdf-timeout:export-instead',
      message: 'Printing the brief to PDF did not finish within 50 ms. Export it as Word or HTML instead, or split it into several notes.',
    });
    expect(shownInSpanish(error)).toBe('La impresión del informe como PDF no terminó en 50 ms. Expórtalo como Word o HTML, o divídelo en varias notas.');
    expect(printQueueState()).toEqual({ running: 0, waiting: 0 });
    const pdf = await renderPdf('<p>After the timeout.</p>', { pageSize: 'A4' });
    expect(latin1(pdf.subarray(0, 5))).toBe('%PDF-');
  }, 60_000);

  it('refuses a brief that would print past the page cap, and prints one at the cap', async () => {
    const pages = (n: number) => Array.from({ length: n }, (_, i) => `<section style="break-after: page">Page ${i + 1}</section>`).join('');
    const error = await renderPdf(pages(6), { pageSize: 'A4', maxPages: 5 }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'pdf-too-long', message: expect.stringContaining('This brief would print to more than 5 pages') });
    expect(shownInSpanish(error)).toContain('más de 5 páginas');
    await expect(renderPdf(pages(400), { pageSize: 'A4', maxPages: 5 })).rejects.toThrow('This brief would print to more than 5 pages');
    expect(countPdfPages(await renderPdf(pages(5), { pageSize: 'A4', maxPages: 5 }))).toBe(5);
  }, 60_000);

  it('refuses print HTML over the size cap before starting Chromium', async () => {
    const error = await renderPdf('x'.repeat(MAX_PRINT_HTML_CHARS + 1), { pageSize: 'A4' }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'pdf-too-large', message: expect.stringMatching(/too long to print as a PDF \(8\.0 MB of print text; the limit is 8\.0 MB\)/) });
    expect(shownInSpanish(error)).toContain('(8,0 MB de texto de impresión; el límite es 8,0 MB)');
  });

  it(`runs at most ${MAX_CONCURRENT_RENDERS} prints at once; the others wait their turn and then print`, async () => {
    const seen: Array<{ running: number; waiting: number }> = [];
    const html = `<p>${'Queued brief. '.repeat(20_000)}</p>`;
    const prints = Array.from({ length: 5 }, () => renderPdf(html, { pageSize: 'A4' }));
    const poll = setInterval(() => seen.push(printQueueState()), 5);
    const results = await Promise.all(prints);
    clearInterval(poll);
    expect(results.every((pdf) => latin1(pdf.subarray(0, 5)) === '%PDF-')).toBe(true);
    expect(Math.max(...seen.map((s) => s.running))).toBe(MAX_CONCURRENT_RENDERS);
    expect(Math.max(...seen.map((s) => s.waiting))).toBe(5 - MAX_CONCURRENT_RENDERS);
    expect(printQueueState()).toEqual({ running: 0, waiting: 0 });
  }, 120_000);
});

describe('withTitle', () => {
  it('adds an escaped title inside <head>, or in front without one', () => {
    expect(withTitle('<html><head lang="en"><meta charset="utf-8"></head></html>', 'A & <B>')).toBe(
      '<html><head lang="en"><title>A &#38; &#60;B&#62;</title><meta charset="utf-8"></head></html>',
    );
    expect(withTitle('<p>x</p>', 'T')).toBe('<title>T</title><p>x</p>');
  });

  it('keeps a title the document already has', () => {
    const html = '<head><title>Own</title></head>';
    expect(withTitle(html, 'Other')).toBe(html);
    expect(withTitle('<p>x</p>', undefined)).toBe('<p>x</p>');
  });
});
