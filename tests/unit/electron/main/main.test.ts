import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, OPEN_FILE_EVENT_CHANNEL } from '../../../../shared/ipc/contract';

/** A recording fake of the parts of Electron that the main process touches. */
const fake = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');

  class FakeWebContents extends Emitter {
    readonly sent: Array<[string, unknown]> = [];
    openHandler: ((details: { url: string }) => unknown) | null = null;
    send(channel: string, value: unknown): void {
      this.sent.push([channel, value]);
    }
    setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
      this.openHandler = handler;
    }
  }

  const state = {
    lock: true,
    windows: [] as FakeBrowserWindow[],
    appEvents: new Emitter(),
    readyResolve: (() => undefined) as () => void,
    calls: [] as string[],
  };

  class FakeBrowserWindow extends Emitter {
    readonly webContents = new FakeWebContents();
    readonly loaded: string[] = [];
    focused = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      state.windows.push(this);
      state.appEvents.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return Promise.resolve();
    }
    isMinimized = (): boolean => false;
    restore = (): void => undefined;
    show = (): void => undefined;
    focus = (): void => {
      this.focused = true;
    };
    isDestroyed = (): boolean => false;
    destroy = (): void => undefined;
  }

  const fakeSession = () => ({
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn(), onBeforeRequest: vi.fn() },
    protocol: { handle: vi.fn() },
  });

  const electron = {
    app: {
      requestSingleInstanceLock: vi.fn(() => state.lock),
      quit: vi.fn(),
      exit: vi.fn(),
      on: vi.fn((event: string, listener: (...args: unknown[]) => void) => {
        state.appEvents.on(event, listener);
      }),
      whenReady: vi.fn(
        () =>
          new Promise<void>((resolve) => {
            state.readyResolve = () => {
              state.calls.push('ready');
              resolve();
            };
          }),
      ),
      isReady: () => true,
      isPackaged: false,
      getName: () => 'Casefile',
      getVersion: () => '0.1.0',
      getPath: () => '/home/ada/Documents',
      setAboutPanelOptions: vi.fn(),
      getPreferredSystemLanguages: () => ['es-MX', 'en-US'],
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => state.calls.push('registerSchemesAsPrivileged')),
      handle: vi.fn(() => state.calls.push('protocol.handle')),
    },
    session: { defaultSession: fakeSession(), fromPartition: vi.fn(() => fakeSession()) },
    ipcMain: { handle: vi.fn() },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    BrowserWindow: FakeBrowserWindow,
    dialog: { showMessageBox: vi.fn(async () => ({ response: 0 })), showErrorBox: vi.fn(), showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    shell: { openExternal: vi.fn(async () => undefined) },
  };
  return { state, electron, fakeSession };
});

vi.mock('electron', () => fake.electron);
vi.mock('../../../../node/host/fetchUrl', () => ({ fetchUrl: vi.fn() }));

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function startMain({ lock = true } = {}) {
  vi.resetModules();
  vi.clearAllMocks();
  fake.state.lock = lock;
  fake.state.windows.length = 0;
  fake.state.calls.length = 0;
  fake.state.appEvents.removeAllListeners();
  fake.electron.session.defaultSession = fake.fakeSession();
  await import('../../../../electron/main/index');
}

async function becomeReady() {
  fake.state.readyResolve();
  await flush();
  const window = fake.state.windows[0];
  if (!window) throw new Error('no main window was created');
  return window;
}

