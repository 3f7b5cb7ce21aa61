/**
 * MIME types for the renderer's files, shared by the app:// protocol (Electron)
 * and the local web server. Both serve with `nosniff`, so an unexpected kind
 * falls back to bytes and is never executed.
 */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

const FALLBACK_MIME_TYPE = 'application/octet-stream';

/** The MIME type for a file extension (with its dot, any case). */
export function mimeTypeFor(extension: string): string {
  return MIME_TYPES[extension.toLowerCase()] ?? FALLBACK_MIME_TYPE;
}
