import type { Page } from '@playwright/test';

/** What the fake desktop bridge saw, read back with {@link bridgeLog}. */
export interface BridgeLog {
  /** Every `invoke` as `channel` plus the request's title, suggested name or locale. */
  invokes: { channel: string; title?: string; suggestedName?: string; locale?: string }[];
  backupWrites: string[];
}

/**
 * The desktop bridge, faked in the page before the app loads: the renderer
 * then runs its Electron adapter, and the backups folder lives in memory
 * (the real folder handlers are unit-tested in tests/unit/electron/main/backups.test.ts).
 * `window.__menu(command)` plays a click on the desktop menu, as main would
 * send it; file dialogs answer "cancelled", and every call is logged.
 */
export function installFakeDesktopBridge(opened?: { name: string; base64: string }) {
  const store = new Map<string, Uint8Array>();
  const menuListeners: ((command: string) => void)[] = [];
  const openListeners: ((file: { name: string; bytes: Uint8Array }) => void)[] = [];
  (window as unknown as { __menu: (command: string) => void }).__menu = (command) => menuListeners.forEach((l) => l(command));
  const writes: string[] = [];
  const invokes: BridgeLog['invokes'] = [];
  const countCases = (bytes: Uint8Array) => {
    // Each case's name appears twice in a zip: its local header and the central directory.
    const text = new TextDecoder('latin1').decode(bytes);
    return (text.match(/cases\/[0-9a-f-]+\.casefile/g) ?? []).length / 2;
  };
  const info = (name: string) => {
    const bytes = store.get(name) as Uint8Array;
    const m = /(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(name) as RegExpExecArray;
    return { name, createdAt: Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!), size: bytes.length, cases: countCases(bytes) };
  };
  let clock = Date.UTC(2026, 10, 27, 9, 0, 0);
  (window as unknown as { __backupWrites: string[] }).__backupWrites = writes;
  (window as unknown as { __bridge: BridgeLog }).__bridge = { invokes, backupWrites: writes };
  (window as unknown as { casefile: unknown }).casefile = {
    async invoke(channel: string, request: { bytes?: Uint8Array; name?: string; reason?: string; title?: string; suggestedName?: string; locale?: string }) {
      invokes.push({ channel, ...(request.title ? { title: request.title } : {}), ...(request.suggestedName ? { suggestedName: request.suggestedName } : {}), ...(request.locale ? { locale: request.locale } : {}) });
      switch (channel) {
        case 'cf:app:info':
          return { ok: true, value: { name: 'Casefile', version: '0.0.0-test', platform: 'linux', shell: 'electron', runtime: 'test' } };
        case 'cf:backup:write': {
          const name = `casefile-backup-${new Date(clock).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z.cfbackup`;
          clock += 60 * 60 * 1000;
          store.set(name, request.bytes as Uint8Array);
          writes.push(`${request.reason}:${name}`);
          return { ok: true, value: info(name) };
        }
        case 'cf:backup:list':
          return { ok: true, value: [...store.keys()].sort().reverse().map(info) };
        case 'cf:backup:read':
          return store.has(request.name as string) ? { ok: true, value: store.get(request.name as string) } : { ok: false, error: { code: 'not-found', message: 'gone' } };
        // The user cancels every native file dialog; the call itself is what the tests look at.
        case 'cf:file:open':
        case 'cf:file:save':
        case 'cf:menu:locale':
          return { ok: true, value: null };
        default:
          return { ok: false, error: { code: 'unsupported', message: `${channel} is not part of this test` } };
      }
    },
    onMenu: (listener: (command: string) => void) => {
      menuListeners.push(listener);
      return () => undefined;
    },
    onOpenFile: (listener: (file: { name: string; bytes: Uint8Array }) => void) => {
      openListeners.push(listener);
      return () => undefined;
    },
  };
  // Like main (did-finish-load), deliver an OS-opened bundle once the page has loaded, to whoever listens by then;
  // the app is still opening its database at that point, and a listener that subscribes later never hears of it.
  window.addEventListener('load', () => {
    if (opened) for (const l of openListeners) l({ name: opened.name, bytes: Uint8Array.from(atob(opened.base64), (c) => c.charCodeAt(0)) });
  });
}

/** Send a desktop menu command, as Electron main does when a menu item is clicked. */
export async function clickDesktopMenu(page: Page, command: string): Promise<void> {
  await page.evaluate((c) => (window as unknown as { __menu: (command: string) => void }).__menu(c), command);
}

export function bridgeLog(page: Page): Promise<BridgeLog> {
  return page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { __bridge: BridgeLog }).__bridge)) as BridgeLog);
}
