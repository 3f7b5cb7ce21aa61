import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppRequest } from '../../../../electron/main/protocol';
import { CONTENT_SECURITY_POLICY } from '../../../../electron/main/security';

const ROOT = path.resolve('/srv/casefile/dist/renderer');
const inRoot = (...segments: string[]): string => path.join(ROOT, ...segments);

describe('resolveAppRequest', () => {
  it.each([
    ['app://casefile/index.html', inRoot('index.html'), 'text/html; charset=utf-8'],
    ['app://casefile/', inRoot('index.html'), 'text/html; charset=utf-8'],
    ['app://casefile', inRoot('index.html'), 'text/html; charset=utf-8'],
    ['app://casefile/assets/index-3f2a.js', inRoot('assets', 'index-3f2a.js'), 'text/javascript; charset=utf-8'],
    ['app://casefile/assets/worker.mjs?v=2#x', inRoot('assets', 'worker.mjs'), 'text/javascript; charset=utf-8'],
    ['app://casefile/assets/app.css', inRoot('assets', 'app.css'), 'text/css; charset=utf-8'],
    ['app://casefile/assets/app.js.map', inRoot('assets', 'app.js.map'), 'application/json; charset=utf-8'],
    ['app://casefile/sample/case.json', inRoot('sample', 'case.json'), 'application/json; charset=utf-8'],
    ['app://casefile/icons/logo.svg', inRoot('icons', 'logo.svg'), 'image/svg+xml'],
    ['app://casefile/icons/logo.PNG', inRoot('icons', 'logo.PNG'), 'image/png'],
    ['app://casefile/fonts/serif.woff2', inRoot('fonts', 'serif.woff2'), 'font/woff2'],
    ['app://casefile/pdf/engine.wasm', inRoot('pdf', 'engine.wasm'), 'application/wasm'],
    ['app://casefile/licenses.txt', inRoot('licenses.txt'), 'text/plain; charset=utf-8'],
    ['app://casefile/favicon.ico', inRoot('favicon.ico'), 'image/x-icon'],
    ['app://casefile/cmaps/UniJIS.bcmap', inRoot('cmaps', 'UniJIS.bcmap'), 'application/octet-stream'],
    ['app://casefile/My%20Notes.txt', inRoot('My Notes.txt'), 'text/plain; charset=utf-8'],
  ])('serves %s', (url, expectedPath, mimeType) => {
    expect(resolveAppRequest(ROOT, url)).toEqual({ path: expectedPath, mimeType });
  });

  it.each([
    ['dot-dot segment', 'app://casefile/../secret.txt'],
    ['nested dot-dot', 'app://casefile/assets/../../etc/passwd'],
    ['single dot segment', 'app://casefile/./index.html'],
    ['encoded dots', 'app://casefile/%2e%2e/secret.txt'],
    ['upper-case encoded dots', 'app://casefile/%2E%2E/secret.txt'],
    ['mixed encoded dot', 'app://casefile/.%2e/secret.txt'],
    ['encoded slash', 'app://casefile/assets%2f..%2fsecret.txt'],
    ['encoded backslash', 'app://casefile/assets%5c..%5csecret.txt'],
    ['raw backslash', 'app://casefile/assets\\..\\secret.txt'],
    ['encoded NUL', 'app://casefile/index.html%00.png'],
    ['absolute path in path', 'app://casefile//etc/passwd'],
    ['windows drive letter', 'app://casefile/C:/Windows/win.ini'],
    ['wrong host', 'app://evil/index.html'],
    ['look-alike host', 'app://casefile.evil/index.html'],
    ['credentials', 'app://user@casefile/index.html'],
    ['port', 'app://casefile:8080/index.html'],
    ['other scheme', 'file:///etc/passwd'],
    ['https', 'https://casefile/index.html'],
    ['malformed escape', 'app://casefile/%E0%A4%A.txt'],
    ['not a URL', 'not a url'],
  ])('refuses %s with 403', (_label, url) => {
    expect(resolveAppRequest(ROOT, url)).toEqual({ status: 403 });
  });
});

describe('createAppProtocolHandler', () => {
  const files = new Map<string, Uint8Array>([[inRoot('index.html'), new TextEncoder().encode('<!doctype html>')]]);
  const readFake = async (filePath: string): Promise<Uint8Array> => {
    const found = files.get(filePath);
    if (found) return found;
    throw Object.assign(new Error(`ENOENT: ${filePath}`), { code: 'ENOENT' });
  };
  const handler = createAppProtocolHandler(ROOT, readFake);

  it('serves a file with its type, the CSP and nosniff', async () => {
    const response = await handler(new Request('app://casefile/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await response.text()).toBe('<!doctype html>');
  });

  it('answers 404 for a missing file and 403 for traversal', async () => {
    expect((await handler(new Request('app://casefile/missing.js'))).status).toBe(404);
    expect((await handler(new Request('app://evil/index.html'))).status).toBe(403);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await handler(new Request('app://casefile/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('reports an unreadable file as 500 without leaking the error', async () => {
    const failing = createAppProtocolHandler(ROOT, async () => {
      throw Object.assign(new Error('EACCES: /secret/path'), { code: 'EACCES' });
    });
    const response = await failing(new Request('app://casefile/index.html'));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('/secret/path');
  });
});
