/**
 * The one typed contract between the renderer and whatever hosts it:
 * the Electron main process (over IPC) or the local web server (over loopback HTTP).
 * Every channel is prefixed `cf:`; requests and responses are validated with zod
 * on the host side; results travel as `{ ok: true, value } | { ok: false, error }`.
 */
import { z } from 'zod';
import { MAX_PRINT_HTML_CHARS } from '../export/printLimits';
import { LOCALES } from '../i18n/locales';
import type { MenuCommand } from './menu';

export { isMenuCommand, MENU_COMMANDS, type MenuCommand } from './menu';

export const CHANNEL_PREFIX = 'cf:';

/** Raw bytes; Uint8Array crosses Electron IPC by structured clone and HTTP via shared/ipc/wire. */
const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'Expected bytes (Uint8Array)' });

export const fileFilter = z.object({
  name: z.string().min(1).max(100),
  extensions: z.array(z.string().regex(/^[a-z0-9]+$/i).max(10)).min(1).max(20),
});

/** A backup file name as the host writes them (`casefile-backup-20261129T021500Z.cfbackup`): never a path. */
const backupName = z
  .string()
  .max(80)
  .regex(/^casefile-backup-\d{8}T\d{6}Z(?:-\d{1,3})?\.cfbackup$/, { message: 'Not the name of a Casefile backup' });

/** What the backups list shows for each backup. */
const backupInfo = z.object({
  name: backupName,
  /** When it was taken (ms since 1970), from its file name. */
  createdAt: z.number(),
  /** File size in bytes. */
  size: z.number().int().nonnegative(),
  /** Number of cases in it, read from the zip's table of contents. */
  cases: z.number().int().nonnegative(),
});
export type BackupInfo = z.output<typeof backupInfo>;

export const contract = {
  'cf:app:info': {
    request: z.object({}).strict(),
    response: z.object({
      name: z.string(),
      version: z.string(),
      platform: z.string(),
      shell: z.enum(['electron', 'web']),
      runtime: z.string(),
    }),
  },
  /** Native open dialog; the host reads the chosen file. `null` when cancelled. */
  'cf:file:open': {
    request: z
      .object({
        title: z.string().max(200).optional(),
        filters: z.array(fileFilter).max(10).default([]),
      })
      .strict(),
    response: z.union([z.object({ name: z.string(), bytes }), z.null()]),
  },
  /** Native save dialog; the host writes the bytes. Returns the chosen file name, `null` when cancelled. */
  'cf:file:save': {
    request: z
      .object({
        suggestedName: z.string().min(1).max(255),
        filters: z.array(fileFilter).max(10).default([]),
        bytes,
      })
      .strict(),
    response: z.union([z.object({ name: z.string() }), z.null()]),
  },
  /** Render print-styled HTML (no scripts) to PDF with the host's Chromium. */
  'cf:pdf:render': {
    request: z
      .object({
        html: z.string().min(1).max(MAX_PRINT_HTML_CHARS),
        pageSize: z.enum(['A4', 'Letter']).default('A4'),
        title: z.string().max(500).default(''),
      })
      .strict(),
    response: bytes,
  },
  /**
   * Fetch a web page for import: http(s) only, with a timeout and a size cap, and only
   * from public addresses unless `allowLocalNetwork` (the "Allow local network
   * addresses" setting) says loopback and private addresses may be fetched too.
   */
  'cf:url:fetch': {
    request: z.object({ url: z.string().min(1).max(8192), allowLocalNetwork: z.boolean().default(false) }).strict(),
    response: z.object({
      bytes,
      finalUrl: z.string(),
      contentType: z.string(),
      /** The `charset` parameter of the server's Content-Type, when it sent one. */
      charset: z.string().max(64).optional(),
      fetchedAt: z.number(),
    }),
  },
  /** Open an http(s) or mailto link in the system browser. */
  'cf:shell:openExternal': {
    request: z.object({ url: z.string().min(1).max(8192) }).strict(),
    response: z.null(),
  },
  /** Store a backup (every case, see shared/bundle/backup.ts) in the backups folder and keep only the newest 7. Desktop only. */
  'cf:backup:write': {
    request: z.object({ bytes, reason: z.enum(['daily', 'upgrade', 'manual']) }).strict(),
    response: backupInfo,
  },
  /** The backups in the backups folder, newest first. Desktop only. */
  'cf:backup:list': {
    request: z.object({}).strict(),
    response: z.array(backupInfo).max(100),
  },
  /** The language the UI shows, so the desktop menu speaks it too (Electron rebuilds its menu). */
  'cf:menu:locale': {
    request: z.object({ locale: z.enum(LOCALES) }).strict(),
    response: z.null(),
  },
  /** One backup's bytes, by the file name `cf:backup:list` gave; nothing outside the backups folder can be named. Desktop only. */
  'cf:backup:read': {
    request: z.object({ name: backupName }).strict(),
    response: bytes,
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

export type Request<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequest<C extends Channel> = z.output<Contract[C]['request']>;
export type Response<C extends Channel> = z.output<Contract[C]['response']>;

export interface IpcError {
  /** Stable machine-readable code, e.g. 'invalid-request', 'not-found', 'too-large'. */
  code: string;
  /** A sentence a person can act on, in English: what the renderer shows when it does not know the code. */
  message: string;
  /** The variables of the code's message, for a renderer that shows it in the UI's language (see shared/ipc/fetchFailure.ts). */
  values?: { [name: string]: string | number };
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && name.startsWith(CHANNEL_PREFIX) && Object.hasOwn(contract, name);
}

/** Validate a request payload; returns a Result so callers never throw across the bridge. */
export function parseRequest<C extends Channel>(channel: C, payload: unknown): Result<ParsedRequest<C>> {
  const parsed = contract[channel].request.safeParse(payload ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? ` (${first.path.join('.')})` : '';
    return { ok: false, error: { code: 'invalid-request', message: `Invalid request for ${channel}${where}: ${first?.message ?? 'unknown problem'}` } };
  }
  return { ok: true, value: parsed.data as ParsedRequest<C> };
}

/** Menu commands (shared/ipc/menu.ts) travel from the host to the renderer on this channel. */
export const MENU_EVENT_CHANNEL = 'cf:event:menu';
export const OPEN_FILE_EVENT_CHANNEL = 'cf:event:open-file';

/** The object the preload exposes as `window.casefile`: domain verbs, never ipcRenderer. */
export interface CasefileBridge {
  invoke<C extends Channel>(channel: C, request: Request<C>): Promise<Result<Response<C>>>;
  onMenu(listener: (command: MenuCommand) => void): () => void;
  /** A `.casefile` file opened from the OS (double-click, argv, open-file). */
  onOpenFile(listener: (file: { name: string; bytes: Uint8Array }) => void): () => void;
}
