/**
 * Backups: every case of a profile in one file, as the same `.casefile`
 * bundles "Export case" writes, so a restore goes through the same checks as
 * an import.
 *
 * A backup is a zip whose entries are stored, not deflated again (bundles are
 * already compressed):
 *   backup.json               what the backup is, when it was made, and its cases
 *   cases/<caseId>.casefile   one bundle per case
 *
 * File names carry the time (`casefile-backup-20261129T021500Z.cfbackup`), so
 * sorting names sorts backups by age, and the host can list and prune them
 * without opening any.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { BundleFailure, bundleRef, mb, type BundleError } from './errors';
import { BUNDLE_EXTENSION, type BundleData } from './format';
import { DEFAULT_LIMITS } from './limits';
import { readBundle } from './read';
import { crc32, listZipEntries } from './zip';

export const BACKUP_FORMAT = 'casefile-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_EXTENSION = '.cfbackup';
export const BACKUP_INDEX = 'backup.json';
const CASE_FOLDER = 'cases/';
/** How many backups the host keeps; older ones are deleted after each new one. */
export const BACKUPS_KEPT = 7;
/** The largest backup a host writes or reads. */
export const MAX_BACKUP_BYTES = DEFAULT_LIMITS.maxTotalBytes;

/** `casefile-backup-20261129T021500Z.cfbackup`, optionally with `-2` etc. when two land in one second. */
export const BACKUP_NAME = /^casefile-backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(?:-(\d{1,3}))?\.cfbackup$/;

/** Why a backup was taken; recorded in its index. */
export type BackupReason = 'daily' | 'upgrade' | 'manual';

export interface BackupIndex {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  appVersion: string;
  createdAt: string;
  reason: BackupReason;
  cases: { id: string; name: string; path: string }[];
}

/** The file name for a backup taken at `now` (ms). */
export function backupFileName(now: number): string {
  const iso = new Date(now).toISOString(); // 2026-11-29T02:15:00.000Z
  return `casefile-backup-${iso.slice(0, 19).replace(/[-:]/g, '')}Z${BACKUP_EXTENSION}`;
}

/** When a backup was taken, from its file name; undefined for any name that is not a backup's. */
export function backupTime(name: string): number | undefined {
  const m = BACKUP_NAME.exec(name);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const time = Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
  return Number.isNaN(time) ? undefined : time;
}

/** Pack already-written case bundles into one backup file. */
export function writeBackup(
  bundles: readonly { caseId: string; name: string; bytes: Uint8Array }[],
  opts: { appVersion: string; now: number; reason: BackupReason },
): Uint8Array {
  const index: BackupIndex = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    appVersion: opts.appVersion,
    createdAt: new Date(opts.now).toISOString(),
    reason: opts.reason,
    cases: bundles.map((b) => ({ id: b.caseId, name: b.name, path: `${CASE_FOLDER}${b.caseId}${BUNDLE_EXTENSION}` })),
  };
  const files: Zippable = { [BACKUP_INDEX]: [new TextEncoder().encode(JSON.stringify(index, null, 2)), { level: 6 }] };
  bundles.forEach((b, i) => {
    files[index.cases[i]!.path] = [b.bytes, { level: 0 }];
  });
  return zipSync(files, { mtime: new Date(Math.max(opts.now, Date.UTC(1980, 0, 2))) });
}

/** How many cases a backup holds, from the zip's table of contents alone (nothing is unpacked). */
export function countBackupCases(bytes: Uint8Array): number {
  return listZipEntries(bytes).entries.filter((e) => e.name.startsWith(CASE_FOLDER) && e.name.endsWith(BUNDLE_EXTENSION)).length;
}

export type BackupReadResult = { ok: true; index: BackupIndex; cases: BundleData[] } | { ok: false; error: BundleError };

/**
 * Open a backup and check every case in it exactly as an imported bundle is
 * checked. Like `readBundle`, returns all cases or an error naming the
 * problem, never some of them.
 */
