/**
 * Casefile's main process: app lifecycle and wiring only. Every decision worth testing
 * lives in a sibling module (protocol, security, window, ipc, handlers, pdf, menu,
 * openFiles); this file connects them to the real Electron objects.
 *
 * Bundled by scripts/build-electron.mjs to dist/electron/main.cjs, next to
 * preload.cjs and one level below dist/renderer, which is how paths are resolved here.
 */
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { matchLocale, type Locale } from '../../shared/i18n/locales';
import { MENU_EVENT_CHANNEL, OPEN_FILE_EVENT_CHANNEL, type MenuCommand } from '../../shared/ipc/contract';
import { fetchUrl } from '../../node/host/fetchUrl';
import { APP_SCHEME } from './appUrl';
import { openCapFor, readFileCapped, writeFileAtomically } from './fileAccess';
import { createHandlers } from './handlers';
import { HandlerError, registerIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import { createOpenFileQueue, findCasefilePaths } from './openFiles';
import { createPrintDocuments, PDF_WINDOW_OPTIONS, PRINT_SCHEME, renderPdf, type PdfWindow } from './pdf';
import { createAppProtocolHandler } from './protocol';
import { hardenSession, isolatePdfSession } from './security';
import { createMainWindow, hardenWebContents } from './window';

// Must run before `ready`, and only once: a standard, secure scheme gets a real origin,
// so IndexedDB, fetch and relative URLs behave as on https. The print scheme serves the
// PDF window its one document from memory; it needs no fetch.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: PRINT_SCHEME, privileges: { standard: true, secure: true } },
]);

/** The export HTML being printed, held in memory and served only to the PDF session. */
const printDocuments = createPrintDocuments();

const RENDERER_DIR = path.join(__dirname, '../renderer');
const PRELOAD_PATH = path.join(__dirname, 'preload.cjs');

let mainWindow: BrowserWindow | null = null;

const openFiles = createOpenFileQueue(deliverOpenFile);

if (!app.requestSingleInstanceLock()) {
  // Another Casefile is running; it receives our argv through `second-instance`.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusMainWindow();
    openFiles.open(findCasefilePaths(argv, workingDirectory));
  });
  // macOS delivers double-clicked files here, possibly before `ready`.
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    openFiles.open([filePath]);
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternalQuietly));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && !mainWindow) showMainWindow();
  });
  openFiles.open(findCasefilePaths(process.argv.slice(1), process.cwd()));
  app.whenReady().then(onReady).catch(failToStart);
}

function onReady(): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_DIR));
  hardenSession(session.defaultSession);
  isolatePdfSession(session.fromPartition(PDF_WINDOW_OPTIONS.webPreferences.partition), printDocuments);

  registerIpc(
    ipcMain,
    createHandlers({
      appInfo: {
        name: app.getName(),
        version: app.getVersion(),
        platform: process.platform,
        runtime: `Electron ${process.versions.electron ?? '?'} (Chromium ${process.versions.chrome ?? '?'})`,
      },
      dialog,
      getParentWindow: () => mainWindow,
      defaultSaveDirectory: () => app.getPath('documents'),
      readFile: (filePath, maxBytes) => readFileCapped(filePath, maxBytes),
      writeFile: writeFileAtomically,
      openExternal: (url) => shell.openExternal(url),
      renderPdf: (request) => renderPdf({ createWindow: createPdfWindow, documents: printDocuments }, request),
      fetchUrl,
      backups: {
        dir: path.join(app.getPath('userData'), 'backups'),
        now: () => Date.now(),
        mkdir: async (dir) => void (await mkdir(dir, { recursive: true })),
        readdir: (dir) => readdir(dir),
        size: async (filePath) => (await stat(filePath)).size,
        readFile: (filePath, maxBytes) => readFileCapped(filePath, maxBytes),
        writeFile: writeFileAtomically,
        remove: (filePath) => rm(filePath, { force: true }),
      },
      setMenuLocale,
    }),
  );

  // The system's language until the UI says which one it shows (its language setting may differ).
  setMenuLocale(matchLocale(app.getPreferredSystemLanguages()));
  app.setAboutPanelOptions({ applicationName: 'Casefile', applicationVersion: app.getVersion() });
  showMainWindow();
}

function showMainWindow(): void {
  const window = createMainWindow({ preloadPath: PRELOAD_PATH });
  mainWindow = window;
  // Opened files wait for a loaded page, and wait again while it reloads.
  window.webContents.on('did-start-loading', () => openFiles.setReady(false));
  window.webContents.on('did-finish-load', () => openFiles.setReady(true));
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
    openFiles.setReady(false);
  });
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

let menuLocale: Locale | null = null;

function setMenuLocale(locale: Locale): void {
  if (locale === menuLocale) return;
  menuLocale = locale;
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(sendMenuCommand, process.platform, { isPackaged: app.isPackaged, locale })));
}

function sendMenuCommand(command: MenuCommand): void {
  mainWindow?.webContents.send(MENU_EVENT_CHANNEL, command);
}

function createPdfWindow(): PdfWindow {
  const window = new BrowserWindow(PDF_WINDOW_OPTIONS);
  return {
    loadURL: (url) => window.loadURL(url),
    webContents: { printToPDF: (options) => window.webContents.printToPDF(options) },
    isDestroyed: () => window.isDestroyed(),
    destroy: () => window.destroy(),
  };
}

/** Open a link that `hardenWebContents` already checked; a failure only needs logging. */
function openExternalQuietly(url: string): void {
  shell.openExternal(url).catch((error: unknown) => console.error('[shell] could not open link', error));
}

/** Read an OS-opened bundle and hand it to the UI; a failure is explained in a dialog. */
async function deliverOpenFile(filePath: string): Promise<void> {
  const window = mainWindow;
  if (!window) return;
  try {
    const bytes = await readFileCapped(filePath, openCapFor(filePath));
    window.webContents.send(OPEN_FILE_EVENT_CHANNEL, { name: path.basename(filePath), bytes });
  } catch (error) {
    const detail = error instanceof HandlerError ? error.message : `Casefile could not read "${path.basename(filePath)}".`;
    await dialog.showMessageBox(window, { type: 'error', message: 'This case file could not be opened.', detail });
  }
}

function failToStart(error: unknown): void {
  console.error('[main] Casefile failed to start', error);
  const reason = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Casefile could not start', reason);
  app.exit(1);
}
