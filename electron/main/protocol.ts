/**
 * The `app://casefile/` scheme: the renderer build is served from here instead of
 * `file://`, so the UI has one stable, secure origin (IndexedDB survives updates and
 * moves of the install folder) and nothing outside the renderer folder is reachable.
 *
 * `resolveAppRequest` is pure (URL in, file path or refusal out) so the traversal
 * rules can be tested as a table; `createAppProtocolHandler` adds the file read.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './appUrl';
import { CONTENT_SECURITY_POLICY, FRAME_HEADERS } from './security';
import { mimeTypeFor } from '../../node/host/mime';



export type AppRequestResolution = { path: string; mimeType: string } | { status: 403 | 404 };

/** Percent-escapes that could smuggle a separator, a dot segment or a NUL past the URL parser. */
const ENCODED_DANGER = /%(2e|2f|5c|00)/i;

/**
 * Map an `app://casefile/...` URL to a file inside `rendererDir`.
 *
 * Why so strict: the renderer shows untrusted documents, so any path trick that
 * escapes the build folder would expose the user's disk to a crafted link. Anything
 * ambiguous (dot segments, encoded separators or dots, backslashes, drive letters,
 * NUL bytes, a foreign host) is refused with 403 instead of being "cleaned up";
 * a well-formed path that is not part of the app is a 404.
 */
export function resolveAppRequest(rendererDir: string, requestUrl: string): AppRequestResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 403 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password || url.port) {
    return { status: 403 };
  }

  // The parser already folds `..` and `\`, so inspect the raw text as well as the parsed path.
  const rawPath = rawPathOf(requestUrl);
  if (rawPath.includes('\\') || ENCODED_DANGER.test(rawPath) || hasDotSegment(rawPath)) {
    return { status: 403 };
  }

  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { status: 403 };
  }
  if (decoded.startsWith('//') || decoded.includes('\0') || decoded.includes('\\') || hasDotSegment(decoded)) {
    return { status: 403 };
  }

  const segments = decoded.split('/').filter((segment) => segment.length > 0);
  if (segments.some((segment) => segment.includes(':'))) return { status: 403 };
  if (segments.length === 0) segments.push('index.html');

  const root = path.resolve(rendererDir);
  const filePath = path.resolve(root, ...segments);
  if (!filePath.startsWith(root + path.sep)) return { status: 403 };

  const extension = path.extname(filePath).toLowerCase();
  return { path: filePath, mimeType: mimeTypeFor(extension) };
}

/** The path part of a URL exactly as written, before the parser normalises it. */
function rawPathOf(requestUrl: string): string {
  const afterScheme = requestUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/\\?#]*/i, '');
  return afterScheme.split(/[?#]/, 1)[0] ?? '';
}

function hasDotSegment(pathText: string): boolean {
  return pathText.split(/[/\\]/).some((segment) => segment === '.' || segment === '..');
}

export type ReadAppFile = (filePath: string) => Promise<Uint8Array>;

/**
 * The `protocol.handle('app', …)` callback. Reads with `fs` rather than
 * `net.fetch(file://…)` so no second scheme is involved, and attaches the CSP and
 * `nosniff` to every response, because `webRequest` hooks do not reliably see
 * custom-scheme responses.
 */
export function createAppProtocolHandler(
  rendererDir: string,
  readAppFile: ReadAppFile = readFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plainResponse(405, 'Method not allowed');
    }
    const resolved = resolveAppRequest(rendererDir, request.url);
    if ('status' in resolved) {
      return plainResponse(resolved.status, resolved.status === 403 ? 'Forbidden' : 'Not found');
    }
    let body: Uint8Array;
    try {
      body = await readAppFile(resolved.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return plainResponse(404, 'Not found');
      return plainResponse(500, 'Could not read the file');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': resolved.mimeType, 'Cache-Control': 'no-cache' },
    });
  };
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  ...FRAME_HEADERS,
  'X-Content-Type-Options': 'nosniff',
} as const;

function plainResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}
