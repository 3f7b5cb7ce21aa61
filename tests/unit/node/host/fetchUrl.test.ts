import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { createServer as createTcpServer } from 'node:net';
import { fetchUrl, type FetchOptions } from '../../../../node/host/fetchUrl';

/** The loopback test server is "local network": every test that fetches from it turns the setting on. */
const local: FetchOptions = { allowLocalNetwork: true };

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
  '/to-own': (_req, res) => res.writeHead(302, { Location: `http://localhost:${ownPort}/` }).end(),
  '/to-own-mapped': (_req, res) => res.writeHead(307, { Location: `http://[::ffff:127.0.0.1]:${ownPort}/index.html` }).end(),
  '/leaks-token': (_req, res) => html(res, `<p>cached copy</p><meta name="casefile-token" content="${SECRET}">`),
  '/host': (req, res) => html(res, `<p>Host was ${req.headers.host}</p>`),
  '/gzip': (_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' }).end(gzipSync('Compressed article text.')),
  '/gzip-bomb': (_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' }).end(gzipSync(Buffer.alloc(20 * 1024 * 1024))),
};

/** Stands in for the web server: the port it listens on is "own", and it counts every connection. */
const SECRET = 'launch-token-0123456789abcdef';
let ownPort = 0;
let ownConnections = 0;
const own = createTcpServer((socket) => {
  ownConnections++;
  socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n\r\nok');
});

let server: Server;
const port = () => {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
};
const at = (path: string) => `http://127.0.0.1:${port()}${path}`;

beforeAll(async () => {
  await new Promise<void>((resolve) => own.listen(0, '127.0.0.1', resolve));
  ownPort = (own.address() as { port: number }).port;
  streamAborted = new Promise((resolve) => (markStreamAborted = resolve));
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    (routes[path] ?? ((_q, r) => r.writeHead(500).end()))(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  own.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('fetchUrl', () => {
  it('downloads a page with its type and time', async () => {
    const before = Date.now();
    const page = await fetchUrl(at('/page'), local);
    expect(new TextDecoder().decode(page.bytes)).toBe('<p>Loopback article</p>');
    expect(page.contentType).toBe('text/html');
    expect(page.finalUrl).toBe(at('/page'));
    expect(page.fetchedAt).toBeGreaterThanOrEqual(before);
  });

  it('follows a redirect chain and reports where it ended', async () => {
    const page = await fetchUrl(at('/hop1'), local);
    expect(page.finalUrl).toBe(`http://localhost:${port()}/page`);
    expect(new TextDecoder().decode(page.bytes)).toContain('Loopback article');
  });

  it('accepts Markdown and strips media-type parameters', async () => {
    expect((await fetchUrl(at('/markdown'), local)).contentType).toBe('text/markdown');
  });

  it('stops after five redirects', async () => {
    hits.delete('/loop');
    await expect(fetchUrl(at('/loop'), local)).rejects.toThrow('The page redirected more than 5 times.');
    expect(hits.get('/loop')).toBe(6);
  });

  it('refuses anything but http(s), including on a redirect', async () => {
    await expect(fetchUrl('javascript:alert(1)')).rejects.toThrow('The address must start with http:// or https://.');
    await expect(fetchUrl('file:///etc/passwd')).rejects.toThrow('The address must start with http:// or https://.');
    await expect(fetchUrl(at('/to-file'), local)).rejects.toThrow('The address must start with http:// or https://.');
    await expect(fetchUrl(at('/to-js'), local)).rejects.toThrow('The address must start with http:// or https://.');
    await expect(fetchUrl('not a url')).rejects.toThrow('“not a url” is not a web address.');
    await expect(fetchUrl(`http://user:secret@127.0.0.1:${port()}/page`, local)).rejects.toThrow(/user name or password/);
  });

  it('names the status of a failed answer', async () => {
    await expect(fetchUrl(at('/missing'), local)).rejects.toThrow('The server answered 404 Not Found.');
  });

  it('gives up after the timeout, waiting for headers or for the body', async () => {
    await expect(fetchUrl(at('/slow'), { ...local, timeoutMs: 150 })).rejects.toThrow('The page took longer than 150 ms to answer.');
    await expect(fetchUrl(at('/slow-body'), { ...local, timeoutMs: 150 })).rejects.toThrow('The page took longer than 150 ms to answer.');
  });

  it('phrases longer timeouts in seconds, and the timeout covers name resolution too', async () => {
    const started = Date.now();
    const pending = fetchUrl('https://news.example/', { resolve: () => new Promise(() => undefined), timeoutMs: 1_000 });
    await expect(pending).rejects.toThrow('The page took longer than 1 s to answer.');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('refuses an oversized page from its Content-Length', async () => {
    await expect(fetchUrl(at('/big-declared'), { ...local, maxBytes: 2048 })).rejects.toThrow('The page is larger than 2 KB.');
  });

  it('stops streaming as soon as the cap is passed', async () => {
    await expect(fetchUrl(at('/big-streamed'), { ...local, maxBytes: 4096 })).rejects.toThrow('The page is larger than 4 KB.');
    await streamAborted; // the server saw the connection close: nothing kept downloading
  });

  it('refuses types it cannot import, and untyped answers', async () => {
    await expect(fetchUrl(at('/image'), local)).rejects.toThrow(/serves “image\/png”, which Casefile cannot import/);
    await expect(fetchUrl(at('/untyped'), local)).rejects.toThrow(/did not say what kind of document/);
  });

  it('explains a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    const freePort = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(fetchUrl(`http://127.0.0.1:${freePort}/`, local)).rejects.toThrow(`Could not reach 127.0.0.1:${freePort}: the connection was refused.`);
  });
});

describe('fetchUrl address policy', () => {
  const refusedMessage = /Casefile does not fetch .*: it is .*, not an address on the internet\. To import a page from an intranet or from this computer, turn on “Allow local network addresses”\./;

  it.each([
    ['loopback', 'http://127.0.0.1/'],
    ['loopback, other host number', 'http://127.8.9.10/'],
    ['loopback in decimal', 'http://2130706433/'],
    ['loopback in octal', 'http://0177.0.0.01/'],
    ['loopback in hex', 'http://0x7f.0.0.1/'],
    ['loopback, short form', 'http://127.1/'],
    ['IPv6 loopback', 'http://[::1]/'],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/'],
    ['IPv4-mapped IPv6, hex form', 'http://[0:0:0:0:0:ffff:7f00:1]/'],
    ['unspecified', 'http://0.0.0.0/'],
    ['IPv6 unspecified', 'http://[::]/'],
    ['private 10/8', 'http://10.20.30.40/'],
    ['private 172.16/12', 'https://172.16.5.4/'],
    ['private 192.168/16', 'http://192.168.1.1/admin'],
    ['carrier-grade NAT', 'http://100.64.0.1/'],
    ['link-local (cloud metadata)', 'http://169.254.169.254/latest/meta-data/'],
    ['IPv6 link-local', 'http://[fe80::1]/'],
    ['IPv6 unique local', 'http://[fd12:3456::1]/'],
    ['IPv4 multicast', 'http://224.0.0.251/'],
    ['IPv6 multicast', 'http://[ff02::1]/'],
    ['broadcast', 'http://255.255.255.255/'],
    ['NAT64 of loopback', 'http://[64:ff9b::7f00:1]/'],
    ['6to4 of a private address', 'http://[2002:c0a8:101::1]/'],
  ])('refuses %s (%s) by default, before connecting', async (_what, url) => {
    await expect(fetchUrl(url, { timeoutMs: 2_000 })).rejects.toThrow(refusedMessage);
  });

  it('refuses a loopback page by default, and fetches it with the setting on', async () => {
    hits.delete('/page');
    await expect(fetchUrl(at('/page'))).rejects.toThrow(refusedMessage);
    expect(hits.get('/page')).toBeUndefined();
    expect(new TextDecoder().decode((await fetchUrl(at('/page'), local)).bytes)).toContain('Loopback article');
  });

  it('judges names by every address they resolve to', async () => {
    const resolve = async (name: string) =>
      (
        ({
          'intranet.example': [{ address: '10.0.0.5', family: 4 }],
          'mixed.example': [
            { address: '93.184.216.34', family: 4 },
            { address: '127.0.0.1', family: 4 },
          ],
          'mapped.example': [{ address: '::ffff:192.168.0.9', family: 6 }],
          'metadata.example': [{ address: 'fe80::a9fe:a9fe', family: 6 }],
        }) as Record<string, { address: string; family: 4 | 6 }[]>
      )[name] ?? [];
    for (const name of ['intranet.example', 'mixed.example', 'mapped.example', 'metadata.example']) {
      await expect(fetchUrl(`http://${name}/`, { resolve }), name).rejects.toThrow(refusedMessage);
    }
    await expect(fetchUrl('http://mixed.example/', { resolve })).rejects.toThrow('mixed.example (127.0.0.1)');
    await expect(fetchUrl('http://nowhere.example/', { resolve })).rejects.toThrow('Could not reach nowhere.example: the name has no address.');
  });

  it('connects only to the address it checked: the socket never resolves the name again (DNS rebinding)', async () => {
    const asked: string[] = [];
    // The first answer is the one checked; a rebinding resolver would answer differently next time.
    const answers = [[{ address: '127.0.0.1', family: 4 as const }], [{ address: '10.9.9.9', family: 4 as const }]];
    const resolve = async (name: string) => {
      asked.push(name);
      return answers.shift() ?? [];
    };
    const page = await fetchUrl(`http://rebind.example:${port()}/host`, { ...local, resolve });
    expect(new TextDecoder().decode(page.bytes)).toContain(`Host was rebind.example:${port()}`);
    expect(asked).toEqual(['rebind.example']);
  });

  it('checks every redirect: never its own server, whatever the setting and however it is spelled', async () => {
    const self = { ...local, ownPorts: [ownPort] };
    ownConnections = 0;
    for (const url of [`http://127.0.0.1:${ownPort}/`, `http://localhost:${ownPort}/`, `http://[::ffff:127.0.0.1]:${ownPort}/`, `http://0.0.0.0:${ownPort}/`, `http://[::1]:${ownPort}/`, `http://127.0.0.2:${ownPort}/`]) {
      await expect(fetchUrl(url, self), url).rejects.toThrow(`Casefile does not fetch its own local server`);
    }
    await expect(fetchUrl(at('/to-own'), self)).rejects.toThrow(`Casefile does not fetch its own local server (localhost:${ownPort}).`);
    await expect(fetchUrl(at('/to-own-mapped'), self)).rejects.toThrow('Casefile does not fetch its own local server');
    expect(ownConnections).toBe(0);
    // Without ownPorts the same port is just another local page.
    expect(new TextDecoder().decode((await fetchUrl(`http://127.0.0.1:${ownPort}/`, local)).bytes)).toBe('ok');
  });

  it('refuses a page that contains the launch token, even with the setting on', async () => {
    await expect(fetchUrl(at('/leaks-token'), { ...local, secrets: [SECRET] })).rejects.toThrow('secret launch token');
    await expect(fetchUrl(at('/page'), { ...local, secrets: [SECRET] })).resolves.toMatchObject({ contentType: 'text/html' });
  });

  it('reads compressed pages, and caps the decompressed size (a compression bomb stops at the cap)', async () => {
    expect(new TextDecoder().decode((await fetchUrl(at('/gzip'), local)).bytes)).toBe('Compressed article text.');
    await expect(fetchUrl(at('/gzip-bomb'), { ...local, maxBytes: 1024 * 1024 })).rejects.toThrow('The page is larger than 1 MB.');
  });
});
