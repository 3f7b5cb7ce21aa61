import { describe, expect, it, vi } from 'vitest';
import { isAppOrigin, isAppUrl } from '../../../../electron/main/appUrl';
import { createPrintDocuments } from '../../../../electron/main/pdf';
import { CONTENT_SECURITY_POLICY, hardenSession, isolatePdfSession, isPermissionAllowed } from '../../../../electron/main/security';

type Listener = (...args: never[]) => unknown;

function fakeSession() {
  const hooks: Record<string, Listener> = {};
  const session = {
    setPermissionRequestHandler: (handler: Listener) => {
      hooks.request = handler;
    },
    setPermissionCheckHandler: (handler: Listener) => {
      hooks.check = handler;
    },
    webRequest: {
      onHeadersReceived: (handler: Listener) => {
        hooks.headers = handler;
      },
      onBeforeRequest: (filterOrHandler: unknown, handler?: Listener) => {
        hooks.beforeRequest = handler ?? (filterOrHandler as Listener);
        hooks.beforeRequestFilter = (() => (handler ? filterOrHandler : undefined)) as Listener;
      },
    },
    protocol: {
      handle: (scheme: string, handler: Listener) => {
        hooks[`protocol:${scheme}`] = handler;
      },
    },
  };
  return { session, hooks: hooks as Record<string, (...args: unknown[]) => unknown> };
}

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows only the app’s own scripts, and WebAssembly but never eval', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/(^|; )script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("base-uri 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("form-action 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});

describe('app origin checks', () => {
  it.each([
    ['app://casefile/index.html', true, true],
    ['app://casefile', true, false],
    ['APP://CASEFILE/index.html', false, false], // Chromium lowercases standard-scheme hosts before we see them
    ['app://casefile.evil/index.html', false, false],
    ['app://casefile@evil/index.html', false, false],
    ['app://evil/?app://casefile/', false, false],
    ['https://casefile/', false, false],
    ['', false, false],
  ])('%s → origin %s, url %s', (url, origin, appUrl) => {
    expect(isAppOrigin(url)).toBe(origin);
    expect(isAppUrl(url)).toBe(appUrl);
  });
});

describe('permissions', () => {
  it.each([
    ['clipboard-sanitized-write', 'app://casefile', true],
    ['clipboard-sanitized-write', 'app://casefile/index.html', true],
    ['clipboard-sanitized-write', 'https://evil.example', false],
    ['clipboard-read', 'app://casefile', false],
    ['media', 'app://casefile', false],
    ['notifications', 'app://casefile', false],
    ['geolocation', 'app://casefile', false],
    ['openExternal', 'app://casefile', false],
  ])('%s from %s → %s', (permission, origin, expected) => {
    expect(isPermissionAllowed(permission, origin)).toBe(expected);
  });

  it('installs both handlers and they refuse by default', () => {
    const { session, hooks } = fakeSession();
    hardenSession(session as never);
    const callback = vi.fn();
    hooks.request?.({ getURL: () => 'app://casefile/index.html' }, 'media', callback, { requestingUrl: 'app://casefile/index.html' });
    expect(callback).toHaveBeenCalledWith(false);
    expect(hooks.check?.(null, 'geolocation', 'app://casefile', {})).toBe(false);
    expect(hooks.check?.(null, 'clipboard-sanitized-write', 'app://casefile', {})).toBe(true);
  });
});

describe('hardenSession CSP header', () => {
  it('replaces any CSP the response carried with the app’s own', () => {
    const { session, hooks } = fakeSession();
    hardenSession(session as never);
    const callback = vi.fn();
    hooks.headers?.(
      { responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"], 'x-frame-options': ['ALLOWALL'], 'X-Other': ['1'] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], 'X-Frame-Options': ['DENY'] },
    });
  });
});

describe('isolatePdfSession', () => {
  function isolated() {
    const { session, hooks } = fakeSession();
    const documents = createPrintDocuments(() => 'brief-1');
    const { url } = documents.add('<p>Brief</p>');
    isolatePdfSession(session as never, documents);
    const decide = (details: { url: string; resourceType: string }) => {
      const callback = vi.fn();
      hooks.beforeRequest?.(details, callback);
      return (callback.mock.calls[0]?.[0] as { cancel: boolean }).cancel ? 'cancelled' : 'allowed';
    };
    return { hooks, url, decide };
  }

  it('filters every request (no URL filter), refuses permissions', () => {
    const { hooks } = isolated();
    expect(hooks.beforeRequestFilter?.()).toBeUndefined();
    expect(hooks.check?.(null, 'clipboard-sanitized-write', 'app://casefile')).toBe(false);
  });

  it.each([
    ['the document being printed', 'LIVE', 'mainFrame', 'allowed'],
    ['a data: image', 'data:image/png;base64,iVBORw0KGgo=', 'image', 'allowed'],
    ['a data: font', 'data:font/woff2;base64,d09GMg==', 'font', 'allowed'],
    ['a local file in an iframe', 'file:///home/ada/.ssh/id_rsa', 'subFrame', 'cancelled'],
    ['a local file as the page', 'file:///etc/passwd', 'mainFrame', 'cancelled'],
    ['a local file as an image', 'file:///home/ada/photo.png', 'image', 'cancelled'],
    ['an object', 'file:///home/ada/notes.pdf', 'object', 'cancelled'],
    ['an embed of the network', 'https://tracker.example/pixel.png', 'image', 'cancelled'],
    ['a web socket', 'wss://tracker.example/', 'webSocket', 'cancelled'],
    ['a data: frame', 'data:text/html,<p>x</p>', 'subFrame', 'cancelled'],
    ['another print document', 'casefile-print://document/brief-2', 'mainFrame', 'cancelled'],
    ['the document as a frame of itself', 'LIVE', 'subFrame', 'cancelled'],
    ['the app', 'app://casefile/index.html', 'mainFrame', 'cancelled'],
  ])('%s → %s', (_what, target, resourceType, expected) => {
    const { url, decide } = isolated();
    expect(decide({ url: target === 'LIVE' ? url : target, resourceType })).toBe(expected);
  });

  it('serves the document itself and refuses file: in the session’s own protocol handlers', async () => {
    const { hooks, url } = isolated();
    const served = (await hooks['protocol:casefile-print']?.(new Request(url))) as Response;
    expect(await served.text()).toBe('<p>Brief</p>');
    const file = (await hooks['protocol:file']?.(new Request('file:///etc/passwd'))) as Response;
    expect(file.status).toBe(403);
  });
});
