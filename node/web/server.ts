import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { version as nodeVersion } from 'node:process';
import { isChannel, type Channel, type IpcError, type Result } from '../../shared/ipc/contract';
import { dispatch, FETCH_FAILED, refused, rethrowAs, type HostHandlers } from '../../shared/ipc/dispatch';
import { refusal } from '../../shared/ipc/hostRefusals';
import { pdfHeaderFooter } from '../../shared/export/html';
import { decodeWire, encodeWire } from '../../shared/ipc/wire';
import { fetchUrl } from '../host/fetchUrl';
import { mimeTypeFor } from '../host/mime';
import { MAX_CONCURRENT_RENDERS, renderPdf } from '../host/renderPdf';
import { MAX_PRINT_HTML_CHARS } from '../../shared/export/printLimits';

/**
 * The browser build's host: serves the renderer and answers the contract's
 * Node-side verbs over loopback HTTP. Bound to 127.0.0.1; every API call needs
 * the per-launch token, and foreign Host/Origin headers are refused, which
 * stops DNS rebinding and cross-site requests from other pages in the browser.
 */

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' https: wss: http://127.0.0.1:* ws://127.0.0.1:* http://localhost:* ws://localhost:*; object-src 'none'; base-uri 'none'; frame-src 'none'; form-action 'none'; worker-src 'self' blob:; frame-ancestors 'none'";

/** Requests carry whole files (imports, exports) as base64: 60 MB of JSON is ~45 MB of bytes. */
export const MAX_REQUEST_BYTES = 60 * 1024 * 1024;

/**
 * A print request carries only HTML, so its cap follows the print HTML cap: every
 * character as at most three bytes of UTF-8 (JSON escapes of quotes and line ends
 * take two), plus room for the title and the envelope.
 */
export const MAX_PRINT_REQUEST_BYTES = MAX_PRINT_HTML_CHARS * 3 + 64 * 1024;

/**
 * Print requests admitted at once (printing, waiting in the print queue, or still
 * uploading). One more is refused before its body is read, so a burst of large
 * requests cannot fill the server's memory.
 */
export const MAX_PRINT_REQUESTS = MAX_CONCURRENT_RENDERS + 2;

const bodyCap = (channel: Channel): number => (channel === 'cf:pdf:render' ? MAX_PRINT_REQUEST_BYTES : MAX_REQUEST_BYTES);

/**
 * On every response, the app page, assets, API answers and errors alike. No page
 * may frame any of it (`frame-ancestors`, and `X-Frame-Options` for older
 * engines): another local page could otherwise show the user's cases inside its
 * own and overlay or read them. COOP and CORP keep other origins from holding a
 * window handle to the app or embedding its responses.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * One decision per contract channel: a handler, or the reason the browser does
 * it itself. A mapped type, so a channel added to the contract without a
 * decision here is a type error.
 */
export type WebHandlers = HostHandlers;

/** What the URL fetcher must never reach: this server itself (its port on this computer) and its token. */
export interface ServerSelf {
  port(): number;
  token: string;
}

/** The web shell's answers: Node does PDF and fetching; files and links stay with the browser. */
export function defaultHandlers(appVersion: string, self?: ServerSelf): WebHandlers {
  return {
    'cf:app:info': async () => ({ name: 'Casefile', version: appVersion, platform: process.platform, shell: 'web', runtime: `node ${nodeVersion}` }),
    'cf:file:open': { unsupported: 'Opening files is handled by the browser in the web build.' },
    'cf:file:save': { unsupported: 'Saving files is handled by the browser in the web build.' },
    'cf:shell:openExternal': { unsupported: 'Opening links is handled by the browser in the web build.' },
    'cf:backup:write': { unsupported: 'Backups are a desktop-app feature; in the browser, use Export case to keep a copy.' },
    'cf:backup:list': { unsupported: 'Backups are a desktop-app feature; in the browser, use Export case to keep a copy.' },
    'cf:backup:read': { unsupported: 'Backups are a desktop-app feature; in the browser, use Export case to keep a copy.' },
    'cf:menu:locale': { unsupported: 'The browser build has no application menu.' },
    // The same print options as the CLI: running title and page numbers from the title.
    'cf:pdf:render': (request) =>
      renderPdf(request.html, { pageSize: request.pageSize, ...(request.title ? { title: request.title } : {}), ...pdfHeaderFooter({ title: request.title }) }),
    'cf:url:fetch': (request) =>
      rethrowAs(FETCH_FAILED, () =>
        fetchUrl(request.url, {
          allowLocalNetwork: request.allowLocalNetwork,
          ...(self ? { ownPorts: [self.port()], secrets: [self.token] } : {}),
        }),
      ),
  };
}

