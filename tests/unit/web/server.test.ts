import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWire, encodeWire } from '../../../shared/ipc/wire';
import { defaultHandlers, resolveStatic, startWebServer, type WebServer } from '../../../electron/web/server';

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
  dir = mkdtempSync(join(tmpdir(), 'casefile-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'casefile-secret.txt'), 'secret');
  server = await startWebServer({ rootDir: dir, port: 0, appVersion: '9.9.9' });
  pages = createServer((req, res) => {
    if (req.url === '/moved') {
      res.writeHead(302, { Location: '/article' });
      return res.end();
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
  rmSync(dir, { recursive: true, force: true });
});

describe('web server', () => {
  it('serves index.html with the per-launch token and strict headers', async () => {
    const res = await call('/');
    expect(res.status).toBe(200);
    expect(res.body).toContain(`<meta name="casefile-token" content="${server.token}" />`);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves assets with their MIME type and refuses traversal', async () => {
    const js = await call('/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    for (const path of ['/../casefile-secret.txt', '/%2e%2e/casefile-secret.txt', '/assets/..%2f..%2fcasefile-secret.txt', '/..\\casefile-secret.txt']) {
      const res = await call(path);
      expect(res.status, path).not.toBe(200);
      expect(res.body).not.toContain('secret');
    }
    expect(resolveStatic(dir, '/%2e%2e/x')).toBeNull();
    expect(resolveStatic(dir, '/assets/app.js')).toBe(join(dir, 'assets', 'app.js'));
  });

  it('refuses a foreign Host header and a foreign Origin', async () => {
    expect((await call('/', { headers: { Host: 'evil.example' } })).status).toBe(403);
    expect((await call('/', { headers: { Host: `attacker.example:${server.port}` } })).status).toBe(403);
    expect((await invoke('cf:app:info', {})).status).toBe(200);
    const foreign = await call('/api/invoke/cf:app:info', { method: 'POST', headers: { Origin: 'https://evil.example', 'X-Casefile-Token': server.token }, body: '{}' });
    expect(foreign.status).toBe(403);
  });

  it('requires the token for the API', async () => {
    expect((await invoke('cf:app:info', {}, '')).status).toBe(401);
    expect((await invoke('cf:app:info', {}, 'f'.repeat(64))).status).toBe(401);
  });

  it('answers the contract with validated results', async () => {
    const info = decodeWire((await invoke('cf:app:info', {})).body);
    expect(info).toMatchObject({ ok: true, value: { name: 'Casefile', version: '9.9.9', shell: 'web' } });
    const bad = decodeWire((await invoke('cf:app:info', { unexpected: true })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const browserOnly = decodeWire((await invoke('cf:file:open', {})).body);
    expect(browserOnly).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect((await invoke('cf:nope', {})).status).toBe(404);
  });

  it('fetches a URL for import, following redirects, from loopback', async () => {
    const result = decodeWire((await invoke('cf:url:fetch', { url: `http://127.0.0.1:${pagesPort}/moved` })).body) as { ok: boolean; value: { bytes: Uint8Array; finalUrl: string } };
    expect(result.ok).toBe(true);
    expect(result.value.finalUrl).toBe(`http://127.0.0.1:${pagesPort}/article`);
    expect(new TextDecoder().decode(result.value.bytes)).toContain('A page served from loopback.');
    const refused = decodeWire((await invoke('cf:url:fetch', { url: 'javascript:alert(1)' })).body);
    expect(refused).toMatchObject({ ok: false, error: { message: 'The address must start with http:// or https://.' } });
  });

  it('has a decision for every channel in the contract', () => {
    expect(Object.keys(defaultHandlers('1')).sort()).toEqual(
      ['cf:app:info', 'cf:file:open', 'cf:file:save', 'cf:pdf:render', 'cf:shell:openExternal', 'cf:url:fetch'].sort(),
    );
  });
});
