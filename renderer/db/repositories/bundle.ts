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
import { figureSize } from '../../../shared/bundle/validate';
import { writeBundle } from '../../../shared/bundle/write';
import type { CaseRecord } from '../../../shared/domain/types';
import { safeFileStem } from '../../../shared/domain/fileName';
import { getDb } from '../db';
import { isLive } from '../live';
import { runWithOrigin } from '../origin';
import { caseDataTables, readCaseSnapshot } from './cases';
import { RepoError, repoRef } from './errors';
import { purgeCase } from './trash';

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
  if (!data) throw new RepoError(repoRef('caseGoneExport'));
  const bytes = await writeBundle(data, { appVersion: opts.appVersion, includeOriginals: opts.includeOriginals, now: opts.now ?? Date.now() });
  return { fileName: bundleFileName(data.case.name), bytes, data };
}

/** Check a bundle completely. Writes nothing; the result says what is wrong, in words for the user. */
export function readCaseBundle(bytes: Uint8Array): Promise<ReadResult> {
  return readBundle(bytes);
}

type RecordTable = 'cases' | 'sources' | 'passages' | 'claims' | 'tags' | 'notes' | 'timelineEntries' | 'entityMerges' | 'entityTags' | 'figures';

/** Every record ID a case's data defines (blobs share their source's ID). */
function recordIds(data: BundleData): { table: RecordTable; ids: string[] }[] {
  return [
    { table: 'cases', ids: [data.case.id] },
    { table: 'sources', ids: data.sources.map((r) => r.id) },
    { table: 'passages', ids: data.passages.map((r) => r.id) },
    { table: 'claims', ids: data.claims.map((r) => r.id) },
    { table: 'tags', ids: data.tags.map((r) => r.id) },
    { table: 'notes', ids: data.notes.map((r) => r.id) },
    { table: 'timelineEntries', ids: data.timelineEntries.map((r) => r.id) },
    { table: 'entityMerges', ids: data.entityMerges.map((r) => r.id) },
    { table: 'entityTags', ids: data.entityTags.map((r) => r.id) },
    { table: 'figures', ids: data.figures.map((r) => r.id) },
  ];
}

/**
 * Whether importing `data` as it is would collide with the profile: the case
 * itself is here (`'case'`, the usual reason: it was imported or exported
 * from this profile before), or some of its records' IDs are taken by other
 * cases (`'records'`). `'trash'`: the case is in the Trash, and importing it
 * replaces that copy (the person deleted it, and now brings back the file's
 * version). `null` when it can be imported as it is.
 */
export async function bundleConflict(data: BundleData): Promise<'case' | 'records' | 'trash' | null> {
  const db = getDb();
  return db.transaction('r', caseDataTables(db), () => conflictOf(data));
}

