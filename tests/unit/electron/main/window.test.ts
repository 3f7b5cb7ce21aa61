import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const created: Array<{ options: Record<string, unknown>; loaded: string[] }> = [];
  class FakeBrowserWindow {
    readonly loaded: string[] = [];
    readonly webContents = {};
    constructor(readonly options: Record<string, unknown>) {
      created.push(this);
    }
    once(): this {
      return this;
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }
  return { created, FakeBrowserWindow };
});

vi.mock('electron', () => ({ BrowserWindow: electron.FakeBrowserWindow }));

const { createMainWindow, hardenWebContents, isSafeExternalUrl, toSafeExternalUrl } = await import(
  '../../../../electron/main/window'
);

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://example.org/report?id=1', true],
    ['http://example.org', true],
    ['HTTPS://EXAMPLE.ORG/', true],
    ['mailto:editor@example.org', true],
    ['mailto:', false],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['app://casefile/index.html', false],
    ['vbscript:msgbox', false],
    ['smb://server/share', false],
    ['ms-settings:privacy', false],
    ['https://bank.example@evil.example/', false],
    ['https://user:pass@example.org/', false],
    ['http:///no-host', true /* the parser normalises it to http://no-host/ */],
    ['//example.org/protocol-relative', false],
    ['example.org', false],
    ['', false],
    [`https://example.org/${'a'.repeat(9000)}`, false],
  ])('%s → %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });

  it('returns the parsed form, so what is launched is what was checked', () => {
    expect(toSafeExternalUrl('  https://example.org/a b  ')).toBe('https://example.org/a%20b');
  });

  it.each([
    ['mailto:desk@example.org?attach=/home/user/.ssh/id_rsa', 'mailto:desk@example.org'],
    ['mailto:desk@example.org?ATTACHMENT=%2Fetc%2Fpasswd&subject=Hi', 'mailto:desk@example.org?subject=Hi'],
    ['mailto:desk@example.org?subject=Harbour%20seizure&body=See%20p.%202&cc=ed@example.org&bcc=archive@example.org&x-attach=a', 'mailto:desk@example.org?subject=Harbour%20seizure&body=See%20p.%202&cc=ed%40example.org&bcc=archive%40example.org'],
    ['mailto:desk@example.org?Subject=A%26B&to=other@example.org&in-reply-to=%3Cid%3E', 'mailto:desk@example.org?subject=A%26B'],
    ['mailto:desk@example.org?cc=not%20an%20address%3Fattach%3Dx', 'mailto:desk@example.org'],
    ['mailto:a@example.org,b@example.org?body=1+1', 'mailto:a@example.org,b@example.org?body=1%2B1'],
  ])('mailto keeps only subject, body, cc and bcc: %s', (url, expected) => {
    expect(toSafeExternalUrl(url)).toBe(expected);
  });

  it.each([
    'mailto:desk@example.org%3Fattach=/etc/passwd',
    'mailto:?to=desk@example.org',
    'mailto:not-an-address',
    'mailto:desk@example.org?subject=%E0%A4%A',
  ])('refuses a mailto link with no clean recipient or a broken query: %s', (url) => {
    expect(toSafeExternalUrl(url)).toBeNull();
  });
});

describe('createMainWindow', () => {
  beforeEach(() => {
    electron.created.length = 0;
  });

  it('creates a hidden, hardened window that loads the app origin', () => {
    createMainWindow({ preloadPath: '/app/dist/electron/preload.cjs' });
    expect(electron.created).toHaveLength(1);
    const [window] = electron.created;
    expect(window?.options.show).toBe(false);
    expect(window?.options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(window?.loaded).toEqual(['app://casefile/index.html']);
  });
});

describe('hardenWebContents', () => {
  function fakeContents() {
    const emitter = new EventEmitter();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = Object.assign(emitter, {
      setWindowOpenHandler: (handler: typeof openHandler) => {
        openHandler = handler;
      },
    });
    return { contents, open: (url: string) => openHandler?.({ url }) };
  }

  it('denies every navigation without opening anything', () => {
    const { contents } = fakeContents();
    const opened: string[] = [];
    hardenWebContents(contents as never, (url) => opened.push(url));

    for (const url of ['https://example.org/', 'file:///etc/passwd', 'app://casefile/other.html']) {
      const event = { url, preventDefault: vi.fn() };
      contents.emit('will-navigate', event);
      expect(event.preventDefault).toHaveBeenCalledOnce();
    }
    expect(opened).toEqual([]);
  });

  it('denies new windows and webviews', () => {
    const { contents, open } = fakeContents();
    const opened: string[] = [];
    hardenWebContents(contents as never, (url) => opened.push(url));

    expect(open('https://example.org/source')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.org/source']);

    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalledOnce();
  });
});