describe('main process lifecycle', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'casefile-main-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  it('registers the privileged app:// and print schemes at load, in the one call Electron allows, before the app is ready', async () => {
    await startMain();
    expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      { scheme: 'casefile-print', privileges: { standard: true, secure: true } },
    ]);
    expect(fake.state.calls).toEqual(['registerSchemesAsPrivileged']);
    expect(fake.electron.protocol.handle).not.toHaveBeenCalled();
  });

  it('quits at once when another instance holds the lock', async () => {
    await startMain({ lock: false });
    expect(fake.electron.app.quit).toHaveBeenCalledOnce();
    expect(fake.electron.app.whenReady).not.toHaveBeenCalled();
  });

  it('on ready serves app://, hardens the session, binds every channel and opens the window', async () => {
    await startMain();
    const window = await becomeReady();

    expect(fake.state.calls).toEqual(['registerSchemesAsPrivileged', 'ready', 'protocol.handle']);
    expect(fake.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const session = fake.electron.session.defaultSession;
    expect(session.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(session.setPermissionCheckHandler).toHaveBeenCalledOnce();
    expect(session.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    // The PDF window's session serves its one document and refuses file:.
    const pdfSession = fake.electron.session.fromPartition.mock.results[0]?.value as ReturnType<typeof fake.fakeSession>;
    expect(fake.electron.session.fromPartition).toHaveBeenCalledWith('casefile-pdf');
    expect(pdfSession.protocol.handle.mock.calls.map(([scheme]) => scheme).sort()).toEqual(['casefile-print', 'file']);
    expect(pdfSession.webRequest.onBeforeRequest).toHaveBeenCalledWith(expect.any(Function));

    const channels = fake.electron.ipcMain.handle.mock.calls.map(([channel]) => channel);
    expect([...channels].sort()).toEqual([...CHANNELS].sort());

    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String((window.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(window.loaded).toEqual(['app://casefile/index.html']);
    expect(window.webContents.openHandler?.({ url: 'https://example.org' })).toEqual({ action: 'deny' });
    expect(fake.electron.Menu.setApplicationMenu).toHaveBeenCalledOnce();
  });

  it('builds the menu in the system language, then in the language the UI reports', async () => {
    await startMain();
    await becomeReady();
    const topLabels = () => (fake.electron.Menu.buildFromTemplate.mock.calls.at(-1)?.[0] as { label: string }[]).map((m) => m.label);
    expect(topLabels()).toEqual(['&Archivo', '&Edición', '&Ver', '&Ayuda']);
    const handler = fake.electron.ipcMain.handle.mock.calls.find(([channel]) => channel === 'cf:menu:locale')?.[1] as (event: unknown, payload: unknown) => Promise<unknown>;
    const trusted = { senderFrame: { url: 'app://casefile/index.html' } };
    await expect(handler(trusted, { locale: 'en' })).resolves.toEqual({ ok: true, value: null });
    expect(topLabels()).toEqual(['&File', '&Edit', '&View', '&Help']);
    await expect(handler(trusted, { locale: 'fr' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    // The same language again does not rebuild the menu.
    await handler(trusted, { locale: 'en' });
    expect(fake.electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(2);
  });

  it('forwards a .casefile from a second launch once the page has loaded', async () => {
    await startMain();
    const window = await becomeReady();
    const bundle = path.join(dir, 'fraud.casefile');
    await writeFile(bundle, new Uint8Array([80, 75, 3, 4]));

    fake.state.appEvents.emit('second-instance', {}, ['/opt/Casefile/casefile', '--flag', 'fraud.casefile'], dir);
    expect(window.focused).toBe(true);
    await flush();
    expect(window.webContents.sent).toEqual([]);

    window.webContents.emit('did-finish-load');
    await vi.waitFor(() => expect(window.webContents.sent).toHaveLength(1));
    expect(window.webContents.sent[0]).toEqual([OPEN_FILE_EVENT_CHANNEL, { name: 'fraud.casefile', bytes: new Uint8Array([80, 75, 3, 4]) }]);
  });

  it('takes macOS open-file before ready and explains an unreadable file in a dialog', async () => {
    await startMain();
    const event = { preventDefault: vi.fn() };
    fake.state.appEvents.emit('open-file', event, path.join(dir, 'missing.casefile'));
    expect(event.preventDefault).toHaveBeenCalledOnce();

    const window = await becomeReady();
    window.webContents.emit('did-finish-load');
    await vi.waitFor(() => expect(fake.electron.dialog.showMessageBox).toHaveBeenCalledOnce());
    expect(fake.electron.dialog.showMessageBox).toHaveBeenCalledWith(window, {
      type: 'error',
      message: 'This case file could not be opened.',
      detail: 'Casefile could not read "missing.casefile": it no longer exists.',
    });
    expect(window.webContents.sent).toEqual([]);
  });
});
