import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePdfRenderer, renderPdf, withTitle } from '../../../../node/host/renderPdf';

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

beforeAll(async () => {
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