/**
 * Map a URL path to a file inside rootDir, or null when it would escape it:
 * `..` segments (plain or percent-encoded), backslashes, NUL bytes, and
 * anything that resolves outside the root all count as escapes.
 */
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

/** Put the token into index.html's <head> as a meta tag: no inline script, so the CSP stays strict. */
export function injectToken(indexHtml: string, token: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(indexHtml);
  if (!head) throw new Error('The renderer build’s index.html has no <head>, so the API token cannot be added.');
  const at = head.index + head[0].length;
  return `${indexHtml.slice(0, at)}\n    <meta name="casefile-token" content="${token}" />${indexHtml.slice(at)}`;
}

function send(res: ServerResponse, status: number, body: string | Uint8Array, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'Content-Type': type, ...SECURITY_HEADERS, ...extra });
  res.end(body);
}

/** API failures answer in the contract's Result shape, so the renderer can show the reason. */
function sendError(res: ServerResponse, status: number, error: IpcError, extra: Record<string, string> = {}): void {
  send(res, status, encodeWire({ ok: false, error } satisfies Result<never>), mimeTypeFor('.json'), { 'Cache-Control': 'no-store', ...extra });
}

/** The request body as text, or null once it passes `limit` (the rest is not buffered). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolveBody(null);
        return;
      }
      chunks.push(chunk);
    });
    let ended = false;
    req.on('end', () => {
      ended = true;
      if (!over) resolveBody(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
    // A client that hangs up mid-upload must not hold its place (or its chunks) forever.
    req.on('close', () => {
      if (!ended && !over) reject(new Error('The request was cut off before its body arrived.'));
    });
  });
}

function tokensMatch(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface WebServerOptions {
  /** The Vite build of the renderer (`dist/renderer`). */
  rootDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Loopback only; the option exists to make that explicit at call sites. */
  host?: '127.0.0.1';
  /** Defaults to 32 random bytes in hex, new for every launch. */
  token?: string;
  appVersion?: string;
  /** Replaced in tests; defaults to `defaultHandlers(appVersion)`. */
  handlers?: WebHandlers;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Serve the renderer build and the contract API on 127.0.0.1 until `close()`.
 * Resolves once listening; rejects with a clear message when the port is taken.
 */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  if (!/^[\w-]{16,256}$/.test(token)) throw new Error('The API token must be 16 to 256 letters, digits, “-” or “_”.');
  const rootDir = resolve(opts.rootDir);
  let port = opts.port;
  const handlers = opts.handlers ?? defaultHandlers(opts.appVersion ?? '0.0.0', { port: () => port, token });
  let indexWithToken: string | null = null;
  /** Print requests being uploaded, waiting or printing (see MAX_PRINT_REQUESTS). */
  let printRequests = 0;

  const isOwnHost = (host: string | undefined) => host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  const isOwnOrigin = (origin: string) => origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;

  async function serveIndex(res: ServerResponse): Promise<void> {
    if (indexWithToken === null) {
      let html: string;
      try {
        html = await readFile(join(rootDir, 'index.html'), 'utf8');
      } catch {
        return send(res, 500, `The renderer build is missing (no index.html in ${rootDir}). Run \`npm run build:renderer\` first.`);
      }
      indexWithToken = injectToken(html, token);
    }
    send(res, 200, indexWithToken, mimeTypeFor('.html'), { 'Cache-Control': 'no-store' });
  }

  async function invoke(channel: Channel, body: string): Promise<Result<unknown>> {
    let payload: unknown;
    try {
      payload = decodeWire(body || '{}');
    } catch {
      return { ok: false, error: { code: 'invalid-request', message: `The request for ${channel} is not valid JSON.` } };
    }
    return dispatch(channel, handlers[channel] as HostHandlers[Channel], payload, (message, detail) => console.error(message, detail));
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const match = /^\/api\/invoke\/([^/]+)$/.exec(pathname);
    if (!match) return sendError(res, 404, { code: 'not-found', message: `There is no API at ${pathname}.` });
    if (req.method !== 'POST') return sendError(res, 405, { code: 'method', message: 'The API only answers POST.' }, { Allow: 'POST' });
    const given = req.headers['x-casefile-token'];
    if (!tokensMatch(Array.isArray(given) ? given[0] : given, token)) {
      return sendError(res, 401, refused(refusal('unauthorized')).error);
    }
    let channel: string;
    try {
      channel = decodeURIComponent(match[1]!);
    } catch {
      channel = match[1]!;
    }
    if (!isChannel(channel)) return sendError(res, 404, { code: 'unknown-channel', message: `Unknown channel “${channel}”.` });
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return sendError(res, 415, { code: 'invalid-request', message: 'API requests must be sent as application/json.' });
    const cap = bodyCap(channel);
    const tooLarge = refused(refusal('too-large:request', { megabytes: Math.round(cap / (1024 * 1024)) })).error;
    if (Number(req.headers['content-length'] ?? 0) > cap) return sendError(res, 413, tooLarge, { Connection: 'close' });
    const isPrint = channel === 'cf:pdf:render';
    if (isPrint && printRequests >= MAX_PRINT_REQUESTS) {
      return sendError(res, 503, refused(refusal('busy:printing', { n: MAX_PRINT_REQUESTS })).error, { Connection: 'close', 'Retry-After': '10' });
    }
    if (isPrint) printRequests++;
    try {
      const body = await readBody(req, cap);
      if (body === null) return sendError(res, 413, tooLarge, { Connection: 'close' });
      send(res, 200, encodeWire(await invoke(channel, body)), mimeTypeFor('.json'), { 'Cache-Control': 'no-store' });
    } finally {
      if (isPrint) printRequests--;
    }
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', undefined, { Allow: 'GET, HEAD' });
    if (pathname === '/' || pathname === '/index.html') return serveIndex(res);
    const file = resolveStatic(rootDir, pathname);
    if (!file) return send(res, 404, 'Not found');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      // Client-side routes fall back to the app; a missing asset is a plain 404.
      return extname(pathname) ? send(res, 404, 'Not found') : serveIndex(res);
    }
    send(res, 200, await readFile(file), mimeTypeFor(extname(file)), { 'Cache-Control': 'no-cache' });
  }

  const server = createServer((req, res) => {
    const pathname = (req.url ?? '/').split(/[?#]/, 1)[0] || '/';
    const isApi = pathname.startsWith('/api/');
    const refuse = (message: string) => (isApi ? sendError(res, 403, { code: 'forbidden', message }) : send(res, 403, message));
    if (!isOwnHost(req.headers.host)) return refuse('Forbidden: this server only answers to 127.0.0.1 and localhost.');
    const origin = req.headers.origin;
    if (origin !== undefined && !isOwnOrigin(origin)) return refuse('Forbidden: requests from other sites are refused.');
    (isApi ? handleApi(req, res, pathname) : handleStatic(req, res, pathname)).catch((error: unknown) => {
      const message = `Internal error: ${error instanceof Error ? error.message : String(error)}`;
      if (isApi) sendError(res, 500, { code: 'internal', message });
      else send(res, 500, message);
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${opts.port} is already in use. Stop the other server or choose another port with PORT=…`, { cause: error }) : error);
    });
    server.listen(opts.port, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : opts.port;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        server.closeIdleConnections();
      }),
  };
}
