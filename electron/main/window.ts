/**
 * The main window and the rules every web contents lives by: no navigation away from the
 * app, no new windows, no `<webview>`, and links leave only to the system browser after a
 * check with the URL parser.
 */
import { BrowserWindow, type WebContents, type WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './appUrl';
import { toSafeExternalUrl } from './externalUrl';

export { isSafeExternalUrl, toSafeExternalUrl } from './externalUrl';

/**
 * The renderer runs isolated and sandboxed with no Node, and talks to main only through
 * the preload's `window.casefile`. Spelled out (rather than trusting Electron's defaults)
 * so a future default change or a copied template cannot silently weaken it.
 */
export function mainWindowWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}

export type OpenExternal = (url: string) => void;

/**
 * Apply the navigation rules to a web contents. Installed once per contents from the app's
 * `web-contents-created` event, so the main window, the hidden PDF window and anything
 * created later all get them. Links meant for the browser leave through `target="_blank"`
 * (the window-open handler below) or `cf:shell:openExternal`.
 */
export function hardenWebContents(contents: WebContents, openExternal: OpenExternal): void {
  // The app is one page: any navigation is refused outright, never redirected to the
  // browser, because it may come from a document (a meta refresh) rather than the user.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const safe = toSafeExternalUrl(url);
    if (safe) openExternal(safe);
    return { action: 'deny' };
  });
}

export interface MainWindowOptions {
  /** Absolute path of the bundled `preload.cjs`. */
  preloadPath: string;
}

/**
 * Create the single app window and load the UI from `app://casefile/`.
 * The window stays hidden until its first paint, so the user never sees a blank frame.
 * Navigation rules are not applied here but by `hardenWebContents` from the app's
 * `web-contents-created` hook, so no web contents, this one included, can be missed.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Casefile',
    width: 1280,
    height: 820,
    minWidth: 760,
    minHeight: 520,
    show: false,
    backgroundColor: '#f6f4ef',
    webPreferences: mainWindowWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error('[window] the Casefile UI failed to load', error);
  });
  return window;
}
