import type { Locale } from '../../shared/i18n/locales';
import type { BackupInfo, Channel, MenuCommand, Request, Response, Result } from '../../shared/ipc/contract';

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

/** The backups folder of the desktop app (see electron/main/backups.ts). */
export interface BackupHost {
  write(bytes: Uint8Array, reason: 'daily' | 'upgrade' | 'manual'): Promise<BackupInfo>;
  /** Newest first. */
  list(): Promise<BackupInfo[]>;
  read(name: string): Promise<Uint8Array>;
}

/**
 * Everything the renderer needs from its host. The Electron bridge and the
 * browser adapter both implement it; no other renderer code knows which one runs.
 */
export interface Platform {
  readonly shell: 'electron' | 'web';
  /** Ask the user for one or more files. Resolves to [] when cancelled. */
  openFiles(opts: { title?: string; filters: FileFilter[]; multiple?: boolean }): Promise<PickedFile[]>;
  /** Save bytes: a save dialog in the desktop app, a download in the browser. `null` when cancelled. */
  saveFile(opts: { suggestedName: string; bytes: Uint8Array; mediaType: string; filters: FileFilter[] }): Promise<{ name: string } | null>;
  /** Verbs that need the host (PDF rendering, URL fetch, app info). */
  invoke<C extends Channel>(channel: C, request: Request<C>): Promise<Result<Response<C>>>;
  openExternal(url: string): void;
  onMenu(listener: (command: MenuCommand) => void): () => void;
  /** Tell the host which language the UI shows, so the desktop menu follows it (nothing to do in the browser). */
  setMenuLocale(locale: Locale): void;
  onOpenFile(listener: (file: PickedFile) => void): () => void;
  /**
   * Fetch a web page for import in the host (main process or local server). Rejects with the host's message.
   * Loopback and private addresses are refused unless `allowLocalNetwork` (the "Allow local network addresses" setting).
   */
  fetchUrl(url: string, opts?: { allowLocalNetwork?: boolean }): Promise<FetchedUrl>;
  /** Backups of every case: the desktop app keeps them; `null` where the host cannot (the browser). */
  readonly backups: BackupHost | null;
}

/** A page the host fetched: http(s) only, with its timeout and size cap already applied. */
export type FetchedUrl = Response<'cf:url:fetch'>;
