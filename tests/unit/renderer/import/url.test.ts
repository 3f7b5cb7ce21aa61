// @vitest-environment jsdom
/**
 * Import from URL, end to end except for the UI: a loopback page server, the
 * browser build's local server answering `cf:url:fetch` with the shared host
 * fetcher, and the renderer's `importFetchedPage`. Nothing leaves 127.0.0.1.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../../../node/web/server';
import { ImportError } from '../../../../shared/import/errors';
import { decodeWire, encodeWire } from '../../../../shared/ipc/wire';
import type { Result } from '../../../../shared/ipc/contract';
import { checkWebAddress, fileNameForUrl, importFetchedPage, type FetchedPage } from '../../../../renderer/import/importUrl';
import { flowPage, writePdf } from '../../helpers/pdfWriter';

const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Night buses return to the ring road</title>
<meta name="author" content="Imogen Vale"></head><body><nav><a href="/">Home</a> · <a href="/local">Local</a></nav>
<article><h1>Night buses return to the ring road</h1>
<p>After eighteen months without a service, the N12 will run hourly between midnight and five from the first of March.</p>
<p>The council said the route was restored after <a href="/petition">a petition</a> gathered four thousand signatures from shift workers.</p>
<p onclick="track()">Drivers will be paid a night premium, the operator confirmed in a short statement on Tuesday afternoon.</p>
<script>window.track = () => {}</script></article></body></html>`;

/** A team-written Lithuanian notice in Windows-1257, which detection alone takes for Latin-1 (its letters spelled out in that encoding's bytes). */
const LITHUANIAN = 'Keltas į Nidą išplaukia septintą valandą ryto.';
const BALTIC: Record<string, number> = { į: 0xe1, ą: 0xe0, š: 0xf0 };
const LITHUANIAN_1257 = Uint8Array.from([...LITHUANIAN], (c) => BALTIC[c] ?? c.charCodeAt(0));

let pages: Server;
let pagesUrl = '';
let web: WebServer;
let webRoot = '';
const pdf = writePdf([flowPage(['Minutes of the transport committee, first page.']), flowPage(['The second page records the vote on the night route.'])]);

beforeAll(async () => {
  pages = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/news/night-buses') return res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(ARTICLE);
    if (path === '/old-link') return res.writeHead(301, { Location: '/news/night-buses' }).end();
    if (path === '/keltas') return res.writeHead(200, { 'Content-Type': 'text/plain; charset="windows-1257"' }).end(Buffer.from(LITHUANIAN_1257));
    if (path === '/minutes.pdf') return res.writeHead(200, { 'Content-Type': 'application/pdf' }).end(Buffer.from(pdf));
    if (path === '/photo') return res.writeHead(200, { 'Content-Type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    if (path === '/broken') return res.writeHead(500, 'Internal Server Error', { 'Content-Type': 'text/html' }).end('oops');
    res.writeHead(404, 'Not Found', { 'Content-Type': 'text/html' }).end('<p>No such page</p>');
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  pagesUrl = `http://127.0.0.1:${(pages.address() as { port: number }).port}`;
  webRoot = mkdtempSync(join(tmpdir(), 'casefile-url-test-'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  web = await startWebServer({ rootDir: webRoot, port: 0 });
});

afterAll(async () => {
  await web.close();
  await new Promise((resolve) => pages.close(resolve));
  rmSync(webRoot, { recursive: true, force: true });
});

/** What the browser build's platform adapter does: POST the contract request to the local server. */
async function fetchThroughWebServer(url: string): Promise<Result<FetchedPage>> {
  const response = await fetch(`${web.url}api/invoke/cf:url:fetch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Casefile-Token': web.token },
    body: encodeWire({ url, allowLocalNetwork: true }),
  });
  return decodeWire(await response.text()) as Result<FetchedPage>;
}

async function fetchedOrThrow(url: string): Promise<FetchedPage> {
  const result = await fetchThroughWebServer(url);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('Import from URL through the local server', () => {
  it('stores a frozen snapshot of a page with where and when it was fetched', async () => {
    const requested = `${pagesUrl}/old-link`;
    const page = await fetchedOrThrow(requested);
    const draft = await importFetchedPage(requested, page);
    expect(draft.format).toBe('html');
    expect(draft.fileName).toBe('night-buses.html');
    expect(draft.metadata.title).toBe('Night buses return to the ring road');
    expect(draft.metadata.author).toEqual([{ given: 'Imogen', family: 'Vale' }]);
    expect(draft.metadata.URL).toBe(`${pagesUrl}/news/night-buses`);
    expect(draft.fetched).toEqual({ url: requested, finalUrl: `${pagesUrl}/news/night-buses`, fetchedAt: page.fetchedAt });
    expect(draft.text).toContain('the N12 will run hourly between midnight and five');
    expect(draft.text).not.toContain('Home');
    // Links resolve against the final address; handlers and scripts are gone.
    expect(draft.html).toContain(`href="${pagesUrl}/petition"`);
    expect(draft.html).not.toMatch(/onclick|<script/i);
  });

  it('reads a PDF served at an address like a PDF file, with page blocks', async () => {
    const { pdfjs } = await import('../../helpers/pdfjsNode');
    const requested = `${pagesUrl}/minutes.pdf`;
    const draft = await importFetchedPage(requested, await fetchedOrThrow(requested), { pdfjs });
    expect(draft.format).toBe('pdf');
    expect(draft.fileName).toBe('minutes.pdf');
    expect(draft.blocks.map((b) => b.n)).toEqual([1, 2]);
    expect(draft.metadata.type).toBe('webpage');
    expect(draft.metadata.URL).toBe(requested);
  });

  it.each([
    ['/nowhere', 'status', { status: '404 Not Found' }, 'The server answered 404 Not Found.'],
    ['/broken', 'status', { status: '500 Internal Server Error' }, 'The server answered 500 Internal Server Error.'],
    ['/photo', 'type', { type: 'image/png' }, 'The address serves “image/png”, which Casefile cannot import (web pages, text, Markdown, PDF and Word documents only).'],
  ])('answers %s with a specific reason, its values and its English', async (path, reason, values, message) => {
    const result = await fetchThroughWebServer(`${pagesUrl}${path}`);
    expect(result).toEqual({ ok: false, error: { code: `fetch-failed:${reason}`, message, values } });
  });

  it('says when nothing answers at the address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await fetchThroughWebServer(`http://127.0.0.1:${port}/`);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'fetch-failed:unreachable',
        message: `Could not reach 127.0.0.1:${port}: the connection was refused.`,
        values: { host: `127.0.0.1:${port}`, network: 'ECONNREFUSED', detail: `connect ECONNREFUSED 127.0.0.1:${port}` },
      },
    });
  });

  it('refuses non-web schemes in the host too', async () => {
    for (const url of ['file:///etc/hosts', 'ftp://files.example/report.pdf', 'javascript:alert(1)']) {
      expect(await fetchThroughWebServer(url)).toEqual({ ok: false, error: { code: 'fetch-failed:scheme', message: 'The address must start with http:// or https://.', values: {} } });
    }
  });
});

