import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, type IpcError } from '../../../../shared/ipc/contract';
import { hostRefusal } from '../../../../shared/ipc/hostRefusals';
import { createTranslator, translateRef } from '../../../../shared/i18n';
import { decodeWire, encodeWire } from '../../../../shared/ipc/wire';
import { defaultHandlers, injectToken, MAX_PRINT_REQUEST_BYTES, MAX_PRINT_REQUESTS, MAX_REQUEST_BYTES, resolveStatic, startWebServer, type WebHandlers, type WebServer } from '../../../../node/web/server';
import { MAX_PRINT_HTML_CHARS } from '../../../../shared/export/printLimits';
import { answerInSpanish } from '../../helpers/hostRefusal';

let base: string;
let dir: string;
let server: WebServer;
let pages: Server;
let pagesPort: number;

/** Raw HTTP so tests can send any Host/Origin header (fetch refuses to). */
function call(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: { Host: `127.0.0.1:${server.port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

function invoke(channel: string, payload: unknown, token = server.token) {
  return call(`/api/invoke/${channel}`, { method: 'POST', headers: { 'X-Casefile-Token': token, 'Content-Type': 'application/json' }, body: encodeWire(payload) });
}

beforeAll(async () => {
  // The secret sits next to the served folder: a traversal would reach it.
  base = mkdtempSync(join(tmpdir(), 'casefile-web-'));
  dir = join(base, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(base, 'casefile-secret.txt'), 'secret');
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(dir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'assets', 'font.woff2'), 'wOF2');
  writeFileSync(join(dir, 'assets', 'blob.xyz'), 'bytes');
  server = await startWebServer({ rootDir: dir, port: 0, appVersion: '9.9.9' });
  pages = createServer((req, res) => {
    if (req.url === '/moved') {
      res.writeHead(302, { Location: '/article' });
      return res.end();
    }
    if (req.url === '/to-server') {
      res.writeHead(302, { Location: `http://localhost:${server.port}/` });
      return res.end();
    }
    if (req.url === '/echo-token') {
      // A misconfigured intranet proxy that hands the server's page back under another address.
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end(`<html><head><meta name="casefile-token" content="${server.token}"></head></html>`);
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<html><body><p>A page served from loopback.</p></body></html>');
  });
  await new Promise<void>((r) => pages.listen(0, '127.0.0.1', () => r()));
  const addr = pages.address();
  pagesPort = typeof addr === 'object' && addr ? addr.port : 0;
});

afterAll(async () => {
  await server.close();
  await new Promise<void>((r) => pages.close(() => r()));
  rmSync(base, { recursive: true, force: true });
});

