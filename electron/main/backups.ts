/**
 * The backups folder (`<userData>/backups`): write a backup the renderer
 * packed, list what is there, read one back for a restore, and keep only the
 * newest `BACKUPS_KEPT`.
 *
 * The renderer only ever names a backup by the file name this module gave
 * it; names are checked against the backup pattern and resolved inside the
 * folder, so no request can reach any other file.
 */
import path from 'node:path';
import type { ParsedRequest, Response } from '../../shared/ipc/contract';
import { BACKUP_NAME, BACKUPS_KEPT, MAX_BACKUP_BYTES, backupFileName, backupTime, countBackupCases } from '../../shared/bundle/backup';
import { BundleFailure } from '../../shared/bundle/errors';
import { refusal } from '../../shared/ipc/hostRefusals';

export interface BackupDeps {
  /** The backups folder, absolute. */
  dir: string;
  now(): number;
  mkdir(dir: string): Promise<void>;
  /** File names in a folder. */
  readdir(dir: string): Promise<string[]>;
  size(filePath: string): Promise<number>;
  readFile(filePath: string, maxBytes: number): Promise<Uint8Array>;
  /** All-or-nothing write. */
  writeFile(filePath: string, bytes: Uint8Array): Promise<void>;
  remove(filePath: string): Promise<void>;
}

/** The absolute path of a backup, or a `HandlerError` for any name that is not one of ours inside the folder. */
export function backupPath(dir: string, name: string): string {
  if (!BACKUP_NAME.test(name)) throw refusal('not-a-backup', { name: name.slice(0, 80) });
  const folder = path.resolve(dir);
  const resolved = path.resolve(folder, name);
  if (path.dirname(resolved) !== folder) throw refusal('not-a-backup:folder', { name: name.slice(0, 80) });
  return resolved;
}

/** Backup names in the folder, oldest first (names sort by time). Anything else in the folder is ignored. */
async function backupNames(deps: Pick<BackupDeps, 'dir' | 'readdir'>): Promise<string[]> {
  let names: string[];
  try {
    names = await deps.readdir(deps.dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return [];
    throw error;
  }
  return names.filter((name) => BACKUP_NAME.test(name) && backupTime(name) !== undefined).sort(compareNames);
}

/** Oldest first; two backups of the same second sort by their `-N` suffix. */
function compareNames(a: string, b: string): number {
  const ta = backupTime(a) as number;
  const tb = backupTime(b) as number;
  if (ta !== tb) return ta - tb;
  const suffix = (name: string) => Number(BACKUP_NAME.exec(name)?.[7] ?? 0);
  return suffix(a) - suffix(b);
}

async function describe(deps: BackupDeps, name: string): Promise<Response<'cf:backup:list'>[number]> {
  const filePath = backupPath(deps.dir, name);
  const size = await deps.size(filePath);
  let cases = 0;
  try {
    cases = size <= MAX_BACKUP_BYTES ? countBackupCases(await deps.readFile(filePath, MAX_BACKUP_BYTES)) : 0;
  } catch (error) {
    // A damaged backup is still listed (with 0 cases); restoring it explains what is wrong.
    if (!(error instanceof BundleFailure)) throw error;
  }
  return { name, createdAt: backupTime(name) as number, size, cases };
}

/** `cf:backup:write`: store a new backup, then delete all but the newest `BACKUPS_KEPT`. */
export async function writeBackupFile(deps: BackupDeps, request: ParsedRequest<'cf:backup:write'>): Promise<Response<'cf:backup:write'>> {
  if (request.bytes.length > MAX_BACKUP_BYTES) throw refusal('too-large:backup', { bytes: request.bytes.length, limit: MAX_BACKUP_BYTES });
  await deps.mkdir(deps.dir);
  const existing = new Set(await backupNames(deps));
  const base = backupFileName(deps.now());
  let name = base;
  for (let n = 2; existing.has(name); n++) {
    if (n > 999) throw refusal('busy:backup');
    name = base.replace(/\.cfbackup$/, `-${n}.cfbackup`);
  }
  await deps.writeFile(backupPath(deps.dir, name), request.bytes);
  await pruneBackups(deps);
  return { name, createdAt: backupTime(name) as number, size: request.bytes.length, cases: countBackupCases(request.bytes) };
}

/** Delete every backup but the newest `keep`. Returns the names deleted. */
export async function pruneBackups(deps: Pick<BackupDeps, 'dir' | 'readdir' | 'remove'>, keep = BACKUPS_KEPT): Promise<string[]> {
  const names = await backupNames(deps);
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const name of old) await deps.remove(backupPath(deps.dir, name));
  return old;
}

/** `cf:backup:list`: the backups, newest first. */
export async function listBackupFiles(deps: BackupDeps): Promise<Response<'cf:backup:list'>> {
  const names = (await backupNames(deps)).reverse();
  return Promise.all(names.map((name) => describe(deps, name)));
}

/** `cf:backup:read`: one backup's bytes, by name. */
export async function readBackupFile(deps: BackupDeps, request: ParsedRequest<'cf:backup:read'>): Promise<Response<'cf:backup:read'>> {
  const filePath = backupPath(deps.dir, request.name);
  if (!(await backupNames(deps)).includes(request.name)) throw refusal('not-found:backup', { name: request.name });
  return deps.readFile(filePath, MAX_BACKUP_BYTES);
}
