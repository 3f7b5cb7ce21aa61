import { describe, expect, it, vi } from 'vitest';
import { isAppOrigin, isAppUrl } from '../../../../electron/main/appUrl';
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
      onBeforeRequest: (filter: unknown, handler: Listener) => {
        hooks.beforeRequest = handler;
        hooks.beforeRequestFilter = (() => filter) as Listener;
      },
    },
  };
  return { session, hooks: hooks as Record<string, (...args: unknown[]) => unknown> };
}

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows only the app’s own scripts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
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
  it('cancels every network request and refuses permissions', () => {
    const { session, hooks } = fakeSession();
    isolatePdfSession(session as never);
    const callback = vi.fn();
    hooks.beforeRequest?.({ url: 'https://tracker.example/pixel.png' }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: true });
    expect(hooks.beforeRequestFilter?.()).toEqual({ urls: expect.arrayContaining(['http://*/*', 'https://*/*']) });
    expect(hooks.check?.(null, 'clipboard-sanitized-write', 'app://casefile')).toBe(false);
  });
});