describe('web server', () => {
  it('serves index.html with the per-launch token and strict headers', async () => {
    const res = await call('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain(`<meta name="casefile-token" content="${server.token}" />`);
    expect(res.body).not.toMatch(/<script>/);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' https: wss: http://127.0.0.1:* ws://127.0.0.1:* http://localhost:* ws://localhost:*; object-src 'none'; base-uri 'none'; frame-src 'none'; form-action 'none'; worker-src 'self' blob:; frame-ancestors 'none'",
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('forbids framing and cross-origin use on every response: page, asset, API answer, refusal and error', async () => {
    const responses = {
      index: await call('/'),
      asset: await call('/assets/app.js'),
      missing: await call('/assets/missing.js'),
      foreignHost: await call('/', { headers: { Host: 'evil.example' } }),
      apiAnswer: await invoke('cf:app:info', {}),
      apiUnauthorized: await invoke('cf:app:info', {}, 'wrong-token-0000000000'),
      apiMethod: await call('/api/invoke/cf:app:info'),
      staticMethod: await call('/', { method: 'DELETE' }),
    };
    for (const [what, res] of Object.entries(responses)) {
      expect(res.headers['content-security-policy'], what).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
      expect(res.headers['x-frame-options'], what).toBe('DENY');
      expect(res.headers['cross-origin-opener-policy'], what).toBe('same-origin');
      expect(res.headers['cross-origin-resource-policy'], what).toBe('same-origin');
    }
  });

  it('makes a new token for every launch', async () => {
    const other = await startWebServer({ rootDir: dir, port: 0 });
    try {
      expect(other.token).not.toBe(server.token);
      expect(other.url).toBe(`http://127.0.0.1:${other.port}/`);
    } finally {
      await other.close();
    }
  });

  it('serves assets with their MIME type', async () => {
    const expected: Record<string, RegExp> = {
      '/assets/app.js': /^text\/javascript/,
      '/assets/app.css': /^text\/css/,
      '/assets/logo.svg': /^image\/svg\+xml$/,
      '/assets/font.woff2': /^font\/woff2$/,
      '/assets/blob.xyz': /^application\/octet-stream$/,
    };
    for (const [path, type] of Object.entries(expected)) {
      const res = await call(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toMatch(type);
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
    }
  });

  it('falls back to the app for client routes but not for missing files', async () => {
    const route = await call('/cases/123');
    expect(route.status).toBe(200);
    expect(route.body).toContain('casefile-token');
    expect((await call('/assets/missing.js')).status).toBe(404);
  });

  it('refuses path traversal, plain or encoded', async () => {
    for (const path of ['/../casefile-secret.txt', '/%2e%2e/casefile-secret.txt', '/assets/..%2f..%2fcasefile-secret.txt', '/..\\casefile-secret.txt', '/%2e%2e%5ccasefile-secret.txt', '/assets/%00.js']) {
      const res = await call(path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('secret');
    }
    expect(resolveStatic(dir, '/%2e%2e/x')).toBeNull();
    expect(resolveStatic(dir, '/%E0%A4%A')).toBeNull();
    expect(resolveStatic(dir, '/assets/app.js')).toBe(join(dir, 'assets', 'app.js'));
  });

  it('answers only to its own Host, in either spelling', async () => {
    expect((await call('/', { headers: { Host: `localhost:${server.port}` } })).status).toBe(200);
    expect((await call('/', { headers: { Host: 'evil.example' } })).status).toBe(403);
    expect((await call('/', { headers: { Host: `attacker.example:${server.port}` } })).status).toBe(403);
    expect((await call('/', { headers: { Host: `127.0.0.1:${server.port + 1}` } })).status).toBe(403);
  });

  it('refuses a foreign Origin and accepts its own', async () => {
    const post = (origin: string) =>
      call('/api/invoke/cf:app:info', { method: 'POST', headers: { Origin: origin, 'X-Casefile-Token': server.token, 'Content-Type': 'application/json' }, body: '{}' });
    const foreign = await post('https://evil.example');
    expect(foreign.status).toBe(403);
    expect(decodeWire(foreign.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await post('null')).status).toBe(403);
    expect((await post(`http://127.0.0.1:${server.port}`)).status).toBe(200);
    expect((await post(`http://localhost:${server.port}`)).status).toBe(200);
  });

  it('requires the token for the API', async () => {
    const missing = await invoke('cf:app:info', {}, '');
    expect(missing.status).toBe(401);
    const unauthorized = decodeWire(missing.body) as { error: IpcError };
    expect(unauthorized).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'The request is missing this launch’s token. Reload the page.' } });
    expect(answerInSpanish(unauthorized.error)).toBe('A la petición le falta el token de esta sesión. Vuelve a cargar la página.');
    expect((await invoke('cf:app:info', {}, 'f'.repeat(64))).status).toBe(401);
    expect((await invoke('cf:app:info', {}, server.token.slice(1))).status).toBe(401);
  });

  it('answers the contract with validated results', async () => {
    const info = decodeWire((await invoke('cf:app:info', {})).body);
    expect(info).toMatchObject({ ok: true, value: { name: 'Casefile', version: '9.9.9', shell: 'web', runtime: `node ${process.version}` } });
    const bad = decodeWire((await invoke('cf:app:info', { unexpected: true })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const badPdf = decodeWire((await invoke('cf:pdf:render', { html: '<p>x</p>', pageSize: 'A3' })).body);
    expect(badPdf).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('pageSize') } });
    for (const channel of ['cf:file:open', 'cf:file:save', 'cf:shell:openExternal']) {
      const browserOnly = decodeWire((await invoke(channel, {})).body);
      expect(browserOnly, channel).toMatchObject({ ok: false, error: { code: 'unsupported', message: expect.stringContaining('handled by the browser in the web build') } });
    }
    expect((await invoke('cf:nope', {})).status).toBe(404);
  });

  it('refuses bodies that are not JSON, not sent as JSON, or too large', async () => {
    const headers = { 'X-Casefile-Token': server.token, 'Content-Type': 'application/json' };
    const garbage = await call('/api/invoke/cf:app:info', { method: 'POST', headers, body: '{nope' });
    expect(decodeWire(garbage.body)).toMatchObject({ ok: false, error: { code: 'invalid-request', message: 'The request for cf:app:info is not valid JSON.' } });
    const form = await call('/api/invoke/cf:app:info', { method: 'POST', headers: { ...headers, 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    const declared = await call('/api/invoke/cf:app:info', { method: 'POST', headers: { ...headers, 'Content-Length': String(MAX_REQUEST_BYTES + 1) } });
    expect(declared.status).toBe(413);
    const tooLarge = decodeWire(declared.body) as { error: IpcError };
    expect(tooLarge).toMatchObject({ ok: false, error: { code: 'too-large:request', message: 'The request is larger than 60 MB.' } });
    expect(answerInSpanish(tooLarge.error)).toBe('La petición ocupa más de 60 MB.');
    expect((await call('/api/invoke/cf:app:info', { headers })).status).toBe(405);
  });

  it('stops reading a streamed body as soon as it passes the cap', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: '/api/invoke/cf:app:info', method: 'POST', headers: { Host: `127.0.0.1:${server.port}`, 'X-Casefile-Token': server.token, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent <= MAX_REQUEST_BYTES && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
  });

  it('refuses loopback pages by default; with the setting on it fetches them, but never the server itself or its token', async () => {
    const refused = decodeWire((await invoke('cf:url:fetch', { url: `http://127.0.0.1:${pagesPort}/moved` })).body);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'fetch-failed:not-public', values: { where: `127.0.0.1:${pagesPort}`, range: 'loopback' }, message: expect.stringContaining('turn on “Allow local network addresses”') },
    });
    // What the renderer shows: the same refusal in the UI's language, from its code and variables.
    const shown = hostRefusal((refused as { error: IpcError }).error);
    expect(translateRef(createTranslator('es'), shown.detail!)).toBe(
      `Casefile no descarga 127.0.0.1:${pagesPort}: es una dirección de este ordenador (loopback), no una dirección de internet. Para importar una página de una intranet o de este ordenador, activa «Permitir direcciones de la red local».`,
    );
    expect(shown.message).toBe((refused as { error: IpcError }).error.message);
    for (const url of [`http://127.0.0.1:${server.port}/`, `http://localhost:${server.port}/index.html`, `http://127.0.0.1:${pagesPort}/to-server`]) {
      const own = decodeWire((await invoke('cf:url:fetch', { url, allowLocalNetwork: true })).body);
      expect(own, url).toMatchObject({ ok: false, error: { code: 'fetch-failed:own-server', message: expect.stringContaining('Casefile does not fetch its own local server') } });
    }
    const leak = decodeWire((await invoke('cf:url:fetch', { url: `http://127.0.0.1:${pagesPort}/echo-token`, allowLocalNetwork: true })).body);
    expect(leak).toMatchObject({ ok: false, error: { code: 'fetch-failed:secret', message: expect.stringContaining('secret launch token') } });
  });

  it('fetches a URL for import, following redirects, from loopback with the setting on', async () => {
    const result = decodeWire((await invoke('cf:url:fetch', { url: `http://127.0.0.1:${pagesPort}/moved`, allowLocalNetwork: true })).body) as { ok: boolean; value: { bytes: Uint8Array; finalUrl: string; contentType: string } };
    expect(result.ok).toBe(true);
    expect(result.value.finalUrl).toBe(`http://127.0.0.1:${pagesPort}/article`);
    expect(result.value.contentType).toBe('text/html');
    expect(new TextDecoder().decode(result.value.bytes)).toContain('A page served from loopback.');
    const refused = decodeWire((await invoke('cf:url:fetch', { url: 'javascript:alert(1)' })).body);
    expect(refused).toMatchObject({ ok: false, error: { code: 'fetch-failed:scheme', message: 'The address must start with http:// or https://.' } });
  });

  it('caps a print request at a size scaled to the print HTML, not at the file-upload cap', async () => {
    expect(MAX_PRINT_REQUEST_BYTES).toBeLessThan(MAX_REQUEST_BYTES);
    expect(MAX_PRINT_REQUEST_BYTES).toBeGreaterThanOrEqual(MAX_PRINT_HTML_CHARS * 3);
    const headers = { 'X-Casefile-Token': server.token, 'Content-Type': 'application/json', 'Content-Length': String(MAX_PRINT_REQUEST_BYTES + 1) };
    const print = await call('/api/invoke/cf:pdf:render', { method: 'POST', headers });
    expect(print.status).toBe(413);
    expect(decodeWire(print.body)).toMatchObject({ ok: false, error: { code: 'too-large:request', message: `The request is larger than ${Math.round(MAX_PRINT_REQUEST_BYTES / 1048576)} MB.` } });
    const tooLongHtml = decodeWire((await invoke('cf:pdf:render', { html: 'x'.repeat(MAX_PRINT_HTML_CHARS + 1) })).body);
    expect(tooLongHtml).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('has a decision for every channel in the contract', () => {
    expect(Object.keys(defaultHandlers('1')).sort()).toEqual([...CHANNELS].sort());
  });
});

describe('injectToken', () => {
  it('adds the meta tag inside a <head> with attributes', () => {
    const html = injectToken('<html><HEAD data-x="1"><title>t</title></HEAD></html>', 'abc');
    expect(html).toMatch(/^<html><HEAD data-x="1">\s*<meta name="casefile-token" content="abc" \/><title>/);
  });

  it('refuses an index.html without a head', () => {
    expect(() => injectToken('<p>no head</p>', 'abc')).toThrow(/has no <head>/);
  });
});

describe('startWebServer options', () => {
  it('refuses a token that could break out of the meta tag', async () => {
    await expect(startWebServer({ rootDir: dir, port: 0, token: '"><script>x</script>' })).rejects.toThrow(/API token must be/);
  });

  it('says so when the port is taken', async () => {
    await expect(startWebServer({ rootDir: dir, port: server.port })).rejects.toThrow(`Port ${server.port} is already in use.`);
  });
});

describe('print admission', () => {
  it(`admits ${MAX_PRINT_REQUESTS} print requests at once and turns away the next before reading it; a client that hangs up frees its place`, async () => {
    let open = () => undefined as void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let started = 0;
    const handlers: WebHandlers = {
      ...defaultHandlers('1'),
      'cf:pdf:render': async () => {
        started++;
        await gate;
        return new Uint8Array([37, 80, 68, 70]);
      },
    };
    const busy = await startWebServer({ rootDir: dir, port: 0, handlers });
    const post = (body: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: busy.port, path: '/api/invoke/cf:pdf:render', method: 'POST', headers: { Host: `127.0.0.1:${busy.port}`, 'X-Casefile-Token': busy.token, 'Content-Type': 'application/json', ...headers } },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      // One client starts an upload and hangs up halfway: its place must come back.
      await new Promise<void>((resolve) => {
        const req = request({ host: '127.0.0.1', port: busy.port, path: '/api/invoke/cf:pdf:render', method: 'POST', headers: { Host: `127.0.0.1:${busy.port}`, 'X-Casefile-Token': busy.token, 'Content-Type': 'application/json', 'Content-Length': '1000' } });
        req.on('error', () => undefined);
        req.write('{"html":"');
        setTimeout(() => {
          req.destroy();
          // Let the server see the hang-up before the next requests arrive.
          setTimeout(resolve, 200);
        }, 100);
      });
      const body = encodeWire({ html: '<p>Brief</p>' });
      const admitted = Array.from({ length: MAX_PRINT_REQUESTS }, () => post(body));
      await vi.waitFor(() => expect(started).toBe(MAX_PRINT_REQUESTS));
      const refused = await post(body);
      expect(refused.status).toBe(503);
      const turnedAway = decodeWire(refused.body) as { error: IpcError };
      expect(turnedAway).toMatchObject({ ok: false, error: { code: 'busy:printing', message: `Casefile is already printing ${MAX_PRINT_REQUESTS} PDFs. Try again when one of them has finished.` } });
      expect(answerInSpanish(turnedAway.error)).toBe(`Casefile ya está imprimiendo ${MAX_PRINT_REQUESTS} PDF. Vuelve a intentarlo cuando termine alguno.`);
      open();
      const answers = await Promise.all(admitted);
      expect(answers.map((a) => a.status)).toEqual(Array(MAX_PRINT_REQUESTS).fill(200));
      expect((await post(body)).status).toBe(200);
    } finally {
      open();
      await busy.close();
    }
  });
});
