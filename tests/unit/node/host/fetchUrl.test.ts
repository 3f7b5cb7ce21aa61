import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl } from '../../../../node/host/fetchUrl';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

const html = (res: ServerResponse, body: string) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(body);
};

/** Requests seen per path, to prove what was (not) downloaded. */
const hits = new Map<string, number>();
let streamAborted: Promise<void>;
let markStreamAborted: () => void;

const routes: Record<string, Route> = {
  '/page': (_req, res) => html(res, '<p>Loopback article</p>'),
  '/hop1': (_req, res) => res.writeHead(301, { Location: '/hop2' }).end(),
  '/hop2': (_req, res) => res.writeHead(302, { Location: `http://localhost:${port()}/page` }).end(),
  '/loop': (_req, res) => res.writeHead(302, { Location: '/loop' }).end(),
  '/to-file': (_req, res) => res.writeHead(302, { Location: 'file:///etc/passwd' }).end(),
  '/to-js': (_req, res) => res.writeHead(307, { Location: 'javascript:alert(1)' }).end(),
  '/missing': (_req, res) => res.writeHead(404, 'Not Found', { 'Content-Type': 'text/html' }).end('nope'),
  '/slow': (_req, res) => setTimeout(() => html(res, 'late'), 2_000),
  '/slow-body': (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.write('first part…');
    setTimeout(() => res.end('rest'), 2_000);
  },
  '/big-declared': (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': String(10_000) });
    res.end('x'.repeat(10_000));
  },
  '/big-streamed': (_req, res) => {
    // No Content-Length: chunked, so only the streaming check can stop it.
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    const timer = setInterval(() => res.write('y'.repeat(512)), 5);
    res.on('close', () => {
      clearInterval(timer);
      markStreamAborted();
    });
  },
  '/image': (_req, res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end('png'),
  '/untyped': (_req, res) => {
    res.removeHeader('Content-Type');
    res.writeHead(200).end('who knows');
  },
  '/markdown': (_req, res) => res.writeHead(200, { 'Content-Type': 'text/markdown; charset=utf-8' }).end('# Title'),
};

let server: Server;
const port = () => {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
};
const at = (path: string) => `http://127.0.0.1:${port()}${path}`;

beforeAll(async () => {
  streamAborted = new Promise((resolve) => (markStreamAborted = resolve));
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    (routes[path] ?? ((_q, r) => r.writeHead(500).end()))(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('fetchUrl', () => {
  it('downloads a page with its type and time', async () => {
    const before = Date.now();
    const page = await fetchUrl(at('/page'));
    expect(new TextDecoder().decode(page.bytes)).toBe('<p>Loopback article</p>');
    expect(page.contentType).toBe('text/html');
    expect(page.finalUrl).toBe(at('/page'));
    expect(page.fetchedAt).toBeGreaterThanOrEqual(before);
  });

  it('follows a redirect chain and reports where it ended', async () => {
    const page = await fetchUrl(at('/hop1'));
    expect(page.finalUrl).toBe(`http://localhost:${port()}/page`);
    expect(new TextDecoder().decode(page.bytes)).toContain('Loopback article');
  });

  it('accepts Markdown and strips media-type parameters', async () => {
    expect((await fetchUrl(at('/markdown'))).contentType).toBe('text/markdown');
  });

  it('stops after five redirects', async () => {
    hits.delete('/loop');
    await expect(fetchUrl(at('/loop'))).rejects.toThrow('The page redirected more than 5 times.');
    expect(hits.get('/loop')).toBe(6);
  });

  it('refuses anything but http(s), including on a redirect', async () => {
    await expect(fetchUrl('javascript:alert(1)')).rejects.toThrow('The address must start with http:// or https://.');
    await expect(fetchUrl('file:///etc/passwd')).rejects.toThrow('The address must start with http:// or https://.');
    await expect(fetchUrl(at('/to-file'))).rejects.toThrow('The address must start with http:// or https://.');
    await expect(fetchUrl(at('/to-js'))).rejects.toThrow('The address must start with http:// or https://.');
    await expect(fetchUrl('not a url')).rejects.toThrow('“not a url” is not a web address.');
    await expect(fetchUrl(`http://user:secret@127.0.0.1:${port()}/page`)).rejects.toThrow(/user name or password/);
  });

  it('names the status of a failed answer', async () => {
    await expect(fetchUrl(at('/missing'))).rejects.toThrow('The server answered 404 Not Found.');
  });

  it('gives up after the timeout, waiting for headers or for the body', async () => {
    await expect(fetchUrl(at('/slow'), { timeoutMs: 150 })).rejects.toThrow('The page took longer than 150 ms to answer.');
    await expect(fetchUrl(at('/slow-body'), { timeoutMs: 150 })).rejects.toThrow('The page took longer than 150 ms to answer.');
  });

  it('phrases longer timeouts in seconds and aborts an injected fetch', async () => {
    const hang: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const started = Date.now();
    const pending = fetchUrl('https://example.invalid/', { fetchImpl: hang, timeoutMs: 1_000 });
    await expect(pending).rejects.toThrow('The page took longer than 1 s to answer.');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('refuses an oversized page from its Content-Length', async () => {
    await expect(fetchUrl(at('/big-declared'), { maxBytes: 2048 })).rejects.toThrow('The page is larger than 2 KB.');
  });

  it('stops streaming as soon as the cap is passed', async () => {
    await expect(fetchUrl(at('/big-streamed'), { maxBytes: 4096 })).rejects.toThrow('The page is larger than 4 KB.');
    await streamAborted; // the server saw the connection close: nothing kept downloading
  });

  it('refuses types it cannot import, and untyped answers', async () => {
    await expect(fetchUrl(at('/image'))).rejects.toThrow(/serves “image\/png”, which Casefile cannot import/);
    await expect(fetchUrl(at('/untyped'))).rejects.toThrow(/did not say what kind of document/);
  });

  it('explains a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    const freePort = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(fetchUrl(`http://127.0.0.1:${freePort}/`)).rejects.toThrow(`Could not reach 127.0.0.1:${freePort}: the connection was refused.`);
  });
});