/** The check behind {@link bundleConflict}, inside a transaction over every case table. */
async function conflictOf(data: BundleData): Promise<'case' | 'records' | 'trash' | null> {
  const db = getDb();
  const existing = await db.cases.get(data.case.id);
  if (existing && isLive(existing)) return 'case';
  // Records of the same case in the Trash go with it; any other holder of an ID is a real collision.
  const trashed = existing?.id;
  for (const { table, ids } of recordIds(data)) {
    if (table === 'cases' || ids.length === 0) continue;
    const found = (await db.table(table).bulkGet(ids)) as ({ caseId: string } | undefined)[];
    if (found.some((record) => record !== undefined && record.caseId !== trashed)) return 'records';
  }
  const blobIds = data.blobs.map((b) => b.sourceId);
  if (blobIds.length > 0) {
    const [blobs, owners] = await Promise.all([db.sourceBlobs.bulkGet(blobIds), db.sources.bulkGet(blobIds)]);
    if (blobs.some((blob, i) => blob !== undefined && owners[i]?.caseId !== trashed)) return 'records';
  }
  return existing ? 'trash' : null;
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

/** Thrown inside the import transaction when the person cancels, so the transaction aborts and nothing stays. */
export class ImportCancelled extends Error {
  constructor() {
    super('Import cancelled. Nothing was changed.');
    this.name = 'ImportCancelled';
  }
}

export interface ImportProgress {
  /** Records written so far, and in all (a source counts once, its original file once). */
  done: number;
  total: number;
}

export interface WriteImportOptions {
  /** Told after each chunk is written (inside the transaction: it must not await anything). */
  onProgress?(progress: ImportProgress): void;
  /** Checked before each chunk; once it is aborted, the transaction is aborted and nothing is stored. */
  signal?: AbortSignal;
}

/** Records per bulk write: small enough that one chunk is a short task, large enough that IndexedDB is fed in bulk. */
export const IMPORT_CHUNK_RECORDS = 1000;
/** Source snapshots are heavy: a chunk of sources holds at most this many characters of text. */
export const IMPORT_CHUNK_CHARS = 4 * 1024 * 1024;

/** A record's weight for `chunked`: the characters of its text and HTML, when it carries them (a source). */
export function textChars(record: object): number {
  const { text, html } = record as { text?: unknown; html?: unknown };
  return (typeof text === 'string' ? text.length : 0) + (typeof html === 'string' ? html.length : 0);
}

/** Split records into chunks of at most `IMPORT_CHUNK_RECORDS`, and at most `maxChars` by `weight`. */
export function chunked<T>(records: readonly T[], weight: (record: T) => number = () => 0, maxChars = IMPORT_CHUNK_CHARS): T[][] {
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let chars = 0;
  for (const record of records) {
    const w = weight(record);
    if (chunk.length > 0 && (chunk.length >= IMPORT_CHUNK_RECORDS || chars + w > maxChars)) {
      chunks.push(chunk);
      chunk = [];
      chars = 0;
    }
    chunk.push(record);
    chars += w;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** How many records an import of these cases writes. */
export function importSize(cases: readonly BundleData[]): number {
  return cases.reduce(
    (n, d) =>
      n +
      1 +
      d.sources.length +
      d.blobs.length +
      d.passages.length +
      d.claims.length +
      d.tags.length +
      d.notes.length +
      d.timelineEntries.length +
      d.entityMerges.length +
      d.entityTags.length +
      d.figures.length,
    0,
  );
}

/**
 * Store checked cases (from `readCaseBundle`, possibly through `asCopy`):
 * all of them or none. A case that is in the Trash is replaced by the
 * imported one (see {@link bundleConflict}). Everything is written in ONE transaction, fed in
 * chunks (each chunk's promise starts the next, so the transaction stays
 * open, and progress is reported between them). Any record ID that is
 * already taken aborts the whole write with a `RepoError` before anything is
 * added; cancelling (`signal`) aborts it with `ImportCancelled`; either way
 * IndexedDB rolls the transaction back and nothing in the profile changes.
 * The change log records the writes with origin 'import'.
 */
export async function writeImportedCases(cases: readonly BundleData[], opts: WriteImportOptions = {}): Promise<CaseRecord[]> {
  const db = getDb();
  const seen = new Set<string>();
  for (const data of cases) {
    for (const { ids } of recordIds(data)) {
      for (const id of ids) {
        if (seen.has(id)) throw new RepoError(repoRef('sharedIds'));
        seen.add(id);
      }
    }
  }
  const total = importSize(cases);
  let done = 0;
  const step = async (count: number, write: () => Promise<unknown>) => {
    if (opts.signal?.aborted) throw new ImportCancelled();
    await write();
    done += count;
    opts.onProgress?.({ done, total });
  };
  return runWithOrigin('import', async () => {
    for (const data of cases) {
      const conflict = await conflictOf(data);
      if (conflict === 'case' || conflict === 'records') {
        throw new RepoError(repoRef('alreadyImported', { name: data.case.name }));
      }
      // The copy in the Trash makes way (in this transaction: if the import fails, it is still there).
      if (conflict === 'trash') await purgeCase(data.case.id);
    }
    for (const data of cases) {
      await step(1, () => db.cases.add(data.case));
      for (const chunk of chunked(data.sources, textChars)) await step(chunk.length, () => db.sources.bulkAdd(chunk));
      for (const chunk of chunked(data.blobs, (b) => b.bytes.byteLength)) await step(chunk.length, () => db.sourceBlobs.bulkAdd(chunk));
      for (const chunk of chunked(data.passages)) await step(chunk.length, () => db.passages.bulkAdd(chunk));
      for (const chunk of chunked(data.claims)) await step(chunk.length, () => db.claims.bulkAdd(chunk));
      for (const chunk of chunked(data.tags)) await step(chunk.length, () => db.tags.bulkAdd(chunk));
      for (const chunk of chunked(data.notes, (n) => n.plainText.length * 4)) await step(chunk.length, () => db.notes.bulkAdd(chunk));
      for (const chunk of chunked(data.timelineEntries)) await step(chunk.length, () => db.timelineEntries.bulkAdd(chunk));
      for (const chunk of chunked(data.entityMerges)) await step(chunk.length, () => db.entityMerges.bulkAdd(chunk));
      for (const chunk of chunked(data.entityTags)) await step(chunk.length, () => db.entityTags.bulkAdd(chunk));
      for (const chunk of chunked(data.figures, (f) => figureSize(f))) await step(chunk.length, () => db.figures.bulkAdd(chunk));
    }
    return cases.map((data) => data.case);
  });
}

/** Read every live case in the profile (for backups), each in its own read transaction. */
export async function readAllCases(): Promise<BundleData[]> {
  const ids = (await getDb().cases.filter(isLive).primaryKeys()) as string[];
  const all: BundleData[] = [];
  for (const id of ids) {
    const data = await readCaseSnapshot(id);
    if (data) all.push(data);
  }
  return all;
}