export async function readBackup(bytes: Uint8Array): Promise<BackupReadResult> {
  try {
    return { ok: true, ...(await readBackupChecked(bytes)) };
  } catch (error) {
    if (error instanceof BundleFailure) return { ok: false, error: new BundleFailure(error.code, bundleRef('backup.refused', { reason: error.detail ?? error.message })).toError() };
    throw error;
  }
}

async function readBackupChecked(bytes: Uint8Array): Promise<{ index: BackupIndex; cases: BundleData[] }> {
  const { entries } = listZipEntries(bytes);
  let total = 0;
  for (const entry of entries) {
    if (entry.method !== 0 && entry.name !== BACKUP_INDEX) throw new BundleFailure('corrupt', bundleRef('backup.compressed', { name: entry.name }));
    if (entry.size > entry.compressedSize * DEFAULT_LIMITS.maxRatio && entry.size > DEFAULT_LIMITS.ratioFloorBytes) {
      throw new BundleFailure('zip-bomb', bundleRef('backup.bomb', { name: entry.name, size: mb(entry.size) }));
    }
    total += entry.size;
  }
  if (total > MAX_BACKUP_BYTES) throw new BundleFailure('too-large', bundleRef('backup.tooLarge', { size: mb(total), limit: mb(MAX_BACKUP_BYTES) }));
  const byName = new Map(entries.map((e) => [e.name, e]));
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw new BundleFailure('corrupt', bundleRef('backup.damaged', { reason: error instanceof Error ? error.message : 'unreadable' }));
  }
  for (const [name, data] of Object.entries(files)) {
    if (crc32(data) !== byName.get(name)?.crc32) throw new BundleFailure('corrupt', bundleRef('backup.checksum', { name }));
  }
  const index = parseIndex(files[BACKUP_INDEX]);
  const listed = new Set(index.cases.map((c) => c.path));
  for (const name of Object.keys(files)) {
    if (name !== BACKUP_INDEX && !listed.has(name)) throw new BundleFailure('corrupt', bundleRef('backup.unlisted', { name }));
  }
  const cases: BundleData[] = [];
  for (const item of index.cases) {
    const bundle = files[item.path];
    if (!bundle) throw new BundleFailure('missing-entry', bundleRef('backup.caseMissing', { name: item.name }));
    const result = await readBundle(bundle);
    if (!result.ok) throw new BundleFailure(result.error.code, bundleRef('backup.caseDamaged', { name: item.name, reason: result.error.detail ?? result.error.message }));
    if (result.data.case.id !== item.id) throw new BundleFailure('corrupt', bundleRef('backup.otherCase', { path: item.path, id: item.id, held: result.data.case.id }));
    cases.push(result.data);
  }
  return { index, cases };
}

function parseIndex(bytes: Uint8Array | undefined): BackupIndex {
  if (!bytes) throw new BundleFailure('missing-entry', bundleRef('backup.noIndex', { index: BACKUP_INDEX }));
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new BundleFailure('corrupt', bundleRef('backup.indexNotJson', { index: BACKUP_INDEX }));
  }
  const index = raw as Partial<BackupIndex> | null;
  if (index?.format !== BACKUP_FORMAT) throw new BundleFailure('invalid-record', bundleRef('backup.notBackup'));
  if (typeof index.formatVersion === 'number' && index.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BundleFailure('future-version', bundleRef('backup.newer', { version: index.formatVersion }));
  }
  const validCases =
    Array.isArray(index.cases) &&
    index.cases.every(
      (c: unknown) =>
        typeof c === 'object' && c !== null && typeof (c as { id?: unknown }).id === 'string' && typeof (c as { name?: unknown }).name === 'string' && typeof (c as { path?: unknown }).path === 'string',
    );
  if (index.formatVersion !== BACKUP_FORMAT_VERSION || typeof index.createdAt !== 'string' || !validCases) {
    throw new BundleFailure('invalid-record', bundleRef('backup.indexIncomplete', { index: BACKUP_INDEX }));
  }
  return index as BackupIndex;
}
