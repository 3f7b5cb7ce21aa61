import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { version as nodeVersion } from 'node:process';
import { contract, isChannel, parseRequest, type Channel, type ParsedRequest, type Response as ContractResponse, type Result } from '../../shared/ipc/contract';
import { decodeWire, encodeWire } from '../../shared/ipc/wire';
import { fetchUrl } from '../host/fetchUrl';
import { mimeTypeFor } from '../host/mime';
import { renderPdf } from '../host/renderPdf';

/**
 * The browser build's host: serves the renderer and answers the contract's
 * Node-side verbs over loopback HTTP. Bound to 127.0.0.1; every API call needs
 * the per-launch token, and foreign Host/Origin headers are refused (DNS
 * rebinding, cross-site requests).
 */

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-src 'none'; form-action 'none'; worker-src 'self' blob:";


const MAX_BODY = 60 * 1024 * 1024;

export type WebHandlers = { [C in Channel]: ((request: ParsedRequest<C>) => Promise<ContractResponse<C>>) | { unsupported: string } };

export function defaultHandlers(appVersion: string): WebHandlers {
  return {
    'cf:app:info': async () => ({ name: 'Casefile', version: appVersion, platform: process.platform, shell: 'web', runtime: `node ${nodeVersion}` }),
    'cf:file:open': { unsupported: 'Opening files is handled by the browser in the web build.' },
    'cf:file:save': { unsupported: 'Saving files is handled by the browser in the web build.' },
    'cf:shell:openExternal': { unsupported: 'Links open in the browser itself in the web build.' },
    'cf:pdf:render': (request) => renderPdf(request.html, { pageSize: request.pageSize }),
    'cf:url:fetch': (request) => fetchUrl(request.url),
  };
}

/** Map a URL path to a file inside rootDir, or null when it would escape it. */
export function resolveStatic(rootDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return null;
  const root = resolve(rootDir);
  const full = resolve(root, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  return full === root || full.startsWith(root + sep) ? full : null;
}

function send(res: ServerResponse, status: number, body: string | Uint8Array, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...extra,
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('too-large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function tokensMatch(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startWebServer(opts: { rootDir: string; port: number; token?: string; appVersion?: string; handlers?: WebHandlers }): Promise<WebServer> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  const handlers = opts.handlers ?? defaultHandlers(opts.appVersion ?? '0.0.0');
  let port = opts.port;
  let indexHtml: string | null = null;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  async function serveIndex(res: ServerResponse): Promise<void> {
    indexHtml ??= await readFile(join(opts.rootDir, 'index.html'), 'utf8');
    const withToken = indexHtml.replace('<head>', `<head>\n    <meta name="casefile-token" content="${token}" />`);
    send(res, 200, withToken, mimeTypeFor('.html'), { 'Cache-Control': 'no-store' });
  }

  async function invoke(channel: Channel, body: string): Promise<Result<unknown>> {
    const handler = handlers[channel];
    if ('unsupported' in handler) return { ok: false, error: { code: 'unsupported', message: handler.unsupported } };
    let payload: unknown;
    try {
      payload = decodeWire(body || '{}');
    } catch {
      return { ok: false, error: { code: 'invalid-request', message: 'The request body is not valid JSON.' } };
    }
    const parsed = parseRequest(channel, payload);
    if (!parsed.ok) return parsed;
    try {
      const value = await (handler as (r: unknown) => Promise<unknown>)(parsed.value);
      const checked = contract[channel].response.safeParse(value);
      if (!checked.success) return { ok: false, error: { code: 'internal', message: `The ${channel} handler returned an invalid response.` } };
      return { ok: true, value: checked.data };
    } catch (error) {
      return { ok: false, error: { code: 'failed', message: error instanceof Error ? error.message : String(error) } };
    }
  }

  const server = createServer((req, res) => {
    void (async () => {
      const host = req.headers.host ?? '';
      if (!allowedHosts().has(host)) return send(res, 403, 'Forbidden host');
      const origin = req.headers.origin;
      if (origin !== undefined && !(origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`)) return send(res, 403, 'Forbidden origin');
      const url = new URL(req.url ?? '/', `http://${host}`);

      if (url.pathname.startsWith('/api/')) {
        const match = /^\/api\/invoke\/([^/]+)$/.exec(url.pathname);
        if (req.method !== 'POST' || !match) return send(res, 404, 'Not found');
        const given = req.headers['x-casefile-token'];
        if (!tokensMatch(Array.isArray(given) ? given[0] : given, token)) return send(res, 401, 'Missing or wrong token');
        const channel = decodeURIComponent(match[1]!);
        if (!isChannel(channel)) return send(res, 404, encodeWire({ ok: false, error: { code: 'unknown-channel', message: `Unknown channel ${channel}` } }), mimeTypeFor('.json'));
        let body: string;
        try {
          body = await readBody(req);
        } catch {
          return send(res, 413, encodeWire({ ok: false, error: { code: 'too-large', message: 'The request is larger than 60 MB.' } }), mimeTypeFor('.json'));
        }
        return send(res, 200, encodeWire(await invoke(channel, body)), mimeTypeFor('.json'), { 'Cache-Control': 'no-store' });
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
      if (url.pathname === '/' || url.pathname === '/index.html') return serveIndex(res);
      const file = resolveStatic(opts.rootDir, url.pathname);
      if (!file) return send(res, 404, 'Not found');
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) {
        // Client-side routes fall back to the app; missing assets are 404s.
        return extname(url.pathname) ? send(res, 404, 'Not found') : serveIndex(res);
      }
      return send(res, 200, await readFile(file), mimeTypeFor(extname(file)), { 'Cache-Control': 'no-cache' });
    })().catch((error: unknown) => send(res, 500, `Internal error: ${(error as Error).message}`));
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : opts.port;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
