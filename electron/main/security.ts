/**
 * Session-wide hardening: the Content-Security-Policy and the permission policy.
 * Kept apart from the lifecycle so the exact policy is visible in one place and testable
 * against a fake `Session`.
 */
import type { Session } from 'electron';
import { isAppOrigin } from './appUrl';
import { PRINT_SCHEME, type PrintDocuments } from './pdf';

/**
 * No `unsafe-eval` and no inline scripts: the renderer's scripts are the external files of
 * the Vite build. `wasm-unsafe-eval` lets WebAssembly compile (text recognition and pdf.js's
 * image decoders ship as wasm from the app's own origin); it does not allow `eval` or
 * `new Function`. Inline styles stay allowed because Lexical and React set `style` attributes.
 * Matches the `<meta>` policy in renderer/index.html; sent as a header too, because a header
 * also covers responses that carry no markup (workers, JSON).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-src 'none'",
  "form-action 'none'",
  "worker-src 'self' blob:",
  // Only as a header: a <meta> policy cannot say who may frame the page.
  "frame-ancestors 'none'",
].join('; ');

/** Sent with every app response, next to the CSP: no page may show the app in a frame. */
export const FRAME_HEADERS = { 'X-Frame-Options': 'DENY' } as const;

/**
 * The only permission granted, and only to the app's own origin: writing plain text to the
 * clipboard (`navigator.clipboard.writeText`, used by "copy citation"). Everything else —
 * camera, notifications, geolocation, HID … — is refused, because a case-file notebook
 * needs none of it and the reader shows untrusted documents.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Decide a permission from its name and the asking origin; exported for the test table. */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  // The check handler is given a bare origin ("app://casefile"), the request handler a full URL.
  return ALLOWED_PERMISSIONS.has(permission) && isAppOrigin(requestingUrl);
}

type HardenableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>;

/**
 * Install the permission handlers and the CSP response header on a session.
 * Both permission hooks are needed: Chromium asks the check handler for some APIs and the
 * request handler for others, and an unset handler means "grant".
 */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl ?? webContents.getURL()));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (!['content-security-policy', 'x-frame-options'].includes(name.toLowerCase())) responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    responseHeaders['X-Frame-Options'] = [FRAME_HEADERS['X-Frame-Options']];
    callback({ responseHeaders });
  });
}

/** The request filter and protocol surface of the PDF session; a fake in tests. */
export type PdfSession = Pick<Session, 'webRequest' | 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  readonly protocol: Pick<Session['protocol'], 'handle'>;
};

/** Resource types that may come as `data:` URLs inside the print document (never a frame or an object). */
const DATA_RESOURCE_TYPES: ReadonlySet<string> = new Set(['image', 'font', 'stylesheet']);

/**
 * The PDF renderer's private session loads one thing: the document being printed,
 * from memory over `casefile-print:` (see pdf.ts). Every other request is cancelled —
 * the network, `file:` (an `<iframe src="file:///…">` would print a local file into
 * the PDF), other print documents, frames and objects of any scheme — and `file:` is
 * also answered with a refusal by the session's own protocol handler, in case a
 * request reaches it without passing the filter. Data images and fonts stay allowed.
 */
export function isolatePdfSession(session: PdfSession, documents: Pick<PrintDocuments, 'isLive' | 'handle'>): void {
  session.protocol.handle(PRINT_SCHEME, (request) => documents.handle(request));
  session.protocol.handle('file', () => new Response('Refused', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } }));
  session.webRequest.onBeforeRequest((details, callback) => {
    const isDocument = details.resourceType === 'mainFrame' && documents.isLive(details.url);
    const isInlineData = details.url.startsWith('data:') && DATA_RESOURCE_TYPES.has(details.resourceType);
    callback({ cancel: !(isDocument || isInlineData) });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
