/**
 * `.casefile` bundles in and out of the profile.
 *
 * Export reads a case in one read transaction and hands it to the shared
 * writer. Import is two steps the UI runs in order: `readCaseBundle` checks
 * the whole file (nothing is written yet), then `writeImportedCases` stores
 * one or more checked cases in ONE read-write transaction. That transaction
 * re-checks that no record ID is taken, so a bundle can never overwrite what
 * the profile holds: a case that is already here is imported as a copy with
 * new IDs (`remapIds`) or not at all, and the user decides which.
 */
import { BUNDLE_EXTENSION, type BundleData } from '../../../shared/bundle/format';
import { readBundle, type ReadResult } from '../../../shared/bundle/read';
import { remapIds } from '../../../shared/bundle/remap';
import { writeBundle } from '../../../shared/bundle/write';
import type { CaseRecord } from '../../../shared/domain/types';
import { safeFileStem } from '../../../shared/domain/fileName';
import { getDb } from '../db';
import { addCaseData, readCaseSnapshot } from './cases';
import { RepoError } from './errors';

/** Whether a file name is a case bundle (by extension, as the OS file association does). */
export function isBundleFile(name: string): boolean {
  return name.toLowerCase().endsWith(BUNDLE_EXTENSION);
}

/** A file name for a case's bundle: the case name without characters file systems refuse. */
export function bundleFileName(caseName: string): string {
  return `${safeFileStem(caseName, 'Case')}${BUNDLE_EXTENSION}`;
}

export interface ExportBundleOptions {
  includeOriginals: boolean;
  appVersion: string;
  now?: number;
}

/** Build the bundle bytes for one case. Throws a `RepoError` when the case is gone, a `BundleFailure` when it cannot be written. */
export async function exportCaseBundle(caseId: string, opts: ExportBundleOptions): Promise<{ fileName: string; bytes: Uint8Array; data: BundleData }> {
  const data = await readCaseSnapshot(caseId);
  if (!data) throw new RepoError('That case no longer exists, so there is nothing to export.');
  const bytes = await writeBundle(data, { appVersion: opts.appVersion, includeOriginals: opts.includeOriginals, now: opts.now ?? Date.now() });
  return { fileName: bundleFileName(data.case.name), bytes, data };
}

/** Check a bundle completely. Writes nothing; the result says what is wrong, in words for the user. */
export function readCaseBundle(bytes: Uint8Array): Promise<ReadResult> {
  return readBundle(bytes);
}

/** Every record ID a case's data defines (blobs share their source's ID). */
function recordIds(data: BundleData): { table: 'cases' | 'sources' | 'passages' | 'claims' | 'tags' | 'notes'; ids: string[] }[] {
  return [
    { table: 'cases', ids: [data.case.id] },
    { table: 'sources', ids: data.sources.map((r) => r.id) },
    { table: 'passages', ids: data.passages.map((r) => r.id) },
    { table: 'claims', ids: data.claims.map((r) => r.id) },
    { table: 'tags', ids: data.tags.map((r) => r.id) },
    { table: 'notes', ids: data.notes.map((r) => r.id) },
  ];
}

/**
 * Whether importing `data` as it is would collide with the profile: the case
 * itself is here (`'case'`, the usual reason: it was imported or exported
 * from this profile before), or some of its records' IDs are taken (`'records'`).
 * `null` when it can be imported as it is.
 */
export async function bundleConflict(data: BundleData): Promise<'case' | 'records' | null> {
  const db = getDb();
  return db.transaction('r', [db.cases, db.sources, db.passages, db.claims, db.tags, db.notes], async () => {
    if (await db.cases.get(data.case.id)) return 'case';
    for (const { table, ids } of recordIds(data)) {
      if (ids.length === 0) continue;
      const found = await db.table(table).bulkGet(ids);
      if (found.some((record) => record !== undefined)) return 'records';
    }
    return null;
  });
}

/** A case name with the copy suffix, kept within the 200 characters a name may have. */
function fitName(record: CaseRecord): CaseRecord {
  return record.name.length <= 200 ? record : { ...record, name: record.name.slice(0, 200) };
}

/** The same case with new IDs everywhere, ready to sit next to the original. */
export function asCopy(data: BundleData): BundleData {
  const copy = remapIds(data);
  return { ...copy, case: fitName(copy.case) };
}

/**
 * Store checked cases (from `readCaseBundle`, possibly through `asCopy`) in
 * one transaction: all of them or none. Any record ID that is already taken
 * aborts the whole write with a `RepoError` before anything is added, so
 * nothing in the profile is ever replaced.
 */
export async function writeImportedCases(cases: readonly BundleData[]): Promise<CaseRecord[]> {
  const db = getDb();
  const seen = new Set<string>();
  for (const data of cases) {
    for (const { ids } of recordIds(data)) {
      for (const id of ids) {
        if (seen.has(id)) throw new RepoError('These cases share record IDs, so they cannot be imported together. Nothing was imported.');
        seen.add(id);
      }
    }
  }
  return db.transaction('rw', [db.cases, db.sources, db.sourceBlobs, db.passages, db.claims, db.tags, db.notes], async () => {
    for (const data of cases) {
      for (const { table, ids } of recordIds(data)) {
        if (ids.length === 0) continue;
        const found = await db.table(table).bulkGet(ids);
        if (found.some((record) => record !== undefined)) {
          throw new RepoError(`“${data.case.name}” (or some of its records) is already in Casefile, and an import never replaces what is there. Nothing was imported.`);
        }
      }
      if (data.blobs.length > 0 && (await db.sourceBlobs.bulkGet(data.blobs.map((b) => b.sourceId))).some((b) => b !== undefined)) {
        throw new RepoError(`The original files of “${data.case.name}” are already in Casefile. Nothing was imported.`);
      }
    }
    for (const data of cases) await addCaseData(data);
    return cases.map((data) => data.case);
  });
}

/** Read every case in the profile (for backups), each in its own read transaction. */
export async function readAllCases(): Promise<BundleData[]> {
  const ids = (await getDb().cases.toCollection().primaryKeys()) as string[];
  const all: BundleData[] = [];
  for (const id of ids) {
    const data = await readCaseSnapshot(id);
    if (data) all.push(data);
  }
  return all;
}
