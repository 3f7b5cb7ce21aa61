/**
 * Backups of every case, in the desktop app: once a day while Casefile runs,
 * and before every database upgrade (the old data, read as it is stored).
 * The host keeps the newest seven in `<userData>/backups`; "Restore from
 * backup…" in the case list brings one back through the checked import path.
 * The browser build has no backups folder (`platform().backups` is null).
 */
import { writeBackup, type BackupReason } from '../../../shared/bundle/backup';
import type { BundleData } from '../../../shared/bundle/format';
import { writeBundle } from '../../../shared/bundle/write';
import type {
  CaseRecord,
  ClaimRecord,
  EntityMergeRecord,
  EntityTagRecord,
  FigureRecord,
  NoteRecord,
  PassageRecord,
  SourceBlobRecord,
  SourceRecord,
  TagRecord,
  TimelineEntryRecord,
  Tracked,
} from '../../../shared/domain/types';
import type { BackupInfo } from '../../../shared/ipc/contract';
import { setBeforeUpgrade, type StoredTables } from '../../db';
import { readAllCases } from '../../db/repositories';
import type { BackupHost } from '../../platform';
import { platform } from '../../platform';
import { appVersion } from './appVersion';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface BackupOptions {
  now?: number;
  /** The app version for the manifests; asked of the host when left out. */
  version?: string;
}

/** Pack cases into one backup file and hand it to the host. `null` when there is nothing to back up. */
export async function backUpCases(host: BackupHost, cases: readonly BundleData[], reason: BackupReason, opts: BackupOptions = {}): Promise<BackupInfo | null> {
  if (cases.length === 0) return null;
  const now = opts.now ?? Date.now();
  const version = opts.version ?? (await appVersion());
  const bundles = [];
  for (const data of cases) {
    bundles.push({ caseId: data.case.id, name: data.case.name, bytes: await writeBundle(data, { appVersion: version, includeOriginals: true, now }) });
  }
  return host.write(writeBackup(bundles, { appVersion: version, now, reason }), reason);
}

/** A backup of every case in the open database. */
export async function backUpNow(host: BackupHost, reason: BackupReason, opts: BackupOptions = {}): Promise<BackupInfo | null> {
  return backUpCases(host, await readAllCases(), reason, opts);
}

/** Take the daily backup if the newest one is a day old or there is none. Returns the new backup, if one was taken. */
export async function ensureDailyBackup(host: BackupHost, opts: BackupOptions = {}): Promise<BackupInfo | null> {
  const now = opts.now ?? Date.now();
  const [newest] = await host.list();
  if (newest && now - newest.createdAt < DAY_MS && newest.createdAt <= now) return null;
  return backUpNow(host, 'daily', { ...opts, now });
}

/**
 * Group raw stored records into cases, as the bundle writer takes them. From
 * database version 2 on, stored records carry Trash fields a bundle does not
 * (its schemas refuse unknown fields): like every export, the backup holds
 * live cases and records without them, and view records of what is in the
 * Trash are left out by the writer.
 */
export function casesFromStoredTables(tables: StoredTables): BundleData[] {
  const list = <T extends object>(name: string): T[] => ((tables[name] ?? []) as (T & Tracked)[]).filter((r) => !r.deletedAt).map((r) => withoutTrashFields<T>(r));
  const byCase = <T extends { caseId: string }>(records: T[], id: string) => records.filter((r) => r.caseId === id);
  const sources = list<SourceRecord>('sources');
  const blobs = new Map(((tables.sourceBlobs ?? []) as SourceBlobRecord[]).map((b) => [b.sourceId, b]));
  return list<CaseRecord>('cases').map((record) => {
    const own = byCase(sources, record.id);
    return {
      case: record,
      sources: own,
      blobs: own.map((s) => blobs.get(s.id)).filter((b): b is SourceBlobRecord => b !== undefined),
      passages: byCase(list<PassageRecord>('passages'), record.id),
      claims: byCase(list<ClaimRecord>('claims'), record.id),
      tags: byCase(list<TagRecord>('tags'), record.id),
      notes: byCase(list<NoteRecord>('notes'), record.id),
      // Absent from databases before version 3: then the case has none.
      timelineEntries: byCase(list<TimelineEntryRecord>('timelineEntries'), record.id),
      entityMerges: byCase(list<EntityMergeRecord>('entityMerges'), record.id),
      entityTags: byCase(list<EntityTagRecord>('entityTags'), record.id),
      figures: byCase(list<FigureRecord>('figures'), record.id),
    };
  });
}

function withoutTrashFields<T extends object>(record: T & Tracked): T {
  const { deletedAt: _da, deletedBy: _db, deletion: _dl, unlinked: _ul, ...rest } = record;
  return rest as T;
}

/** In the desktop app, back up the stored data before every database upgrade. */
export function installUpgradeBackup(host: BackupHost | null = platform().backups): void {
  if (!host) return;
  setBeforeUpgrade(async ({ read }) => {
    await backUpCases(host, casesFromStoredTables(await read()), 'upgrade');
  });
}
