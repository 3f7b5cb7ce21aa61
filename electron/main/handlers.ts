/**
 * The implementations behind the IPC contract. Each is a plain function of
 * `(deps, request)`, so it runs in unit tests with fake dialogs, files and windows;
 * `createHandlers` binds them into the `Handlers` table that `registerIpc` requires.
 */
import path from 'node:path';
import type { BaseWindow, OpenDialogOptions, OpenDialogReturnValue, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { Locale } from '../../shared/i18n/locales';
import type { ParsedRequest, Response } from '../../shared/ipc/contract';
import { openCapFor, toSafeFileName } from './fileAccess';
import { FETCH_FAILED, rethrowAs } from '../../shared/ipc/dispatch';
import { refusal } from '../../shared/ipc/hostRefusals';
import type { Handlers } from './ipc';
import { toSafeExternalUrl } from './externalUrl';
import { listBackupFiles, readBackupFile, writeBackupFile, type BackupDeps } from './backups';

/** The signature of `node/host/fetchUrl.ts`, injected so main never fetches by itself. */
export type FetchUrl = (
  url: string,
  opts?: { allowLocalNetwork?: boolean },
) => Promise<{ bytes: Uint8Array; finalUrl: string; contentType: string; fetchedAt: number }>;

/** The window-parented dialog overloads; native dialogs are always attached to the app window. */
export interface DialogApi {
  showOpenDialog(window: BaseWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showSaveDialog(window: BaseWindow, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
}

export interface HandlerDeps {
  appInfo: { name: string; version: string; platform: string; runtime: string };
  dialog: DialogApi;
  /** The window dialogs attach to; `null` only while no window exists. */
  getParentWindow(): BaseWindow | null;
  /** Folder the save dialog starts in, e.g. the user's Documents. */
  defaultSaveDirectory(): string;
  /** Size-capped read (see `readFileCapped`); `maxBytes` defaults to `MAX_OPEN_BYTES`. */
  readFile(filePath: string, maxBytes?: number): Promise<Uint8Array>;
  /** All-or-nothing write (see `writeFileAtomically`). */
  writeFile(filePath: string, bytes: Uint8Array): Promise<void>;
  openExternal(url: string): Promise<void>;
  renderPdf(request: ParsedRequest<'cf:pdf:render'>): Promise<Uint8Array>;
  fetchUrl: FetchUrl;
  /** The backups folder and the file operations on it (see backups.ts). */
  backups: BackupDeps;
  /** Rebuild the application menu in the UI's language. */
  setMenuLocale(locale: Locale): void;
}

/** `cf:app:info`: lets the renderer say which shell and runtime it runs in (About, bug reports). */
export async function getAppInfo(deps: Pick<HandlerDeps, 'appInfo'>): Promise<Response<'cf:app:info'>> {
  return { ...deps.appInfo, shell: 'electron' };
}

function parentWindow(deps: Pick<HandlerDeps, 'getParentWindow'>): BaseWindow {
  const window = deps.getParentWindow();
  if (!window) throw refusal('no-window');
  return window;
}

/**
 * `cf:file:open`: ask for one file and return its name and bytes, or `null` when the
 * user cancels. The path never leaves the main process.
 */
export async function openFile(
  deps: Pick<HandlerDeps, 'dialog' | 'getParentWindow' | 'readFile'>,
  request: ParsedRequest<'cf:file:open'>,
): Promise<Response<'cf:file:open'>> {
  const result = await deps.dialog.showOpenDialog(parentWindow(deps), {
    ...(request.title ? { title: request.title } : {}),
    filters: request.filters,
    properties: ['openFile'],
  });
  const chosen = result.filePaths[0];
  if (result.canceled || !chosen) return null;
  const bytes = await deps.readFile(chosen, openCapFor(chosen));
  return { name: path.basename(chosen), bytes };
}

/**
 * `cf:file:save`: ask where to save and write the bytes there, returning the chosen file
 * name, or `null` when the user cancels. The suggested name only pre-fills the dialog.
 */
export async function saveFile(
  deps: Pick<HandlerDeps, 'dialog' | 'getParentWindow' | 'writeFile' | 'defaultSaveDirectory'>,
  request: ParsedRequest<'cf:file:save'>,
): Promise<Response<'cf:file:save'>> {
  const result = await deps.dialog.showSaveDialog(parentWindow(deps), {
    defaultPath: path.join(deps.defaultSaveDirectory(), toSafeFileName(request.suggestedName)),
    filters: request.filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (result.canceled || !result.filePath) return null;
  await deps.writeFile(result.filePath, request.bytes);
  return { name: path.basename(result.filePath) };
}

/** `cf:shell:openExternal`: hand a checked http(s)/mailto link to the operating system. */
export async function openExternalLink(
  deps: Pick<HandlerDeps, 'openExternal'>,
  request: ParsedRequest<'cf:shell:openExternal'>,
): Promise<Response<'cf:shell:openExternal'>> {
  const safe = toSafeExternalUrl(request.url);
  if (!safe) {
    const shown = request.url.length > 80 ? `${request.url.slice(0, 77)}...` : request.url;
    throw refusal('unsafe-url', { url: shown });
  }
  await deps.openExternal(safe);
  return null;
}

/**
 * `cf:url:fetch`: delegate to the shared host fetcher, which refuses loopback and private
 * addresses unless the "Allow local network addresses" setting came with the request;
 * its failures are `FetchFailure`s, which reach the renderer with their reason as the
 * code and their variables, for it to say in the UI's language.
 */
export function fetchPage(deps: Pick<HandlerDeps, 'fetchUrl'>, request: ParsedRequest<'cf:url:fetch'>): Promise<Response<'cf:url:fetch'>> {
  return rethrowAs(FETCH_FAILED, () => deps.fetchUrl(request.url, { allowLocalNetwork: request.allowLocalNetwork }));
}

/** Bind every handler to its dependencies. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'cf:app:info': () => getAppInfo(deps),
    'cf:file:open': (request) => openFile(deps, request),
    'cf:file:save': (request) => saveFile(deps, request),
    'cf:pdf:render': (request) => deps.renderPdf(request),
    'cf:url:fetch': (request) => fetchPage(deps, request),
    'cf:shell:openExternal': (request) => openExternalLink(deps, request),
    'cf:backup:write': (request) => writeBackupFile(deps.backups, request),
    'cf:backup:list': () => listBackupFiles(deps.backups),
    'cf:backup:read': (request) => readBackupFile(deps.backups, request),
    'cf:menu:locale': async (request) => {
      deps.setMenuLocale(request.locale);
      return null;
    },
  };
}