describe('checking an address before fetching', () => {
  const refusal = (raw: string) => {
    try {
      checkWebAddress(raw);
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      return (error as Error).message;
    }
    throw new Error(`“${raw}” was accepted`);
  };

  it('accepts http(s) addresses and normalises them', () => {
    expect(checkWebAddress('  https://News.Example/a b ')).toBe('https://news.example/a%20b');
    expect(checkWebAddress('http://127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080/x');
  });

  it('gives a specific message for each kind of bad address', () => {
    expect(refusal('   ')).toBe('Type the address of the page to import.');
    expect(refusal('news.example/story')).toBe('“news.example/story” is not a web address. Type the whole address, starting with http:// or https://.');
    expect(refusal('ftp://files.example/a.pdf')).toBe('The address must start with http:// or https://.');
    expect(refusal('javascript:alert(1)')).toBe('The address must start with http:// or https://.');
    expect(refusal('https://user:secret@news.example/')).toBe('Addresses with a user name or password are not fetched.');
  });

  it('names the fetched file after the address, with the extension of its media type', () => {
    expect(fileNameForUrl('https://news.example/2026/ferry-cuts', 'text/html')).toBe('ferry-cuts.html');
    expect(fileNameForUrl('https://news.example/', 'text/html')).toBe('news.example.html');
    expect(fileNameForUrl('https://agency.example/files/Annual%20report.PDF', 'application/pdf')).toBe('Annual report.pdf');
    expect(fileNameForUrl('https://agency.example/notes.txt', 'text/markdown')).toBe('notes.md');
    expect(() => fileNameForUrl('https://agency.example/a', 'image/png')).toThrow(/cannot import/);
  });

  it("reads a page in the charset its server declares in Content-Type", async () => {
    const page = await fetchedOrThrow(`${pagesUrl}/keltas`);
    expect(page.charset).toBe('windows-1257');
    const draft = await importFetchedPage(`${pagesUrl}/keltas`, page);
    expect(draft.text).toBe(LITHUANIAN);
    expect(draft.importReport?.encoding).toEqual({ encoding: 'windows-1257', how: 'server', declared: 'windows-1257' });
  });
});

describe('importFetchedPage: hostile pages take the same bounded path as files', () => {
  const fetched = (html: string): FetchedPage => ({ bytes: new TextEncoder().encode(html), finalUrl: 'https://pages.example/deep', contentType: 'text/html', fetchedAt: 0 });

  it('refuses a page nested 100,000 deep with its message, before any tree is built', async () => {
    const deep = `${'<div>'.repeat(100_000)}bottom${'</div>'.repeat(100_000)}`;
    const error = await importFetchedPage('https://pages.example/deep', fetched(deep)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toMatch(/^“deep\.html” nests its elements more than 512 levels deep/);
  });

  it('reads a fetched page in the charset it declares, and leaves its hidden text out', async () => {
    const latin1 = Uint8Array.from('<meta charset="iso-8859-1"><p>Gr\u00fc\u00dfe aus dem Hafen.</p><p style="display:none">versteckt</p>', (c) => c.charCodeAt(0));
    const draft = await importFetchedPage('https://pages.example/hafen', { bytes: latin1, finalUrl: 'https://pages.example/hafen', contentType: 'text/html', fetchedAt: 0 });
    expect(draft.text).toBe('Grüße aus dem Hafen.');
    expect(draft.importReport).toEqual({ encoding: { encoding: 'windows-1252', how: 'declared', declared: 'iso-8859-1' }, hidden: { count: 1, blocks: ['versteckt'] } });
  });
});
